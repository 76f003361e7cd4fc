"""SQL repository of crisisbot's own queue inside one unit of work's Session: stored once per key (INSERT .. ON
CONFLICT DO NOTHING), due publishes claimed with FOR UPDATE SKIP LOCKED on PostgreSQL."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from crisis.schedules.model import QueuedPost
from db.mapping import assign, column_values, read
from db.repository import RowRepository, insert
from db.schedules.rows import QueuedPostRow


def _read(row: QueuedPostRow) -> QueuedPost:
    return read(row, QueuedPost)


def _write(post: QueuedPost, row: QueuedPostRow) -> None:
    assign(row, column_values(post))


class SqlQueuedPosts(RowRepository[QueuedPost, QueuedPostRow], row=QueuedPostRow, noun="queued post", read=_read,
                     write=_write):
    def add(self, post: QueuedPost) -> tuple[QueuedPost, bool]:
        statement = (insert(self._session)(QueuedPostRow.__table__).values(column_values(post))
                     .on_conflict_do_nothing(index_elements=["key"]).returning(QueuedPostRow.__table__.c.id))
        post_id = self._session.execute(statement).scalar_one_or_none()
        if post_id is not None:
            return replace(post, id=post_id), True
        stored = self._one(select(QueuedPostRow).where(QueuedPostRow.key == post.key))
        assert stored is not None
        return stored, False

    def queued(self) -> list[QueuedPost]:
        q = QueuedPostRow
        return self._all(select(q).where(q.state.in_(("queued", "publishing"))).order_by(q.post_at, q.id))

    def publishes_due(self, now: datetime, limit: int) -> list[int]:
        q = QueuedPostRow
        return self._due(select(q.id).where(q.state.in_(("queued", "publishing")), q.publish_due_at <= now)
                         .order_by(q.publish_due_at, q.id).limit(limit))
