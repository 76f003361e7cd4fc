"""What playbooks' use cases need: the checklists. Their messages go out through prevention's chat slice
(`send_view` / `edit_view`: a neutral view posted once by its key, then edited in place)."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from crisis.playbooks.model import Checklist


class Checklists(Protocol):
    def add(self, checklist: Checklist) -> Checklist | None:
        """None when the crisis has its checklist already (one per crisis)."""

    def get(self, checklist_id: int) -> Checklist | None: ...
    def lock(self, checklist_id: int) -> Checklist | None: ...
    def save(self, checklist: Checklist) -> None: ...
    def for_crisis(self, crisis_id: int) -> Checklist | None: ...
    def cards_due(self, now: datetime, limit: int) -> list[int]:
        """Checklists whose message is due to be shown (card.due_at has passed); rows being worked on are skipped."""
