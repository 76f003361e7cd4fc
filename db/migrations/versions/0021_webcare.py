"""Webcare (issue 15, point 5): table webcare_reply (a reply to a post, recorded before it is sent: the post as read,
our text, approvals, the send's claim and outcome, its card) and do_not_engage (accounts never replied to).

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-06

Hand-written in the shape of 0016 (plain sa.DateTime(timezone=True) for db.types.UtcDateTime, JSONB on PostgreSQL).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = ("card_due_at", "crisis_id", "send_due_at")


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _long(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _number(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "webcare_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("card_channel_id", True), _text("card_ref", True), _utc("card_due_at", True), _number("card_attempts"),
        _number("card_changes"), _number("card_shown"),
        sa.Column("crisis_id", sa.Integer(), nullable=True), _text("channel_id", True), _text("target"),
        _text("account"), _text("post_id"), _text("post_author"), _long("post_text"), _long("post_url"),
        _text("line"), _long("text"), _text("requested_by"), _utc("requested_at"),
        sa.Column("needs_approval", sa.Boolean(), nullable=False),
        sa.Column("approvals", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        _text("state"), _utc("sending_since", True), _number("send_attempts"), _utc("send_due_at", True),
        _utc("sent_at", True), _long("reply_url"), _long("error"),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_webcare_reply_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webcare_reply")),
    )
    for column in _INDEXED:
        op.create_index(op.f(f"ix_webcare_reply_{column}"), "webcare_reply", [column], unique=False)
    op.create_table(
        "do_not_engage",
        _text("account"), _text("marked_by"), _utc("marked_at"),
        sa.PrimaryKeyConstraint("account", name=op.f("pk_do_not_engage")),
    )


def downgrade() -> None:
    op.drop_table("do_not_engage")
    for column in _INDEXED:
        op.drop_index(op.f(f"ix_webcare_reply_{column}"), table_name="webcare_reply")
    op.drop_table("webcare_reply")
