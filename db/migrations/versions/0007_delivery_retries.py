"""Every side effect retried until it lands: page.failed_at; spike_alert.retry_at and failed_at;
statement.publish_due_at; debrief.report_due_at, report_attempts and report_error; follow_up.remind_attempts
and remind_retry_at.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Rows made before it: a publish that was interrupted (claimed, never published) becomes due at once, and so does
the report of a debrief that closed without one uploaded; everything else starts with nothing to retry.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("page") as batch_op:
        batch_op.add_column(_utc("failed_at"))
    with op.batch_alter_table("spike_alert") as batch_op:
        batch_op.add_column(_utc("retry_at"))
        batch_op.add_column(_utc("failed_at"))
    with op.batch_alter_table("statement") as batch_op:
        batch_op.add_column(_utc("publish_due_at"))
        batch_op.create_index("ix_statement_publish_due_at", ["publish_due_at"])
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.add_column(_utc("report_due_at"))
        batch_op.add_column(sa.Column("report_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("report_error", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index("ix_debrief_report_due_at", ["report_due_at"])
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.add_column(sa.Column("remind_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(_utc("remind_retry_at"))
    with op.batch_alter_table("debrief") as batch_op:  # the defaults only fill the rows there are
        batch_op.alter_column("report_attempts", server_default=None)
        batch_op.alter_column("report_error", server_default=None)
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.alter_column("remind_attempts", server_default=None)
    op.execute("UPDATE statement SET publish_due_at = publishing_since "
               "WHERE state = 'approved' AND publishing_since IS NOT NULL")
    op.execute("UPDATE debrief SET report_due_at = closed_at WHERE closed_at IS NOT NULL AND report_file_id IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("follow_up") as batch_op:
        batch_op.drop_column("remind_retry_at")
        batch_op.drop_column("remind_attempts")
    with op.batch_alter_table("debrief") as batch_op:
        batch_op.drop_index("ix_debrief_report_due_at")
        batch_op.drop_column("report_error")
        batch_op.drop_column("report_attempts")
        batch_op.drop_column("report_due_at")
    with op.batch_alter_table("statement") as batch_op:
        batch_op.drop_index("ix_statement_publish_due_at")
        batch_op.drop_column("publish_due_at")
    with op.batch_alter_table("spike_alert") as batch_op:
        batch_op.drop_column("failed_at")
        batch_op.drop_column("retry_at")
    with op.batch_alter_table("page") as batch_op:
        batch_op.drop_column("failed_at")
