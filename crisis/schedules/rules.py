"""Pure decisions about paused posts: when a failed removal is tried again, which posts the close offers, the claim
a resume or discard holds while it calls the provider, and whether a post found at the provider is the one being
resumed."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.due import lease, retry_in
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


def left_scheduled(post: PausedPost, reason: str) -> None:
    """Its removal is given up (the crisis closed first): the post stays at its provider, with the reason."""
    post.remove_due_at, post.remove_failure = None, reason[:300]


def went_out(post: PausedPost, now: datetime) -> None:
    """The post was published before it could be taken off its schedule: nothing is left to resume or discard."""
    post.outcome, post.resumed_at, post.remove_due_at, post.remove_failure = "published", now, None, ""


def to_offer(posts: list[PausedPost]) -> list[PausedPost]:
    """At close: the posts taken off a schedule and not yet decided (one still scheduled needs no decision)."""
    return [p for p in posts if p.deleted and not p.outcome]


def not_removed(posts: list[PausedPost]) -> list[PausedPost]:
    """Posts recorded but still scheduled at their provider: shown on the card until removed."""
    return [p for p in posts if not p.deleted and not p.outcome]


def decision_lease(post: PausedPost) -> timedelta:
    """How long a claimed decision is left to its replica: a look at the provider's schedule, each file fetched and
    uploaded again, the post scheduled, and one removal should it lose a race. A claim older than this (its replica
    died) is taken over."""
    return lease(calls=3 + 2 * len(post.media))


def under_way(post: PausedPost, now: datetime, holder_silent: bool) -> bool:
    """Whether another decision of the post holds a live claim (its replica heard from, its lease not over): the
    post is then neither resumed nor discarded until it ends."""
    return (post.deciding_since is not None and not holder_silent
            and now < post.deciding_since + decision_lease(post))


def claim(post: PausedPost, outcome: str, user: str, runner: str, now: datetime) -> None:
    """Take the decision ("resumed" or "discarded") before the provider is called; call under the row lock, after
    under_way said no. A claim taken over from a dead replica is simply replaced."""
    post.deciding, post.deciding_since, post.deciding_runner, post.deciding_by = outcome, now, runner, user


def holds(post: PausedPost, runner: str, since: datetime) -> bool:
    """Whether the claim taken by `runner` at `since` is still the post's (no other replica took it over)."""
    return post.deciding_runner == runner and post.deciding_since == since


def release(post: PausedPost) -> None:
    post.deciding, post.deciding_since, post.deciding_runner, post.deciding_by = "", None, None, None


def decided(post: PausedPost, outcome: str, user: str, now: datetime, when: datetime | None,
            restored_id: str = "") -> None:
    """Record the outcome (once): the claim ends with it."""
    release(post)
    post.outcome, post.decided_by, post.resumed_at = outcome, user, now
    post.new_post_at, post.restored_id = (when, restored_id) if outcome == "resumed" else (None, "")


def same_post(planned: PlannedPost, post: PausedPost, when: datetime) -> bool:
    """Whether `planned`, found at the provider, is `post` already scheduled again for `when` (a resume whose
    answer was lost): the same text within a minute of the time."""
    return planned.text.strip() == post.text.strip() and abs(planned.post_at - when) <= timedelta(minutes=1)


def resume_key(post: PausedPost) -> str:
    return f"crisisbot-resume-{post.id}-{post.crisis_id}"
