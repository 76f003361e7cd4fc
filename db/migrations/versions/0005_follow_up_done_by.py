"""Who marked a follow-up done: follow_up.done_by.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

A nullable column (follow-ups done before it stay without a name); batch mode keeps the ALTER portable.
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.add_column(sa.Column("done_by", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.drop_column("done_by")
