"""What the scheduling use cases need: a scheduler per brand account (crisis.ports.Ports.schedulers), the paused
posts' repository and crisisbot's own queue."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost, QueuedPost


class Scheduler(Protocol):
    """One brand account's scheduled posts at its provider. Outside failures (401/403, 429, 5xx, no answer) raise
    crisis.errors.PublishFailed, with `permanent` and `retry_after` as the provider said."""

    def planned(self) -> list[PlannedPost]:
        """Every post the account has scheduled, soonest first."""

    def remove(self, post_id: str) -> bool:
        """Take the post off the schedule: True when this call removed it, False when it was gone already (an
        earlier try whose answer was lost): removing twice is safe."""

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        """Copies of the post's files that would be lost once it is off the schedule ([] when there are none,
        or when the provider keeps them itself)."""

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        """Schedule the post again for `post_at`, with its media (from `files`, the copies kept at pause, where
        there is one); its id there. `key` is the same for every try at one resume (providers with an idempotency
        key use it; the others are checked for the post first by the caller)."""


class PausedPosts(Protocol):
    def add(self, post: PausedPost) -> PausedPost:
        """Store the post once per (channel_id, scheduled_id): a post paused before is returned as stored."""

    def get(self, post_id: int) -> PausedPost | None: ...
    def lock(self, post_id: int) -> PausedPost | None: ...
    def save(self, post: PausedPost) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[PausedPost]: ...
    def removals_due(self, now: datetime, limit: int) -> list[int]:
        """Stored posts not yet removed at their provider whose remove_due_at has come, soonest first."""

    def keep_files(self, post_id: int, files: Sequence[MediaCopy]) -> None:
        """Store copies of the post's files (once: a post whose files are kept keeps the first copies)."""

    def files(self, post_id: int) -> list[MediaCopy]:
        """The copies kept of the post's files, in the post's order."""

    def drop_files(self, post_id: int) -> None:
        """Delete the copies of the post's files (once it is resumed or discarded)."""


class QueuedPosts(Protocol):
    def add(self, post: QueuedPost) -> tuple[QueuedPost, bool]:
        """Store the post once per key: (the stored post, whether it is new)."""

    def get(self, post_id: int) -> QueuedPost | None: ...
    def lock(self, post_id: int) -> QueuedPost | None: ...
    def save(self, post: QueuedPost) -> None: ...
    def queued(self) -> list[QueuedPost]:
        """Posts waiting in the queue or being published (state queued or publishing), soonest first."""

    def publishes_due(self, now: datetime, limit: int) -> list[int]:
        """Queued posts whose publish_due_at has come, and claimed ones whose lease has ended, soonest first."""
