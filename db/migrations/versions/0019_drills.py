"""Drills: crisis.drill marks a practice crisis.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-05

Rows made before it are real crises (drill false).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(sa.Column("drill", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("drill")
