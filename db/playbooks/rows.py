"""ORM rows of playbooks: one checklist per crisis (unique), its steps, its ticks and its message's card state."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.prevention.rows import CardColumns


class ChecklistRow(CardColumns, Base):
    __tablename__ = "checklist"

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str]
    steps: Mapped[list[str]]
    own: Mapped[bool]
    created_at: Mapped[datetime]
    done: Mapped[dict[str, Any]]
