"""Replicas' heartbeats: table runner (name, beat_at), and the holder of a leased room set-up
(crisis.set_up_runner), page delivery (page.runner) and a close's messages (debrief.close_runner), so a dead replica's work is taken over at once; the
request that opened a crisis (crisis.opened_request), so the same request run again finds it.
The due-delivery index now covers pages acknowledged or cancelled before their delivery was recorded.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN = "acked_at IS NULL AND escalated_at IS NULL AND cancelled_at IS NULL"
_OLD_DUE = f"delivered_at IS NULL AND {_OPEN}"
_NEW_DUE = "delivered_at IS NULL AND failed_at IS NULL AND escalated_at IS NULL"


def _due_index(condition: str) -> None:
    op.create_index("ix_page_due_delivery", "page", ["deliver_at"], postgresql_where=sa.text(condition),
                    sqlite_where=sa.text(condition))


def upgrade() -> None:
    op.create_table(
        "runner",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_runner")),
    )
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(sa.Column("set_up_runner", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("opened_request", sa.String(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_crisis_opened_request"), ["opened_request"])
    with op.batch_alter_table("page") as batch_op:
        batch_op.add_column(sa.Column("runner", sa.String(), nullable=True))
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.add_column(sa.Column("close_runner", sa.String(), nullable=True))
    op.drop_index("ix_page_due_delivery", table_name="page")
    _due_index(_NEW_DUE)


def downgrade() -> None:
    op.drop_index("ix_page_due_delivery", table_name="page")
    _due_index(_OLD_DUE)
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.drop_column("close_runner")
    with op.batch_alter_table("page") as batch_op:
        batch_op.drop_column("runner")
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_crisis_opened_request"), type_="unique")
        batch_op.drop_column("opened_request")
        batch_op.drop_column("set_up_runner")
    op.drop_table("runner")
