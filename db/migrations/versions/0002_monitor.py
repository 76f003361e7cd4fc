"""Monitor: mention, mention_bucket, source_state, term_watch, spike_alert, mention_label; crisis.term and
crisis.reputation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Hand-reviewed autogenerate output: plain sa.DateTime(timezone=True) instead of db.types.UtcDateTime (as in
0001), indexes of new tables created with op.create_index (batch mode is only needed to alter crisis on SQLite).
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNPOSTED = "posted_at IS NULL"


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _partial(condition: str) -> dict:
    return {"postgresql_where": sa.text(condition), "sqlite_where": sa.text(condition)}


def upgrade() -> None:
    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(), nullable=False),
        _utc("created_at"),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("feed", sa.String(), nullable=False),
        sa.Column("compound", sa.Double(), nullable=True),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_mention_source_source_id")),
    )
    op.create_index(op.f("ix_mention_created_at"), "mention", ["created_at"])
    op.create_index(op.f("ix_mention_term_created_at"), "mention", ["term", "created_at"])

    op.create_table(
        "mention_bucket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("feed", sa.String(), nullable=False),
        _utc("start"),
        sa.Column("bucket_minutes", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("negative_count", sa.Integer(), nullable=False),
        sa.Column("scored_count", sa.Integer(), nullable=False),
        sa.Column("compound_sum", sa.Double(), nullable=False),
        sa.Column("unique_authors", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention_bucket")),
        sa.UniqueConstraint("term", "feed", "start", name=op.f("uq_mention_bucket_term_feed_start")),
    )
    op.create_index(op.f("ix_mention_bucket_term_start"), "mention_bucket", ["term", "start"])

    op.create_table(
        "mention_label",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("labelled_by", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        _utc("labelled_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention_label")),
        sa.UniqueConstraint("source", "source_id", "labelled_by",
                            name=op.f("uq_mention_label_source_source_id_labelled_by")),
    )

    op.create_table(
        "source_state",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        _utc("next_poll_at", nullable=True),
        _utc("last_polled_at", nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        _utc("down_since", nullable=True),
        sa.Column("reported_down", sa.Boolean(), nullable=False),
        sa.Column("exhausted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_source_state")),
    )

    op.create_table(
        "term_watch",
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("detector", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        _utc("last_bucket", nullable=True),
        _utc("snoozed_until", nullable=True),
        sa.Column("snoozed_by", sa.String(), nullable=True),
        _utc("last_crisis_update_at", nullable=True),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_term_watch")),
    )

    op.create_table(
        "spike_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        _utc("started_at"),
        _utc("bucket_start"),
        sa.Column("observed", sa.Double(), nullable=False),
        sa.Column("baseline", sa.Double(), nullable=False),
        sa.Column("band_low", sa.Double(), nullable=False),
        sa.Column("band_high", sa.Double(), nullable=False),
        sa.Column("ratio", sa.Double(), nullable=False),
        sa.Column("is_update", sa.Boolean(), nullable=False),
        sa.Column("spam", sa.Boolean(), nullable=False),
        _utc("created_at"),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("negative_share", sa.Double(), nullable=True),
        sa.Column("reputation", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("channel_id", sa.String(), nullable=True),
        sa.Column("message_ts", sa.String(), nullable=True),
        _utc("posted_at", nullable=True),
        sa.Column("post_attempts", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=True),
        sa.Column("answered_by", sa.String(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_spike_alert_crisis_id_crisis"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spike_alert")),
        sa.UniqueConstraint("term", "kind", "started_at", "level",
                            name=op.f("uq_spike_alert_term_kind_started_at_level")),
    )
    op.create_index(op.f("ix_spike_alert_crisis_id"), "spike_alert", ["crisis_id"])
    op.create_index("ix_spike_alert_unposted", "spike_alert", ["created_at"], **_partial(_UNPOSTED))

    # Adding nullable columns is a plain ALTER TABLE on SQLite too; batch mode keeps it portable.
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(sa.Column("term", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("reputation", sa.Integer(), nullable=True))


def downgrade() -> None:
    # On SQLite batch mode copies the crisis table without the columns (env.py turns foreign keys off).
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("reputation")
        batch_op.drop_column("term")
    op.drop_table("spike_alert")
    op.drop_table("term_watch")
    op.drop_table("source_state")
    op.drop_table("mention_label")
    op.drop_table("mention_bucket")
    op.drop_table("mention")
