"""ORM row of a take-down: the post it names, its archived copy (stored before any removal), the approvals, the
removal's claim and outcome, and its card."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.prevention.rows import CardColumns
from db.types import JsonDocument


class TakedownRow(CardColumns, Base):
    __tablename__ = "takedown"

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    target: Mapped[str]
    account: Mapped[str]
    post_id: Mapped[str]
    requested_by: Mapped[str]
    requested_at: Mapped[datetime]
    channel_id: Mapped[str | None]
    post_text: Mapped[str] = mapped_column(Text)
    post_author: Mapped[str]
    posted_at: Mapped[datetime | None]
    post_url: Mapped[str] = mapped_column(Text)
    post_metrics: Mapped[dict[str, Any]]
    approvals: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
    state: Mapped[str]
    removing_since: Mapped[datetime | None]
    remove_attempts: Mapped[int]
    remove_due_at: Mapped[datetime | None] = mapped_column(index=True)
    maybe_removed: Mapped[bool]
    removed_at: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(Text)
