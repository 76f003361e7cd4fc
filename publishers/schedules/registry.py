"""The schedulers of a crisis plan (statements.scheduled_posts): per listed statement target, its account's scheduler
with its publisher's secret; and a Hootsuite account with its own. A missing secret raises PlanError naming it."""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from crisis.plan import CrisisPlan
from crisis.schedules.ports import Scheduler
from publishers.credentials import read_secret
from publishers.registry import FACTORIES, _optional
from publishers.schedules.facebook import FacebookSchedule
from publishers.schedules.hootsuite import HootsuiteSchedule
from publishers.schedules.mastodon import MastodonSchedule
from sources.http import HttpClient

HOOTSUITE = "hootsuite"
"""The key of the Hootsuite account among the schedulers (PausedPost.source)."""

SCHEDULERS: dict[str, Callable[[Mapping[str, str], str, HttpClient], Scheduler]] = {
    "mastodon": lambda o, secret, http: MastodonSchedule(o["instance"], secret, http),
    "facebook": lambda o, secret, http: FacebookSchedule(o["page_id"], secret, http=http,
                                                         **_optional(o, "api", "api_version")),
}


def build_schedulers(plan: CrisisPlan, environ: Mapping[str, str] = os.environ,
                     http: HttpClient | None = None) -> dict[str, tuple[str, Scheduler]]:
    """Scheduler key (the target's, or "hootsuite") -> (the account as people know it, its scheduler)."""
    http = http or HttpClient()
    settings = plan.statements.scheduled_posts
    schedulers: dict[str, tuple[str, Scheduler]] = {}
    for key in settings.targets:
        target = plan.statements.target(key)
        options = target.publisher if target else {}
        if options.get("type") not in SCHEDULERS:
            continue  # checked when the plan was read
        what, factory = FACTORIES[options["type"]]
        secret = read_secret(options, f"statements.targets.{key}.publisher", environ, what)
        label, _ = factory(options, secret, http)
        schedulers[key] = (label, SCHEDULERS[options["type"]](options, secret, http))
    if settings.hootsuite:
        options = settings.hootsuite
        secret = read_secret(options, "statements.scheduled_posts.hootsuite", environ, "the Hootsuite token")
        profiles = tuple(p for p in options.get("profiles", "").split(",") if p)
        schedulers[HOOTSUITE] = ("Hootsuite", HootsuiteSchedule(secret, profiles=profiles, http=http,
                                                                **_optional(options, "api")))
    return schedulers
