"""The publishers of a crisis plan: per target, the Slack publish channel and the target's Mastodon account."""
from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from slack_sdk import WebClient

from crisis.errors import PlanError
from crisis.plan import CrisisPlan
from crisis.statements.ports import Publisher
from publishers.mastodon import MastodonPublisher
from publishers.slack_channel import SlackChannelPublisher
from sources.http import redact_url


def build_publishers(plan: CrisisPlan, client: WebClient,
                     environ: Mapping[str, str] = os.environ) -> dict[str, list[tuple[str, Publisher]]]:
    """Target key -> (label, publisher) in publishing order, for every target of the plan (an empty list
    when nothing is configured); a bad instance URL or an unset token variable raises PlanError."""
    statements = plan.statements
    slack = [(f"Slack {statements.publish_channel}", SlackChannelPublisher(client, statements.publish_channel))] \
        if statements.publish_channel else []
    publishers: dict[str, list[tuple[str, Publisher]]] = {}
    for target in statements.targets:
        publishers[target.key] = list(slack)
        if target.publisher.get("type") == "mastodon":
            path = f"statements.targets.{target.key}.publisher"
            instance = target.publisher["instance"]
            parts = urlsplit(instance)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise PlanError(f"{path}.instance",
                                f"'{redact_url(instance)}' is not an http(s) URL, e.g. https://mastodon.social")
            variable = target.publisher["token_env"]
            token = environ.get(variable, "").strip()
            if not token:
                raise PlanError(f"{path}.token_env", f"environment variable {variable} (the Mastodon token) is not set")
            label = f"Mastodon {parts.netloc.rpartition('@')[2]}"  # the host, never the userinfo
            publishers[target.key].append((label, MastodonPublisher(instance, token)))
    return publishers
