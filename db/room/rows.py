"""ORM rows of the crisis room: crises, their role assignments, pages, timeline events, handled requests."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, partial

_PAGE_OPEN = "acked_at IS NULL AND escalated_at IS NULL AND cancelled_at IS NULL"
_CRISIS_OPEN = "status = 'open'"
_PAGE_UNDELIVERED = "delivered_at IS NULL AND failed_at IS NULL AND escalated_at IS NULL"
"""A page whose delivery is not recorded is delivered (again) even once acknowledged: its messages may have
landed, and only a recorded delivery lets the acknowledgement show on them."""


class CrisisRow(Base):
    __tablename__ = "crisis"
    __table_args__ = (
        Index("ix_crisis_unfinished_setup", "opened_at", **partial("set_up_at IS NULL")),
        Index("ix_crisis_update_due", "next_update_due_at", **partial(_CRISIS_OPEN)),
        Index("ix_crisis_card_due", "card_due_at", **partial("card_due_at IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    severity: Mapped[str]
    kind: Mapped[str]
    opened_by: Mapped[str]
    opened_at: Mapped[datetime]
    description: Mapped[str]
    link: Mapped[str]
    status: Mapped[str]
    channel_id: Mapped[str | None] = mapped_column(unique=True)
    channel_name: Mapped[str | None]
    card_ts: Mapped[str | None]
    announced: Mapped[bool]
    set_up_at: Mapped[datetime | None]
    set_up_retry_at: Mapped[datetime | None]
    set_up_runner: Mapped[str | None]
    opened_request: Mapped[str | None] = mapped_column(unique=True)
    set_up_attempts: Mapped[int]
    posts_swept_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None]
    resolution: Mapped[str]
    term: Mapped[str | None]
    reputation: Mapped[int | None]
    next_update_due_at: Mapped[datetime | None]
    impact_started_at: Mapped[datetime | None]
    private: Mapped[bool]
    drill: Mapped[bool] = mapped_column(default=False)
    card_claims: Mapped[int]
    card_claims_shown: Mapped[int]
    card_due_at: Mapped[datetime | None]
    card_attempts: Mapped[int]

    roles: Mapped[list[RoleAssignmentRow]] = relationship(
        back_populates="crisis", cascade="all, delete-orphan", lazy="selectin",
        order_by="RoleAssignmentRow.position")


class RoleAssignmentRow(Base):
    """One role of one crisis; `position` keeps the plan's order of roles."""

    __tablename__ = "role_assignment"
    __table_args__ = (UniqueConstraint("crisis_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"))
    position: Mapped[int]
    role: Mapped[str]
    user_id: Mapped[str | None]
    backup_id: Mapped[str | None]
    acked_by: Mapped[str | None]
    acked_at: Mapped[datetime | None]
    unanswered: Mapped[bool]

    crisis: Mapped[CrisisRow] = relationship(back_populates="roles")


class PageRow(Base):
    __tablename__ = "page"
    __table_args__ = (
        Index("ix_page_due_delivery", "deliver_at", **partial(_PAGE_UNDELIVERED)),
        Index("ix_page_due_escalation", "escalate_at", **partial(_PAGE_OPEN)),
        Index("ix_page_ack_due", "ack_due_at", **partial("ack_due_at IS NOT NULL")),
        Index("ix_page_notice_due", "notice_due_at", **partial("notice_due_at IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    role: Mapped[str]
    user_id: Mapped[str]
    level: Mapped[str]
    created_at: Mapped[datetime]
    escalate_at: Mapped[datetime]
    deliver_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    dm_channel: Mapped[str | None]
    dm_ts: Mapped[str | None]
    channel_ts: Mapped[str | None]
    attempts: Mapped[int]
    last_error: Mapped[str]
    acked_at: Mapped[datetime | None]
    acked_by: Mapped[str | None]
    escalated_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    runner: Mapped[str | None]
    ack_due_at: Mapped[datetime | None]
    ack_attempts: Mapped[int]
    ack_shown_at: Mapped[datetime | None]
    notice_due_at: Mapped[datetime | None]
    notice_attempts: Mapped[int]


class TimelineEventRow(Base):
    __tablename__ = "timeline_event"
    __table_args__ = (Index(None, "crisis_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"))
    kind: Mapped[str]
    at: Mapped[datetime]
    actor: Mapped[str | None]
    data: Mapped[dict[str, Any]]


class HandledRequestRow(Base):
    """A request key (Slack event id, action + message ts + user ...) claimed once; the RequestLog."""

    __tablename__ = "handled_request"

    key: Mapped[str] = mapped_column(primary_key=True)
    at: Mapped[datetime]
