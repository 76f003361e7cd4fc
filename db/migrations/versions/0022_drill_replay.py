"""Drill replay (issue 13 point 6): table drill_replay, one per drill crisis, the cursor of its recording's replay.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drill_replay",
        sa.Column("crisis_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("recording", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fed", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_drill_replay_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("crisis_id", name=op.f("pk_drill_replay")),
    )


def downgrade() -> None:
    op.drop_table("drill_replay")
