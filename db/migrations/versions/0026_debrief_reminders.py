"""The debrief's reminder recorded per person and retried after a failure: debrief.reminded (who was reminded or
given up, sorted) and debrief.remind_attempts; remind_at is now pushed back by a sender's lease or a back-off.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08

Rows made before it: a debrief already reminded keeps its reminded_at (nobody is reminded again); one not reminded
yet reminds everyone who has not answered at its remind_at.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0026"
down_revision: str | Sequence[str] | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.add_column(sa.Column("reminded", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                                      nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("remind_attempts", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("debrief") as batch_op:  # the defaults only fill the rows there are
        batch_op.alter_column("reminded", server_default=None)
        batch_op.alter_column("remind_attempts", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.drop_column("remind_attempts")
        batch_op.drop_column("reminded")
