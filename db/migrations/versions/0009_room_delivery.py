"""What the crisis room shows, recorded before it is shown and retried until it is: the card's claims (changes to
show, and shown), its due time and attempts; per page, its acknowledged mark and its escalation notice (due time,
attempts, when the mark showed); and when an unfinished room set-up is run again (set_up_retry_at, attempts).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05

Rows made before it start with nothing to show: their cards count as shown; an unfinished set-up is due at once.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CRISIS_COUNTS = ("card_claims", "card_claims_shown", "card_attempts", "set_up_attempts")
_PAGE_COUNTS = ("ack_attempts", "notice_attempts")


def _utc(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def _partial(condition: str) -> dict:
    return {"postgresql_where": sa.text(condition), "sqlite_where": sa.text(condition)}


def upgrade() -> None:
    with op.batch_alter_table("crisis") as batch_op:
        for name in _CRISIS_COUNTS:
            batch_op.add_column(_count(name))
        batch_op.add_column(_utc("card_due_at"))
        batch_op.add_column(_utc("set_up_retry_at"))
    with op.batch_alter_table("page") as batch_op:
        batch_op.add_column(_utc("ack_due_at"))
        batch_op.add_column(_count("ack_attempts"))
        batch_op.add_column(_utc("ack_shown_at"))
        batch_op.add_column(_utc("notice_due_at"))
        batch_op.add_column(_count("notice_attempts"))
    with op.batch_alter_table("crisis") as batch_op:  # the defaults only fill the rows there are
        for name in _CRISIS_COUNTS:
            batch_op.alter_column(name, server_default=None)
    with op.batch_alter_table("page") as batch_op:
        for name in _PAGE_COUNTS:
            batch_op.alter_column(name, server_default=None)
    op.execute("UPDATE crisis SET set_up_retry_at = opened_at WHERE set_up_at IS NULL")
    op.create_index("ix_crisis_card_due", "crisis", ["card_due_at"], **_partial("card_due_at IS NOT NULL"))
    op.create_index("ix_page_ack_due", "page", ["ack_due_at"], **_partial("ack_due_at IS NOT NULL"))
    op.create_index("ix_page_notice_due", "page", ["notice_due_at"], **_partial("notice_due_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_page_notice_due", table_name="page")
    op.drop_index("ix_page_ack_due", table_name="page")
    op.drop_index("ix_crisis_card_due", table_name="crisis")
    with op.batch_alter_table("page") as batch_op:
        for name in ("notice_attempts", "notice_due_at", "ack_shown_at", "ack_attempts", "ack_due_at"):
            batch_op.drop_column(name)
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("set_up_retry_at")
        batch_op.drop_column("card_due_at")
        for name in reversed(_CRISIS_COUNTS):
            batch_op.drop_column(name)
