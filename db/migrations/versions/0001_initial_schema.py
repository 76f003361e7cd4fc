"""Initial schema: crisis, role_assignment, page, timeline_event, handled_request.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Hand-reviewed autogenerate output: plain sa.DateTime(timezone=True) instead of db.types.UtcDateTime
(migrations must not import application code that may change; the UTC conversion is Python-side).
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PAGE_OPEN = "acked_at IS NULL AND escalated_at IS NULL AND cancelled_at IS NULL"


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _partial(condition: str) -> dict:
    return {"postgresql_where": sa.text(condition), "sqlite_where": sa.text(condition)}


def upgrade() -> None:
    op.create_table(
        "crisis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("opened_by", sa.String(), nullable=False),
        _utc("opened_at"),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("link", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("channel_id", sa.String(), nullable=True),
        sa.Column("channel_name", sa.String(), nullable=True),
        sa.Column("card_ts", sa.String(), nullable=True),
        sa.Column("announced", sa.Boolean(), nullable=False),
        _utc("set_up_at", nullable=True),
        _utc("closed_at", nullable=True),
        sa.Column("closed_by", sa.String(), nullable=True),
        sa.Column("resolution", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crisis")),
        sa.UniqueConstraint("channel_id", name=op.f("uq_crisis_channel_id")),
    )
    op.create_index("ix_crisis_unfinished_setup", "crisis", ["opened_at"], **_partial("set_up_at IS NULL"))

    op.create_table(
        "role_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=True),
        sa.Column("backup_id", sa.String(), nullable=True),
        sa.Column("acked_by", sa.String(), nullable=True),
        _utc("acked_at", nullable=True),
        sa.Column("unanswered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_role_assignment_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_assignment")),
        sa.UniqueConstraint("crisis_id", "role", name=op.f("uq_role_assignment_crisis_id_role")),
    )

    op.create_table(
        "page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("user_id", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        _utc("created_at"),
        _utc("escalate_at"),
        _utc("deliver_at"),
        _utc("delivered_at", nullable=True),
        sa.Column("dm_channel", sa.String(), nullable=True),
        sa.Column("dm_ts", sa.String(), nullable=True),
        sa.Column("channel_ts", sa.String(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(), nullable=False),
        _utc("acked_at", nullable=True),
        sa.Column("acked_by", sa.String(), nullable=True),
        _utc("escalated_at", nullable=True),
        _utc("cancelled_at", nullable=True),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_page_crisis_id_crisis"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page")),
    )
    op.create_index(op.f("ix_page_crisis_id"), "page", ["crisis_id"])
    op.create_index("ix_page_due_delivery", "page", ["deliver_at"],
                    **_partial(f"delivered_at IS NULL AND {_PAGE_OPEN}"))
    op.create_index("ix_page_due_escalation", "page", ["escalate_at"], **_partial(_PAGE_OPEN))

    op.create_table(
        "timeline_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        _utc("at"),
        sa.Column("actor", sa.String(), nullable=True),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_timeline_event_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_event")),
    )
    op.create_index(op.f("ix_timeline_event_crisis_id_at"), "timeline_event", ["crisis_id", "at"])

    op.create_table(
        "handled_request",
        sa.Column("key", sa.String(), nullable=False),
        _utc("at"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_handled_request")),
    )


def downgrade() -> None:
    op.drop_table("handled_request")
    op.drop_table("timeline_event")
    op.drop_table("page")
    op.drop_table("role_assignment")
    op.drop_table("crisis")
