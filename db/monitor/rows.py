"""ORM rows of the monitor: mentions, their bucket aggregates, source states, term watches, spike alerts, labels."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, partial


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
    platform: Mapped[str] = mapped_column(server_default="")


class MentionBucketRow(Base):
    """Aggregates of the mentions of one term and feed in [start, start + bucket_minutes), added to by each batch
    stored; unique_authors is -1 (repositories.UNCOUNTED) until the authors are counted again after a batch."""

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
        Index("ix_spike_alert_unposted", "created_at", **partial("posted_at IS NULL")),
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
    retry_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
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
