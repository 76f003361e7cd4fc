"""Dataclasses of playbooks: a crisis's checklist, its steps and who ticked which."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crisis.prevention.model import Shown


@dataclass
class Checklist:
    """The playbook of one crisis (one per crisis): its steps as they were at open, the ticks, and its message
    in the crisis room, kept up to date like prevention's cards (`card`)."""

    crisis_id: int
    kind: str
    steps: list[str]
    """Catalog keys of the shipped steps, or the plan's own texts when `own`."""
    own: bool
    created_at: datetime
    done: dict[str, dict[str, str]] = field(default_factory=dict)
    """Step number (1-based, as text) -> {"by": who, "at": ISO time}."""
    card: Shown = field(default_factory=Shown)
    id: int | None = None

    def done_count(self) -> int:
        return sum(1 for number in range(1, len(self.steps) + 1) if str(number) in self.done)
