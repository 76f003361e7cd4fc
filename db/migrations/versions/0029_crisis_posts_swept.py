"""crisis.posts_swept_at: when the room's tick last paused the brand posts scheduled since the crisis opened (one
provider read per source every few minutes, not every tick).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-08

Crises open before it are swept from their set-up's time.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0029"
down_revision: str | Sequence[str] | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(sa.Column("posts_swept_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("posts_swept_at")
