"""A post waiting in a scheduler (Mastodon, a Facebook Page, Hootsuite, a Slack channel) and the plan's schedulers."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from crisis.statements.model import PausedPost

__all__ = ["PausedPost", "PlannedPost", "SchedulesPlan", "media_json", "media_of"]

CHAT = ""
"""PausedPost.source of a message scheduled in a chat channel (Slack); any other source is a scheduler's key."""


@dataclass(frozen=True)
class PlannedPost:
    """One post a scheduler holds for later: its id there, the text, when it goes out and its media (URLs or ids)."""

    id: str
    text: str
    post_at: datetime
    media: tuple[str, ...] = ()
    author: str = ""
    """Who or what posts it at the provider when that is needed to restore it (Hootsuite: the social profile)."""


@dataclass(frozen=True)
class SchedulesPlan:
    """`statements.scheduled_posts`: the statement targets whose accounts' scheduled posts are paused at open
    (their publisher options name the platform and token), and a Hootsuite account's options, if any."""

    targets: tuple[str, ...] = ()
    hootsuite: dict[str, str] = field(default_factory=dict)


def media_json(media: tuple[str, ...]) -> str:
    return json.dumps(list(media)) if media else ""


def media_of(post: PausedPost) -> tuple[str, ...]:
    try:
        found = json.loads(post.media_json) if post.media_json else []
    except ValueError:
        return ()
    return tuple(str(m) for m in found) if isinstance(found, list) else ()
