"""SQL repository of take-downs inside one unit of work's Session; due removals and cards are claimed with FOR UPDATE
SKIP LOCKED on PostgreSQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from crisis.takedowns.model import Takedown, TakedownState
from db.repository import RowRepository
from db.takedowns.mapping import takedown_from_row, takedown_to_row
from db.takedowns.rows import TakedownRow


class SqlTakedowns(RowRepository[Takedown, TakedownRow], row=TakedownRow, noun="take-down", read=takedown_from_row,
                   write=takedown_to_row):
    def for_crisis(self, crisis_id: int) -> list[Takedown]:
        return self._all(select(TakedownRow).where(TakedownRow.crisis_id == crisis_id).order_by(TakedownRow.id))

    def removals_due(self, now: datetime, limit: int) -> list[int]:
        t = TakedownRow
        return self._due(select(t.id).where(t.state == TakedownState.APPROVED.value, t.remove_due_at <= now)
                         .order_by(t.remove_due_at, t.id).limit(limit))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        t = TakedownRow
        return self._due(select(t.id).where(t.card_due_at <= now).order_by(t.card_due_at, t.id).limit(limit))
