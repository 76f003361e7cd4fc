"""Take-downs (issue 15, point 3): table takedown, a post to remove with its archived copy, approvals, the removal's
claim and outcome, and its card.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05

Hand-written in the shape of 0012 (plain sa.DateTime(timezone=True) for db.types.UtcDateTime, JSONB on PostgreSQL).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = ("card_due_at", "crisis_id", "remove_due_at")


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _long(name: str) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=False)


def _number(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "takedown",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("card_channel_id", True), _text("card_ref", True), _utc("card_due_at", True), _number("card_attempts"),
        _number("card_changes"), _number("card_shown"),
        sa.Column("crisis_id", sa.Integer(), nullable=False), _text("target"), _text("account"), _text("post_id"),
        _text("requested_by"), _utc("requested_at"), _text("channel_id", True), _long("post_text"),
        _text("post_author"), _utc("posted_at", True), _long("post_url"), _json("post_metrics"), _json("approvals"),
        _text("state"), _utc("removing_since", True), _number("remove_attempts"), _utc("remove_due_at", True),
        sa.Column("maybe_removed", sa.Boolean(), nullable=False), _utc("removed_at", True), _long("error"),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_takedown_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_takedown")),
    )
    for column in _INDEXED:
        op.create_index(op.f(f"ix_takedown_{column}"), "takedown", [column], unique=False)


def downgrade() -> None:
    for column in _INDEXED:
        op.drop_index(op.f(f"ix_takedown_{column}"), table_name="takedown")
    op.drop_table("takedown")
