"""ORM rows of the crisis room (crisis, role assignments, pages, timeline events, handled requests),
of the monitor (mentions, their bucket aggregates, source states, term watches, spike alerts, labels),
of statements (statements, their versions and approvals, paused brand posts, press inquiries)
and of the debrief (debriefs, participants' responses, follow-up actions)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, MetaData, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.types import JsonDocument, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

_PAGE_OPEN = "acked_at IS NULL AND escalated_at IS NULL AND cancelled_at IS NULL"
_CRISIS_OPEN = "status = 'open'"
_STATEMENT_OPEN = "state IN ('pending', 'changes_requested') AND deadline IS NOT NULL"
_INQUIRY_UNREMINDED = "answered_at IS NULL AND reminded_at IS NULL"
_FOLLOW_UP_OPEN = "done_at IS NULL"


def _partial(condition: str) -> dict[str, Any]:
    """Index options for a partial index on both dialects."""
    return {"postgresql_where": text(condition), "sqlite_where": text(condition)}


class Base(DeclarativeBase):
    metadata = metadata
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JsonDocument, list[str]: JsonDocument}


class CrisisRow(Base):
    __tablename__ = "crisis"
    __table_args__ = (
        Index("ix_crisis_unfinished_setup", "opened_at", **_partial("set_up_at IS NULL")),
        Index("ix_crisis_update_due", "next_update_due_at", **_partial(_CRISIS_OPEN)),
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
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None]
    resolution: Mapped[str]
    term: Mapped[str | None]
    reputation: Mapped[int | None]
    next_update_due_at: Mapped[datetime | None]
    impact_started_at: Mapped[datetime | None]

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
        Index("ix_page_due_delivery", "deliver_at", **_partial(f"delivered_at IS NULL AND {_PAGE_OPEN}")),
        Index("ix_page_due_escalation", "escalate_at", **_partial(_PAGE_OPEN)),
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


# --- monitor ---------------------------------------------------------------------------------


class MentionRow(Base):
    """A raw mention, stored once per (source, source_id); pruned after a while, its buckets stay."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("source", "source_id"), Index(None, "term", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str]
    source_id: Mapped[str]
    author: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(index=True)
    language: Mapped[str | None]
    term: Mapped[str]
    feed: Mapped[str]
    compound: Mapped[float | None]
    label: Mapped[str]
    truncated: Mapped[bool]


class MentionBucketRow(Base):
    """Aggregates of the mentions of one term and feed in [start, start + bucket_minutes)."""

    __tablename__ = "mention_bucket"
    __table_args__ = (UniqueConstraint("term", "feed", "start"), Index(None, "term", "start"))

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str]
    feed: Mapped[str]
    start: Mapped[datetime]
    bucket_minutes: Mapped[int]
    count: Mapped[int]
    negative_count: Mapped[int]
    scored_count: Mapped[int]
    compound_sum: Mapped[float]
    unique_authors: Mapped[int]


class SourceStateRow(Base):
    __tablename__ = "source_state"

    name: Mapped[str] = mapped_column(primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    next_poll_at: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]
    failures: Mapped[int]
    last_error: Mapped[str] = mapped_column(Text)
    down_since: Mapped[datetime | None]
    reported_down: Mapped[bool]
    exhausted: Mapped[bool]


class TermWatchRow(Base):
    __tablename__ = "term_watch"

    term: Mapped[str] = mapped_column(primary_key=True)
    detector: Mapped[dict[str, Any]]
    last_bucket: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    snoozed_by: Mapped[str | None]
    last_crisis_update_at: Mapped[datetime | None]


class SpikeAlertRow(Base):
    """A spike warning; the unique key makes raising the same warning twice (two replicas) a no-op."""

    __tablename__ = "spike_alert"
    __table_args__ = (
        UniqueConstraint("term", "kind", "started_at", "level"),
        Index("ix_spike_alert_unposted", "created_at", **_partial("posted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str]
    kind: Mapped[str]
    level: Mapped[int]
    started_at: Mapped[datetime]
    bucket_start: Mapped[datetime]
    observed: Mapped[float]
    baseline: Mapped[float]
    band_low: Mapped[float]
    band_high: Mapped[float]
    ratio: Mapped[float]
    is_update: Mapped[bool]
    spam: Mapped[bool]
    created_at: Mapped[datetime]
    mentions: Mapped[int]
    negative_share: Mapped[float | None]
    reputation: Mapped[int | None]
    status: Mapped[str]
    channel_id: Mapped[str | None]
    message_ts: Mapped[str | None]
    posted_at: Mapped[datetime | None]
    post_attempts: Mapped[int]
    crisis_id: Mapped[int | None] = mapped_column(ForeignKey("crisis.id", ondelete="SET NULL"), index=True)
    answered_by: Mapped[str | None]
    feedback: Mapped[str] = mapped_column(Text)


class MentionLabelRow(Base):
    """One person's label for one mention, keyed like the mention (source + source_id), not by a foreign
    key: a label may come before the mention is stored; MentionStore.prune keeps labelled mentions."""

    __tablename__ = "mention_label"
    __table_args__ = (UniqueConstraint("source", "source_id", "labelled_by"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str]
    source_id: Mapped[str]
    labelled_by: Mapped[str]
    label: Mapped[str]
    labelled_at: Mapped[datetime]


# --- statements ------------------------------------------------------------------------------


class StatementRow(Base):
    """A public statement; its versions and approvals are append-only child rows."""

    __tablename__ = "statement"
    __table_args__ = (Index("ix_statement_open_deadline", "deadline", **_partial(_STATEMENT_OPEN)),)

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
    """A scheduled brand post taken off the schedule; stored once per Slack scheduled message."""

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


class PressInquiryRow(Base):
    __tablename__ = "press_inquiry"
    __table_args__ = (Index("ix_press_inquiry_unreminded", "deadline", **_partial(_INQUIRY_UNREMINDED)),)

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


# --- debrief ---------------------------------------------------------------------------------


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
    __table_args__ = (Index("ix_follow_up_open_due", "due", **_partial(_FOLLOW_UP_OPEN)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None]
    due: Mapped[datetime | None]
    created_by: Mapped[str]
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
