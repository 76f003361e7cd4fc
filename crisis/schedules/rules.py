"""Pure decisions about paused posts: when a failed removal is tried again, which posts the close offers, and
whether a post found at the provider is the one being resumed."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.due import retry_in
from crisis.errors import OutsideFailure
from crisis.schedules.model import PausedPost, PlannedPost

MAX_REMOVALS = 12
"""Tries at removing one post before it is left to people (the card shows it all along)."""


def removal_failed(post: PausedPost, failure: OutsideFailure, now: datetime) -> None:
    """Record a failed removal: the provider's reason (shown on the card) and when to try again; removing is
    idempotent (gone counts as removed), so every failure is retried, a refusal (401/403) more slowly."""
    post.remove_attempts += 1
    post.remove_failure = failure.reason[:300]
    if post.remove_attempts >= MAX_REMOVALS:
        post.remove_due_at = None
        return
    wait = retry_in(post.remove_attempts, failure)
    post.remove_due_at = now + (wait * 6 if failure.permanent else wait)


def removed(post: PausedPost) -> None:
    post.deleted, post.remove_due_at, post.remove_failure = True, None, ""


def to_offer(posts: list[PausedPost]) -> list[PausedPost]:
    """At close: the posts taken off a schedule and not yet decided (one still scheduled needs no decision)."""
    return [p for p in posts if p.deleted and not p.outcome]


def not_removed(posts: list[PausedPost]) -> list[PausedPost]:
    """Posts recorded but still scheduled at their provider: shown on the card until removed."""
    return [p for p in posts if not p.deleted and not p.outcome]


def same_post(planned: PlannedPost, post: PausedPost, when: datetime) -> bool:
    """Whether `planned`, found at the provider, is `post` already scheduled again for `when` (a resume whose
    answer was lost): the same text within a minute of the time."""
    return planned.text.strip() == post.text.strip() and abs(planned.post_at - when) <= timedelta(minutes=1)


def resume_key(post: PausedPost) -> str:
    return f"crisisbot-resume-{post.id}-{post.crisis_id}"
