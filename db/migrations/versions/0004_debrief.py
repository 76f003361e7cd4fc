"""Debrief: debrief, debrief_response, follow_up; crisis.impact_started_at.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Hand-reviewed autogenerate output (the same on SQLite and PostgreSQL): plain sa.DateTime(timezone=True)
instead of db.types.UtcDateTime and JSONB without astext_type (as in 0001 to 0003), indexes of new tables
created with op.create_index, batch mode only to alter crisis. debrief_response.user is a reserved word on
PostgreSQL; SQLAlchemy quotes it.
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FOLLOW_UP_OPEN = "done_at IS NULL"


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def _partial(condition: str) -> dict:
    return {"postgresql_where": sa.text(condition), "sqlite_where": sa.text(condition)}


def upgrade() -> None:
    op.create_table(
        "debrief",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        _json("participants"),
        _utc("invited_at"),
        _utc("deadline"),
        _utc("remind_at", nullable=True),
        _utc("reminded_at", nullable=True),
        _utc("closed_at", nullable=True),
        _json("invite_failures"),
        sa.Column("report_markdown", sa.Text(), nullable=False),
        sa.Column("report_html", sa.Text(), nullable=False),
        sa.Column("report_file_id", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_debrief_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief")),
        sa.UniqueConstraint("crisis_id", name=op.f("uq_debrief_crisis_id")),
    )

    op.create_table(
        "debrief_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        _json("answers"),
        _utc("submitted_at"),
        _utc("updated_at"),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_debrief_response_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debrief_response")),
        sa.UniqueConstraint("crisis_id", "user", name=op.f("uq_debrief_response_crisis_id_user")),
    )

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(), nullable=True),
        _utc("due", nullable=True),
        sa.Column("created_by", sa.String(), nullable=False),
        _utc("created_at"),
        _utc("done_at", nullable=True),
        _utc("reminded_at", nullable=True),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_follow_up_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    op.create_index(op.f("ix_follow_up_crisis_id"), "follow_up", ["crisis_id"])
    op.create_index("ix_follow_up_open_due", "follow_up", ["due"], **_partial(_FOLLOW_UP_OPEN))

    # Adding a nullable column is a plain ALTER TABLE on SQLite too; batch mode keeps it portable.
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(_utc("impact_started_at", nullable=True))


def downgrade() -> None:
    # On SQLite batch mode copies the crisis table without the column (env.py turns foreign keys off).
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("impact_started_at")
    op.drop_table("follow_up")
    op.drop_table("debrief_response")
    op.drop_table("debrief")
