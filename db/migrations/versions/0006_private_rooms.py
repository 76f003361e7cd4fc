"""Private crisis rooms: crisis.private.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Crises opened before it were all public: the column is NOT NULL with a server default of false, which fills
existing rows; batch mode keeps the ALTER portable.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("private")
