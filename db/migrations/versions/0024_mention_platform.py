"""The network a listening tool or a file named for a mention: mention.platform ("" for rows made before it).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06

The column keeps its server default: adding a column with a constant default is a cheap change on SQLite and
PostgreSQL alike, where dropping the default again would make SQLite copy the whole mention table.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0024"
down_revision: str | Sequence[str] | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("mention", sa.Column("platform", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("mention") as batch_op:
        batch_op.drop_column("platform")
