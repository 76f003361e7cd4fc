"""SQL checklists of playbooks: one per crisis (INSERT .. ON CONFLICT DO NOTHING), due messages claimed with FOR
UPDATE SKIP LOCKED on PostgreSQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from crisis.playbooks.model import Checklist
from db.playbooks.mapping import checklist_from_row, checklist_to_row
from db.playbooks.rows import ChecklistRow
from db.prevention.repositories import Once
from db.repository import RowRepository


class SqlChecklists(Once, RowRepository[Checklist, ChecklistRow], row=ChecklistRow, noun="checklist",
                    read=checklist_from_row, write=checklist_to_row):
    def add(self, checklist: Checklist) -> Checklist | None:
        """None when the crisis has its checklist already."""
        return self._add_once(checklist, ["crisis_id"])

    def for_crisis(self, crisis_id: int) -> Checklist | None:
        return self._one(select(ChecklistRow).where(ChecklistRow.crisis_id == crisis_id))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        c = ChecklistRow
        return self._due(select(c.id).where(c.card_due_at <= now).order_by(c.card_due_at, c.id).limit(limit))
