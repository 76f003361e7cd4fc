"""ORM rows of statements: statements with their versions and approvals, paused brand posts, press inquiries."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, partial

_STATEMENT_OPEN = "state IN ('pending', 'changes_requested') AND deadline IS NOT NULL"
_INQUIRY_UNREMINDED = "answered_at IS NULL AND reminded_at IS NULL"


class StatementRow(Base):
    """A public statement; its versions and approvals are append-only child rows."""

    __tablename__ = "statement"
    __table_args__ = (Index("ix_statement_open_deadline", "deadline", **partial(_STATEMENT_OPEN)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    target: Mapped[str]
    author: Mapped[str]
    created_at: Mapped[datetime]
    state: Mapped[str]
    template: Mapped[str | None]
    deadline: Mapped[datetime | None]
    deadline_reminded_at: Mapped[datetime | None]
    deadline_passed_told: Mapped[bool]
    channel_id: Mapped[str | None]
    message_ts: Mapped[str | None]
    publishing_since: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    published_ref: Mapped[str]
    publish_attempts: Mapped[int]
    publish_error: Mapped[str] = mapped_column(Text)
    publish_due_at: Mapped[datetime | None] = mapped_column(index=True)
    card_changes: Mapped[int]
    card_due_at: Mapped[datetime | None] = mapped_column(index=True)
    card_attempts: Mapped[int]
    notice: Mapped[str]
    notice_due_at: Mapped[datetime | None] = mapped_column(index=True)
    notice_attempts: Mapped[int]
    amends: Mapped[int | None] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"), index=True)
    """The published statement this one corrects or retracts (crisis.statements.amendments)."""
    amendment: Mapped[str | None]
    retracted_by: Mapped[int | None]

    versions: Mapped[list[StatementVersionRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StatementVersionRow.number")
    approvals: Mapped[list[ApprovalRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ApprovalRow.id")


class StatementVersionRow(Base):
    __tablename__ = "statement_version"
    __table_args__ = (UniqueConstraint("statement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"))
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str]
    created_at: Mapped[datetime]


class ApprovalRow(Base):
    """One decision on one version; the unique key keeps a double click from storing it twice.
    Rows come back in the order they were stored (by id)."""

    __tablename__ = "approval"
    __table_args__ = (UniqueConstraint("statement_id", "version", "user", "decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"))
    version: Mapped[int]
    role: Mapped[str]
    user: Mapped[str]
    decision: Mapped[str]
    at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text)


class PausedPostRow(Base):
    """A scheduled brand post taken off its schedule (crisis.schedules); stored once per channel or scheduler and
    the post's id there."""

    __tablename__ = "paused_post"
    __table_args__ = (UniqueConstraint("channel_id", "scheduled_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    channel_id: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    post_at: Mapped[datetime]
    scheduled_id: Mapped[str]
    author: Mapped[str]
    blocks_json: Mapped[str] = mapped_column(Text)
    paused_at: Mapped[datetime | None]
    deleted: Mapped[bool]
    outcome: Mapped[str]
    resumed_at: Mapped[datetime | None]
    new_post_at: Mapped[datetime | None]
    decided_by: Mapped[str | None]
    source: Mapped[str]
    account: Mapped[str]
    media_json: Mapped[str] = mapped_column(Text)
    options_json: Mapped[str] = mapped_column(Text)
    remove_due_at: Mapped[datetime | None] = mapped_column(index=True)
    remove_attempts: Mapped[int]
    remove_failure: Mapped[str] = mapped_column(Text)
    restore_attempts: Mapped[int]
    deciding: Mapped[str]
    deciding_since: Mapped[datetime | None]
    deciding_runner: Mapped[str | None]
    deciding_by: Mapped[str | None]
    restored_id: Mapped[str]


class PausedPostFileRow(Base):
    """A copy of one of a paused post's files (crisis.schedules.model.MediaCopy), kept until the crisis is gone."""

    __tablename__ = "paused_post_file"

    paused_post_id: Mapped[int] = mapped_column(ForeignKey("paused_post.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    reference: Mapped[str] = mapped_column(Text)
    name: Mapped[str]
    content_type: Mapped[str]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PressInquiryRow(Base):
    __tablename__ = "press_inquiry"
    __table_args__ = (Index("ix_press_inquiry_unreminded", "deadline", **partial(_INQUIRY_UNREMINDED)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    outlet: Mapped[str]
    contact: Mapped[str]
    question: Mapped[str] = mapped_column(Text)
    deadline: Mapped[datetime]
    logged_by: Mapped[str]
    logged_at: Mapped[datetime]
    assignee: Mapped[str | None]
    reminded_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("statement.id", ondelete="SET NULL"), index=True)
    channel_ts: Mapped[str | None]
