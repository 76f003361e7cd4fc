"""ORM rows of webcare: a reply (the post it answers as read, our text, approvals, the send's claim and outcome, its
card) and an account marked do not engage (unique by its normalised handle)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.prevention.rows import CardColumns
from db.types import JsonDocument


class ReplyRow(CardColumns, Base):
    __tablename__ = "webcare_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int | None] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[str | None]
    target: Mapped[str]
    account: Mapped[str]
    post_id: Mapped[str]
    post_author: Mapped[str]
    post_text: Mapped[str] = mapped_column(Text)
    post_url: Mapped[str] = mapped_column(Text)
    line: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str]
    requested_at: Mapped[datetime]
    needs_approval: Mapped[bool]
    approvals: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
    state: Mapped[str]
    sending_since: Mapped[datetime | None]
    send_attempts: Mapped[int]
    send_due_at: Mapped[datetime | None] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    reply_url: Mapped[str] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)


class UnengagedRow(Base):
    __tablename__ = "do_not_engage"

    account: Mapped[str] = mapped_column(primary_key=True)
    marked_by: Mapped[str]
    marked_at: Mapped[datetime]
