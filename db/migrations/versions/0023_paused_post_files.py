"""Paused posts' media kept (issue 15 point 1): table paused_post_file, a copy of each file of a paused post.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paused_post_file",
        sa.Column("paused_post_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("content_type", sa.String(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["paused_post_id"], ["paused_post.id"],
                                name=op.f("fk_paused_post_file_paused_post_id_paused_post"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("paused_post_id", "position", name=op.f("pk_paused_post_file")),
    )


def downgrade() -> None:
    op.drop_table("paused_post_file")
