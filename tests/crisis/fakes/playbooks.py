"""In-memory checklists of playbooks, as db/playbooks/repositories.py: one per crisis."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from crisis.playbooks.model import Checklist
from tests.crisis.fakes.tables import Table, as_json


class FakeChecklists(Table):
    name = "checklists"

    def add(self, checklist: Checklist) -> Checklist | None:
        """None when the crisis has one (crisis_id is unique); the crisis must exist (a foreign key)."""
        self._require("crises", checklist.crisis_id)
        if self.for_crisis(checklist.crisis_id) is not None:
            return None
        return self._insert(replace(checklist, steps=as_json(checklist.steps), done=as_json(checklist.done)))

    def save(self, checklist: Checklist) -> None:
        super().save(replace(checklist, done=as_json(checklist.done)))

    def for_crisis(self, crisis_id: int) -> Checklist | None:
        return self._first(lambda c: c.crisis_id == crisis_id)

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda c: c.card.due_at is not None and c.card.due_at <= now,
                         lambda c: (c.card.due_at, c.id), limit)
