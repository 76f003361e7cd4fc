"""The publishers of a crisis plan: per target, the chat's publish channel (Slack's or Teams') and the target's own
platform account (Mastodon, Bluesky, a Facebook Page, a LinkedIn organisation or X), or a group target's included
targets' accounts, each secret read from the environment or a secrets file (publishers/credentials.py); and the post
removers and repliers of the accounts that can take posts down or reply."""
from __future__ import annotations

import os
from typing import Protocol, TypeVar
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from slack_sdk import WebClient

from crisis.plan import ALL_STAFF_TARGET, CrisisPlan
from crisis.statements.ports import Publisher
from crisis.takedowns.ports import PostRemover
from crisis.webcare.ports import Replier
from publishers.bluesky import BlueskyPublisher
from publishers.bluesky_posts import BlueskyPosts
from publishers.bluesky_replies import BlueskyReplies
from publishers.credentials import read_secret
from publishers.facebook import FacebookPagePublisher
from publishers.facebook_posts import FacebookPosts
from publishers.linkedin import LinkedInPublisher
from publishers.mastodon import MAX_CHARS, MastodonPublisher
from publishers.mastodon_posts import MastodonPosts
from publishers.replies import FacebookReplies, MastodonReplies, XReplies
from publishers.slack_channel import SlackChannelPublisher
from publishers.teams_channel import TeamsChannelPublisher
from publishers.x import XPublisher
from publishers.x_posts import XPosts
from sources.http import HttpClient
from teams.client import TeamsClient
from teams.conversations import Conversations


class Factory(Protocol):
    """(the plan's publisher options, the secret, the HTTP client, the target's character limit) -> (label people
    see, publisher)."""

    def __call__(self, options: Mapping[str, str], secret: str, http: HttpClient,
                 limit: int | None = None, /) -> tuple[str, Publisher]: ...


ChannelPublishers = Callable[[str], tuple[str, Publisher]]
"""A channel of the team's chat (the plan's publish or all-staff channel) -> (label people see, its publisher)."""


def slack_channels(client: WebClient) -> ChannelPublishers:
    return lambda channel: (f"Slack {channel}", SlackChannelPublisher(client, channel))


def teams_channels(client: TeamsClient, conversations: Conversations, team_id: str | None,
                   name_of: Callable[[str], str] = str) -> ChannelPublishers:
    """Teams channels by conversation id (`name_of` gives the label its channel name)."""
    return lambda channel: (f"Teams {name_of(channel)}", TeamsChannelPublisher(client, conversations, channel,
                                                                               team_id))


def _host(url: str) -> str:
    return urlsplit(url).netloc.rpartition("@")[2]


def _optional(options: Mapping[str, str], *keys: str) -> dict[str, str]:
    return {key: options[key] for key in keys if key in options}


FACTORIES: dict[str, tuple[str, Factory]] = {
    # type: (what the secret is, for people; how to build the publisher)
    "mastodon": ("the Mastodon token", lambda o, secret, http, limit=None: (  # an instance may allow more than 500
        f"Mastodon {_host(o['instance'])}", MastodonPublisher(o["instance"], secret, http, limit or MAX_CHARS))),
    "bluesky": ("the Bluesky app password", lambda o, secret, http, limit=None: (
        f"Bluesky @{o['handle'].lstrip('@')}", BlueskyPublisher(o["handle"], secret, http=http,
                                                                **_optional(o, "service")))),
    "facebook": ("the Facebook Page access token", lambda o, secret, http, limit=None: (
        f"Facebook Page {o['page_id']}", FacebookPagePublisher(o["page_id"], secret, http=http,
                                                               **_optional(o, "api", "api_version")))),
    "linkedin": ("the LinkedIn access token", lambda o, secret, http, limit=None: (
        f"LinkedIn {o['organization'].rpartition(':')[2]}", LinkedInPublisher(o["organization"], secret, http=http,
                                                                              **_optional(o, "api", "api_version")))),
    "x": ("the X user access token", lambda o, secret, http, limit=None: ("X", XPublisher(secret, http=http,
                                                                                           **_optional(o, "api")))),
}


def build_publishers(plan: CrisisPlan, chat: WebClient | ChannelPublishers, environ: Mapping[str, str] = os.environ,
                     http: HttpClient | None = None) -> dict[str, list[tuple[str, Publisher]]]:
    """Target key -> (label, publisher) in publishing order, for every target of the plan (an empty list when
    nothing is configured; the all-staff target posts only to `statements.all_staff_channel`); a secret that is not
    set (or a secrets file that cannot be read) raises PlanError naming the variable or file. The plan's options
    were checked when it was read (crisis/statements/targets.py). `chat`: the channel publishers of the team's chat
    (slack_channels, teams_channels; a Slack WebClient stands for slack_channels of it)."""
    statements = plan.statements
    channel = slack_channels(chat) if isinstance(chat, WebClient) else chat
    in_chat = [channel(statements.publish_channel)] if statements.publish_channel else []
    http = http or HttpClient()
    publishers: dict[str, list[tuple[str, Publisher]]] = {}
    for target in statements.targets:
        if target.key == ALL_STAFF_TARGET:  # the employee briefing goes to the staff, never to the public channel
            staff = statements.all_staff_channel
            publishers[target.key] = [channel(staff)] if staff else []
        else:
            publishers[target.key] = list(in_chat)
        accounts = [statements.target(key) for key in target.includes] if target.includes else [target]
        for account in accounts:  # a group target publishes to each included target's account, in order
            if account is not None and account.publisher:
                label, publisher = FACTORIES[account.publisher["type"]][1](
                    account.publisher, _secret(account.key, account.publisher, environ), http, account.limit)
                taken = {taken for taken, _ in publishers[target.key]}  # labels key published_ref: keep them unique
                publishers[target.key].append((f"{label} ({account.key})" if label in taken else label, publisher))
    return publishers


def _secret(key: str, options: Mapping[str, str], environ: Mapping[str, str]) -> str:
    """The secret of target `key`'s publisher (a missing one raises PlanError naming the variable or file)."""
    return read_secret(options, f"statements.targets.{key}.publisher", environ, FACTORIES[options["type"]][0])


T = TypeVar("T")

REMOVERS: dict[str, Callable[[Mapping[str, str], str, HttpClient], PostRemover]] = {
    # type: how to build the remover of the account's posts (LinkedIn: not yet, its posts stay up)
    "mastodon": lambda o, secret, http: MastodonPosts(o["instance"], secret, http),
    "bluesky": lambda o, secret, http: BlueskyPosts(o["handle"], secret, http=http, **_optional(o, "service")),
    "facebook": lambda o, secret, http: FacebookPosts(o["page_id"], secret, http=http,
                                                      **_optional(o, "api", "api_version")),
    "x": lambda o, secret, http: XPosts(secret, http=http, **_optional(o, "api")),
}


def build_removers(plan: CrisisPlan, environ: Mapping[str, str] = os.environ,
                   http: HttpClient | None = None) -> dict[str, tuple[str, PostRemover]]:
    """Target key -> (the account as its publisher is labelled, its remover), for every target whose platform can
    take posts down; the same secret as its publisher (a missing one raises PlanError, as build_publishers)."""
    return _per_target(plan, environ, http or HttpClient(), REMOVERS)


REPLIERS: dict[str, Callable[[Mapping[str, str], str, HttpClient], Replier]] = {
    # type: how to build the account's replier (webcare; LinkedIn: not yet)
    "bluesky": lambda o, secret, http: BlueskyReplies(o["handle"], secret, http=http, **_optional(o, "service")),
    "mastodon": lambda o, secret, http: MastodonReplies(o["instance"], secret, http),
    "facebook": lambda o, secret, http: FacebookReplies(o["page_id"], secret, http=http,
                                                        **_optional(o, "api", "api_version")),
    "x": lambda o, secret, http: XReplies(secret, http=http, **_optional(o, "api")),
}


def build_repliers(plan: CrisisPlan, environ: Mapping[str, str] = os.environ,
                   http: HttpClient | None = None) -> dict[str, tuple[str, Replier]]:
    """Target key -> (the account as its publisher is labelled, its replier), for every target whose platform can
    reply to posts; the same secret as its publisher (a missing one raises PlanError, as build_publishers)."""
    return _per_target(plan, environ, http or HttpClient(), REPLIERS)


def _per_target(plan: CrisisPlan, environ: Mapping[str, str], http: HttpClient,
                table: Mapping[str, Callable[[Mapping[str, str], str, HttpClient], T]]) -> dict[str, tuple[str, T]]:
    """Target key -> (its publisher's label, what `table` builds for its platform) for the targets `table` covers."""
    built: dict[str, tuple[str, T]] = {}
    for target in plan.statements.targets:
        options = target.publisher
        if options and options["type"] in table:
            secret = _secret(target.key, options, environ)
            label, _ = FACTORIES[options["type"]][1](options, secret, http)
            built[target.key] = (label, table[options["type"]](options, secret, http))
    return built
