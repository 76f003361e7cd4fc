"""SQL repositories of webcare inside one unit of work's Session: replies (due sends and cards claimed with FOR
UPDATE SKIP LOCKED on PostgreSQL) and the do-not-engage marks (a mark made twice at once is stored once)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crisis.webcare.model import PostSeen, Reply, ReplyState, Unengaged
from db.mapping import assign, column_values, read
from db.prevention.mapping import card_from_row, card_values
from db.repository import RowRepository, insert
from db.statements.mapping import approvals_from_json, approvals_json
from db.webcare.rows import ReplyRow, UnengagedRow


def reply_from_row(row: ReplyRow) -> Reply:
    return read(row, Reply, post=PostSeen(row.post_author, row.post_text, row.post_url),
                approvals=approvals_from_json(row.approvals), state=ReplyState(row.state), card=card_from_row(row))


def reply_to_row(reply: Reply, row: ReplyRow) -> None:
    assign(row, column_values(reply, skip=frozenset({"post", "approvals", "card"})) | {
        "post_author": reply.post.author, "post_text": reply.post.text, "post_url": reply.post.url,
        "approvals": approvals_json(reply.approvals)} | card_values(reply.card))


class SqlReplies(RowRepository[Reply, ReplyRow], row=ReplyRow, noun="reply", read=reply_from_row,
                 write=reply_to_row):
    def for_crisis(self, crisis_id: int) -> list[Reply]:
        return self._all(select(ReplyRow).where(ReplyRow.crisis_id == crisis_id).order_by(ReplyRow.id))

    def sends_due(self, now: datetime, limit: int) -> list[int]:
        r = ReplyRow
        return self._due(select(r.id).where(r.state == ReplyState.APPROVED.value, r.send_due_at <= now)
                         .order_by(r.send_due_at, r.id).limit(limit))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        r = ReplyRow
        return self._due(select(r.id).where(r.card_due_at <= now).order_by(r.card_due_at, r.id).limit(limit))


class SqlDoNotEngage:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, unengaged: Unengaged) -> bool:
        done = self._session.execute(insert(self._session)(UnengagedRow.__table__).values(
            account=unengaged.account, marked_by=unengaged.marked_by, marked_at=unengaged.marked_at)
            .on_conflict_do_nothing(index_elements=["account"]).returning(UnengagedRow.account))
        return done.scalar() is not None

    def remove(self, account: str) -> bool:
        return bool(self._session.execute(delete(UnengagedRow).where(UnengagedRow.account == account)).rowcount)

    def has(self, account: str) -> bool:
        return self._session.get(UnengagedRow, account, populate_existing=True) is not None

    def all(self) -> list[Unengaged]:
        rows = self._session.scalars(select(UnengagedRow).order_by(UnengagedRow.account))
        return [Unengaged(row.account, row.marked_by, row.marked_at) for row in rows]
