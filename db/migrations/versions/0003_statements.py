"""Statements: statement, statement_version, approval, paused_post, press_inquiry; crisis.next_update_due_at.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Hand-reviewed autogenerate output (the same on SQLite and PostgreSQL): plain sa.DateTime(timezone=True)
instead of db.types.UtcDateTime (as in 0001 and 0002), indexes of new tables created with op.create_index,
batch mode only to alter crisis. approval.user is a reserved word on PostgreSQL; SQLAlchemy quotes it.
"""
from __future__ import annotations

from typing import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CRISIS_OPEN = "status = 'open'"
_STATEMENT_OPEN = "state IN ('pending', 'changes_requested') AND deadline IS NOT NULL"
_INQUIRY_UNREMINDED = "answered_at IS NULL AND reminded_at IS NULL"


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _partial(condition: str) -> dict:
    return {"postgresql_where": sa.text(condition), "sqlite_where": sa.text(condition)}


def upgrade() -> None:
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        _utc("created_at"),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("template", sa.String(), nullable=True),
        _utc("deadline", nullable=True),
        _utc("deadline_reminded_at", nullable=True),
        sa.Column("deadline_passed_told", sa.Boolean(), nullable=False),
        sa.Column("channel_id", sa.String(), nullable=True),
        sa.Column("message_ts", sa.String(), nullable=True),
        _utc("publishing_since", nullable=True),
        _utc("published_at", nullable=True),
        sa.Column("published_ref", sa.String(), nullable=False),
        sa.Column("publish_attempts", sa.Integer(), nullable=False),
        sa.Column("publish_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_statement_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    op.create_index(op.f("ix_statement_crisis_id"), "statement", ["crisis_id"])
    op.create_index("ix_statement_open_deadline", "statement", ["deadline"], **_partial(_STATEMENT_OPEN))

    op.create_table(
        "statement_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        _utc("created_at"),
        sa.ForeignKeyConstraint(["statement_id"], ["statement.id"],
                                name=op.f("fk_statement_version_statement_id_statement"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_version")),
        sa.UniqueConstraint("statement_id", "number", name=op.f("uq_statement_version_statement_id_number")),
    )

    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("decision", sa.String(), nullable=False),
        _utc("at"),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["statement_id"], ["statement.id"], name=op.f("fk_approval_statement_id_statement"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval")),
        sa.UniqueConstraint("statement_id", "version", "user", "decision",
                            name=op.f("uq_approval_statement_id_version_user_decision")),
    )

    op.create_table(
        "paused_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _utc("post_at"),
        sa.Column("scheduled_id", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("blocks_json", sa.Text(), nullable=False),
        _utc("paused_at", nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        _utc("resumed_at", nullable=True),
        _utc("new_post_at", nullable=True),
        sa.Column("decided_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_paused_post_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paused_post")),
        sa.UniqueConstraint("channel_id", "scheduled_id", name=op.f("uq_paused_post_channel_id_scheduled_id")),
    )
    op.create_index(op.f("ix_paused_post_crisis_id"), "paused_post", ["crisis_id"])

    op.create_table(
        "press_inquiry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("crisis_id", sa.Integer(), nullable=False),
        sa.Column("outlet", sa.String(), nullable=False),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        _utc("deadline"),
        sa.Column("logged_by", sa.String(), nullable=False),
        _utc("logged_at"),
        sa.Column("assignee", sa.String(), nullable=True),
        _utc("reminded_at", nullable=True),
        _utc("answered_at", nullable=True),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("channel_ts", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["crisis_id"], ["crisis.id"], name=op.f("fk_press_inquiry_crisis_id_crisis"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["statement_id"], ["statement.id"],
                                name=op.f("fk_press_inquiry_statement_id_statement"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_press_inquiry")),
    )
    op.create_index(op.f("ix_press_inquiry_crisis_id"), "press_inquiry", ["crisis_id"])
    op.create_index(op.f("ix_press_inquiry_statement_id"), "press_inquiry", ["statement_id"])
    op.create_index("ix_press_inquiry_unreminded", "press_inquiry", ["deadline"], **_partial(_INQUIRY_UNREMINDED))

    # Adding a nullable column is a plain ALTER TABLE on SQLite too; batch mode keeps it portable.
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.add_column(_utc("next_update_due_at", nullable=True))
    op.create_index("ix_crisis_update_due", "crisis", ["next_update_due_at"], **_partial(_CRISIS_OPEN))


def downgrade() -> None:
    # The index goes first: on SQLite batch mode copies crisis and would rebuild it on a dropped column.
    op.drop_index("ix_crisis_update_due", table_name="crisis")
    with op.batch_alter_table("crisis") as batch_op:
        batch_op.drop_column("next_update_due_at")
    op.drop_table("press_inquiry")
    op.drop_table("paused_post")
    op.drop_table("approval")
    op.drop_table("statement_version")
    op.drop_table("statement")
