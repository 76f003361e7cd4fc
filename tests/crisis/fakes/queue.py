"""FakeQueuedPosts: crisisbot's own queue of brand posts in memory, once per key."""
from __future__ import annotations

from datetime import datetime

from crisis.schedules.model import QueuedPost
from tests.crisis.fakes.tables import Table


class FakeQueuedPosts(Table):
    name = "queued_posts"

    def add(self, post: QueuedPost) -> tuple[QueuedPost, bool]:
        before = self._first(lambda p: p.key == post.key)
        return (before, False) if before else (self._insert(post), True)

    def queued(self) -> list[QueuedPost]:
        return self._select(lambda p: p.state in ("queued", "publishing"), lambda p: (p.post_at, p.id))

    def publishes_due(self, now: datetime, limit: int) -> list[int]:
        due = self._select(lambda p: p.state in ("queued", "publishing") and p.publish_due_at is not None
                           and p.publish_due_at <= now,
                           lambda p: (p.publish_due_at, p.id))
        return [p.id for p in due][:limit]
