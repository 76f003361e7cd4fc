"""Playbooks (issue 13 point 4): table checklist, one per crisis, with its steps, ticks and message state.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

Hand-written as 0012: plain sa.DateTime(timezone=True) for db.types.UtcDateTime, JSONB on PostgreSQL.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json(name: str) -> sa.Column:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "checklist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        _json("steps"),
        sa.Column("own", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _json("done"),
        sa.Column("card_channel_id", sa.String(), nullable=True),
        sa.Column("card_ref", sa.String(), nullable=True),
        sa.Column("card_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("card_attempts", sa.Integer(), nullable=False),
        sa.Column("card_changes", sa.Integer(), nullable=False),
        sa.Column("card_shown", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_checklist_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist")),
        sa.UniqueConstraint("crisis_id", name=op.f("uq_checklist_crisis_id")),
    )
    op.create_index(op.f("ix_checklist_card_due_at"), "checklist", ["card_due_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_checklist_card_due_at"), table_name="checklist")
    op.drop_table("checklist")
