"""A post waiting in a scheduler (Mastodon, a Facebook Page, Hootsuite, a Slack channel) and the plan's schedulers."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from crisis.statements.model import PausedPost

__all__ = ["MediaCopy", "PausedPost", "PlannedPost", "QueuedPost", "SchedulesPlan", "media_json"]

CHAT = ""
"""PausedPost.source of a message scheduled in a chat channel (Slack); any other source is a scheduler's key."""
QUEUE = "queue"
"""PausedPost.source of a post in crisisbot's own queue (PausedPost.scheduled_id: the QueuedPost's id)."""


@dataclass
class QueuedPost:
    """A brand post in crisisbot's own queue (`/crisis schedule`, a CSV content calendar), published by the target's
    publishers when due, unless a crisis is open."""

    key: str
    """Once per key: the command's request, or the calendar row (target, time, text) so an import is repeatable."""
    target: str
    text: str
    post_at: datetime
    created_by: str
    created_at: datetime
    state: str = "queued"  # queued, publishing (claimed by the tick), paused (by a crisis), published, discarded,
    # failed
    publish_attempts: int = 0
    publish_due_at: datetime | None = None
    """When the tick (re)tries publishing it: post_at, then a back-off after a failure; None when done."""
    published_ref: str = ""
    publish_error: str = ""
    id: int | None = None


@dataclass(frozen=True)
class PlannedPost:
    """One post a scheduler holds for later: its id there, the text, when it goes out and its media (URLs or ids)."""

    id: str
    text: str
    post_at: datetime
    media: tuple[str, ...] = ()
    author: str = ""
    """Who or what posts it at the provider when that is needed to restore it (Hootsuite: the social profile)."""
    options_json: str = ""
    """The provider's settings of the post that a restore must send back, as JSON (Mastodon: visibility, content
    warning, sensitive, language, reply, poll); "" when there are none."""


@dataclass(frozen=True)
class MediaCopy:
    """A copy of one of a paused post's files, kept while it is paused: its provider may delete the file once it
    is no longer attached to anything (Mastodon does after a day), and a CDN link may expire (Facebook's do)."""

    reference: str
    """The link (or media id) the scheduler showed for the file: PausedPost.media holds the same."""
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class SchedulesPlan:
    """`statements.scheduled_posts`: the statement targets whose accounts' scheduled posts are paused at open
    (their publisher options name the platform and token), and a Hootsuite account's options, if any."""

    targets: tuple[str, ...] = ()
    hootsuite: dict[str, str] = field(default_factory=dict)


def media_json(media: tuple[str, ...]) -> str:
    return json.dumps(list(media)) if media else ""
