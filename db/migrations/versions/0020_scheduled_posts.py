"""Scheduled posts where they live: paused_post.source, account, media_json, remove_due_at, remove_attempts,
remove_failure, restore_attempts; queued_post (crisisbot's own queue).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

Rows made before it were Slack scheduled messages (source "", the channel as the account) and count as removed
when they were deleted, else as left to people (no retry due).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXTS = {"source": sa.String(), "account": sa.String(), "media_json": sa.Text(), "remove_failure": sa.Text()}
_COUNTS = ("remove_attempts", "restore_attempts")


def upgrade() -> None:
    op.create_table(
        "queued_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("target", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("post_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("publish_attempts", sa.Integer(), nullable=False),
        sa.Column("publish_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_ref", sa.Text(), nullable=False),
        sa.Column("publish_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queued_post")),
        sa.UniqueConstraint("key", name=op.f("uq_queued_post_key")),
    )
    op.create_index(op.f("ix_queued_post_state"), "queued_post", ["state"])
    op.create_index(op.f("ix_queued_post_publish_due_at"), "queued_post", ["publish_due_at"])
    with op.batch_alter_table("paused_post") as batch_op:
        for name, kind in _TEXTS.items():
            batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=""))
        for name in _COUNTS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("remove_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_paused_post_remove_due_at", ["remove_due_at"])
    op.execute("UPDATE paused_post SET account = channel_id")
    with op.batch_alter_table("paused_post") as batch_op:  # the defaults only fill the rows there are
        for name in (*_TEXTS, *_COUNTS):
            batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    op.drop_table("queued_post")
    with op.batch_alter_table("paused_post") as batch_op:
        batch_op.drop_index("ix_paused_post_remove_due_at")
        for name in ("remove_due_at", *_COUNTS, *_TEXTS):
            batch_op.drop_column(name)
