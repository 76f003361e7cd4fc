"""paused_post.options_json: the provider's settings of a paused post that its restore sends back (Mastodon: the
visibility, content warning, sensitive flag, language, reply and poll), so a followers-only status does not come
back public.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-08

Posts paused before it have none: they are restored as before.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0028"
down_revision: str | Sequence[str] | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("paused_post") as batch_op:
        batch_op.add_column(sa.Column("options_json", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("paused_post") as batch_op:  # the default only fills the rows there are
        batch_op.alter_column("options_json", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("paused_post") as batch_op:
        batch_op.drop_column("options_json")
