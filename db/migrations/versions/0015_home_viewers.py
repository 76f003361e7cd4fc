"""The App Home: table home_viewer (who opened the Home tab, when, when it is checked next, and a digest of what
it showed), so the tick refreshes it when what they see changed.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "home_viewer",
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("check_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("digest", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("user", name=op.f("pk_home_viewer")),
    )
    op.create_index(op.f("ix_home_viewer_opened_at"), "home_viewer", ["opened_at"])
    op.create_index(op.f("ix_home_viewer_check_at"), "home_viewer", ["check_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_home_viewer_check_at"), table_name="home_viewer")
    op.drop_index(op.f("ix_home_viewer_opened_at"), table_name="home_viewer")
    op.drop_table("home_viewer")
