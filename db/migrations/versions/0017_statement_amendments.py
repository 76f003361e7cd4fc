"""Corrections and retractions of published statements: statement.amends (the statement corrected or retracted),
statement.amendment ("correction" / "retraction") and statement.retracted_by (the published retraction).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05

Rows made before it are statements of their own (both columns NULL).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("statement") as batch_op:
        batch_op.add_column(sa.Column("amends", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("amendment", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("retracted_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_statement_amends_statement", "statement", ["amends"], ["id"],
                                    ondelete="CASCADE")
        batch_op.create_index("ix_statement_amends", ["amends"])


def downgrade() -> None:
    with op.batch_alter_table("statement") as batch_op:
        batch_op.drop_index("ix_statement_amends")
        batch_op.drop_constraint("fk_statement_amends_statement", type_="foreignkey")
        batch_op.drop_column("retracted_by")
        batch_op.drop_column("amendment")
        batch_op.drop_column("amends")
