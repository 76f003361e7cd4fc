"""The request inbox: taken_request, requests recorded before they are answered and removed once done.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "taken_request",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("work", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redo_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redone", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_taken_request")),
    )
    op.create_index(op.f("ix_taken_request_redo_at"), "taken_request", ["redo_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_taken_request_redo_at"), table_name="taken_request")
    op.drop_table("taken_request")
