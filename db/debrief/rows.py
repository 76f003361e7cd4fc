"""ORM rows of the debrief: debriefs, participants' responses, follow-up actions."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, partial

_FOLLOW_UP_OPEN = "done_at IS NULL"


class DebriefRow(Base):
    """The debrief of one crisis: the unique crisis_id makes opening it twice (two replicas) a no-op."""

    __tablename__ = "debrief"

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), unique=True)
    participants: Mapped[list[str]]
    invited_at: Mapped[datetime]
    deadline: Mapped[datetime]
    remind_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    invite_failures: Mapped[dict[str, Any]]
    report_markdown: Mapped[str] = mapped_column(Text)
    report_html: Mapped[str] = mapped_column(Text)
    report_file_id: Mapped[str | None]
    report_due_at: Mapped[datetime | None] = mapped_column(index=True)
    report_attempts: Mapped[int]
    report_error: Mapped[str] = mapped_column(Text)
    told: Mapped[list[str]]
    close_due_at: Mapped[datetime | None] = mapped_column(index=True)
    close_attempts: Mapped[int]
    close_runner: Mapped[str | None]
    reminded: Mapped[list[str]]
    remind_attempts: Mapped[int]


class DebriefResponseRow(Base):
    """One participant's answers to one crisis's questionnaire; an edit updates the row (one per user)."""

    __tablename__ = "debrief_response"
    __table_args__ = (UniqueConstraint("crisis_id", "user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"))
    user: Mapped[str]
    answers: Mapped[dict[str, Any]]
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FollowUpRow(Base):
    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_open_due", "due", **partial(_FOLLOW_UP_OPEN)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None]
    due: Mapped[datetime | None]
    created_by: Mapped[str]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    done_by: Mapped[str | None]
    remind_attempts: Mapped[int]
    remind_retry_at: Mapped[datetime | None]
