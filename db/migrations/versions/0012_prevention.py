"""Prevention (issue 13): the account register, offboarding alerts and access reviews.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

Tables social_account, prevention_notice, offboarding and access_review. Hand-reviewed autogenerate output (as
in 0004): plain sa.DateTime(timezone=True) for db.types.UtcDateTime, JSONB without astext_type on PostgreSQL.
offboarding.user is a reserved word on PostgreSQL; SQLAlchemy quotes it.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column:
    return sa.Column(name, sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False)


def _text(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(), nullable=nullable)


def _number(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False)


def _card() -> list[sa.Column]:
    return [_text("card_channel_id", True), _text("card_ref", True), _utc("card_due_at", True),
            _number("card_attempts"), _number("card_changes"), _number("card_shown")]


def _table(name: str, *columns: sa.Column | sa.Constraint) -> None:
    op.create_table(name, sa.Column("id", sa.Integer(), nullable=False), *columns,
                    sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")))


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    _table("access_review", _text("account"), _text("label"), _text("round"), _text("owner"), _json("holders"),
           _utc("started_at"), _utc("due_at"), _json("decisions"), _utc("completed_at", True),
           _utc("escalated_at", True), *_card(),
           sa.UniqueConstraint("account", "round", name=op.f("uq_access_review_account_round")))
    for column in ("card_due_at", "due_at", "started_at"):
        _index("access_review", column)
    _table("offboarding", _text("user"), _text("email", True), _utc("left_at"), _json("accounts"), _json("labels"),
           _json("revoked"), *_card(), _utc("remind_at", True), _number("reminders"),
           sa.UniqueConstraint("user", name=op.f("uq_offboarding_user")))
    for column in ("card_due_at", "remind_at"):
        _index("offboarding", column)
    _table("prevention_notice", _text("key"), _text("kind"), _text("recipient"), _json("params"),
           _utc("due_at", True), _number("attempts"), _utc("sent_at", True),
           sa.Column("failed", sa.Text(), nullable=False),
           sa.UniqueConstraint("key", name=op.f("uq_prevention_notice_key")))
    _index("prevention_notice", "due_at")
    _table("social_account", _text("key"), _text("platform"), _text("handle"), _text("owner"),
           sa.Column("two_factor", sa.Boolean(), nullable=False), _text("credential"), _json("access"),
           _text("updated_by", True), _utc("updated_at", True),
           sa.UniqueConstraint("key", name=op.f("uq_social_account_key")))


def downgrade() -> None:
    op.drop_table("social_account")
    op.drop_index(op.f("ix_prevention_notice_due_at"), table_name="prevention_notice")
    op.drop_table("prevention_notice")
    for column in ("card_due_at", "remind_at"):
        op.drop_index(op.f(f"ix_offboarding_{column}"), table_name="offboarding")
    op.drop_table("offboarding")
    for column in ("card_due_at", "due_at", "started_at"):
        op.drop_index(op.f(f"ix_access_review_{column}"), table_name="access_review")
    op.drop_table("access_review")
