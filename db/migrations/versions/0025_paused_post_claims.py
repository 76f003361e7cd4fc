"""A paused post's decision claimed before its provider is called: paused_post.deciding, deciding_since,
deciding_runner, deciding_by, and restored_id (the post's id at its provider once resumed).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07

Rows made before it hold no claim ("" / NULL) and no restored id.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0025"
down_revision: str | Sequence[str] | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXTS = ("deciding", "restored_id")
_NULLABLE = {"deciding_since": sa.DateTime(timezone=True), "deciding_runner": sa.String(),
             "deciding_by": sa.String()}


def upgrade() -> None:
    with op.batch_alter_table("paused_post") as batch_op:
        for name in _TEXTS:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
        for name, kind in _NULLABLE.items():
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("paused_post") as batch_op:  # the defaults only fill the rows there are
        for name in _TEXTS:
            batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("paused_post") as batch_op:
        for name in (*_NULLABLE, *_TEXTS):
            batch_op.drop_column(name)
