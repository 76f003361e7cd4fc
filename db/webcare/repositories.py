"""SQL repositories of webcare inside one unit of work's Session: replies (due sends and cards claimed with FOR
UPDATE SKIP LOCKED on PostgreSQL) and the do-not-engage marks (a mark made twice at once is stored once)."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crisis.prevention.model import Shown
from crisis.statements.model import Approval, Decision
from crisis.webcare.model import PostSeen, Reply, ReplyState, Unengaged
from db.mapping import assign, column_values, read
from db.repository import RowRepository, insert
from db.webcare.rows import ReplyRow, UnengagedRow

_CARD = tuple(f.name for f in fields(Shown))


def reply_from_row(row: ReplyRow) -> Reply:
    approvals = [Approval(a["version"], a["role"], a["user"], Decision(a["decision"]), datetime.fromisoformat(a["at"]),
                          a.get("note", "")) for a in row.approvals]
    return read(row, Reply, post=PostSeen(row.post_author, row.post_text, row.post_url), approvals=approvals,
                state=ReplyState(row.state), card=Shown(**{name: getattr(row, f"card_{name}") for name in _CARD}))


def reply_to_row(reply: Reply, row: ReplyRow) -> None:
    assign(row, column_values(reply, skip=frozenset({"post", "approvals", "card"})) | {
        "post_author": reply.post.author, "post_text": reply.post.text, "post_url": reply.post.url,
        "approvals": [_approval(a) for a in reply.approvals]}
        | {f"card_{name}": getattr(reply.card, name) for name in _CARD})


def _approval(approval: Approval) -> dict[str, Any]:
    return {"version": approval.version, "role": approval.role, "user": approval.user,
            "decision": approval.decision.value, "at": approval.at.isoformat(), "note": approval.note}


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
