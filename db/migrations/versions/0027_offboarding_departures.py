"""Offboarding per departure: offboarding.departure (the person's first, second ...), unique with the user in place
of the user alone, so someone who came back and leaves again holding new access is recorded (and alerted) again.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-08

Rows made before it are their person's first departure.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0027"
down_revision: str | Sequence[str] | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("offboarding") as batch_op:
        batch_op.add_column(sa.Column("departure", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("offboarding") as batch_op:  # the default only fills the rows there are
        batch_op.alter_column("departure", server_default=None)
        batch_op.drop_constraint(op.f("uq_offboarding_user"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_offboarding_user_departure"), ["user", "departure"])


def downgrade() -> None:
    """Only each person's first departure is kept: the table held one per person."""
    op.execute(sa.text("DELETE FROM offboarding WHERE departure > 1"))
    with op.batch_alter_table("offboarding") as batch_op:
        batch_op.drop_constraint(op.f("uq_offboarding_user_departure"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_offboarding_user"), ["user"])
        batch_op.drop_column("departure")
