"""The messages of statements and of the close sent as due work: statement.card_changes, card_due_at,
card_attempts, notice, notice_due_at, notice_attempts; debrief.told, close_due_at, close_attempts.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05

Rows made before it: cards and notices count as sent, and a debrief's close as told (its invitations went
out the old way).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def upgrade() -> None:
    with op.batch_alter_table("statement") as batch_op:
        batch_op.add_column(_count("card_changes"))
        batch_op.add_column(_utc("card_due_at"))
        batch_op.add_column(_count("card_attempts"))
        batch_op.add_column(sa.Column("notice", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(_utc("notice_due_at"))
        batch_op.add_column(_count("notice_attempts"))
        batch_op.create_index("ix_statement_card_due_at", ["card_due_at"])
        batch_op.create_index("ix_statement_notice_due_at", ["notice_due_at"])
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.add_column(sa.Column("told", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
                                      nullable=False, server_default="[]"))
        batch_op.add_column(_utc("close_due_at"))
        batch_op.add_column(_count("close_attempts"))
        batch_op.create_index("ix_debrief_close_due_at", ["close_due_at"])
    with op.batch_alter_table("statement") as batch_op:  # the defaults only fill the rows there are
        for name in ("card_changes", "card_attempts", "notice", "notice_attempts"):
            batch_op.alter_column(name, server_default=None)
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.alter_column("told", server_default=None)
        batch_op.alter_column("close_attempts", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.drop_index("ix_debrief_close_due_at")
        for name in ("close_attempts", "close_due_at", "told"):
            batch_op.drop_column(name)
    with op.batch_alter_table("statement") as batch_op:
        batch_op.drop_index("ix_statement_notice_due_at")
        batch_op.drop_index("ix_statement_card_due_at")
        for name in ("notice_attempts", "notice_due_at", "notice", "card_attempts", "card_due_at", "card_changes"):
            batch_op.drop_column(name)
