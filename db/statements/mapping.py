"""Copying between the statement dataclasses (statement with versions and approvals, paused post, press inquiry)
and their rows."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from crisis.statements.model import (
    Amendment,
    Approval,
    Decision,
    PausedPost,
    PressInquiry,
    Statement,
    StatementState,
    StatementVersion,
)
from db.mapping import assign, column_values, plain, read
from db.statements.rows import (
    ApprovalRow,
    PausedPostRow,
    PressInquiryRow,
    StatementRow,
    StatementVersionRow,
)


def approval_key(approval: Approval) -> tuple[int, str, str]:
    """What makes an approval unique: (version, user, decision)."""
    return approval.version, approval.user, plain(approval.decision)


def statement_from_row(row: StatementRow) -> Statement:
    return read(row, Statement, state=StatementState(row.state),
                amendment=Amendment(row.amendment) if row.amendment else None,
                versions=[read(v, StatementVersion) for v in sorted(row.versions, key=lambda v: v.number)],
                approvals=[read(a, Approval, decision=Decision(a.decision)) for a in row.approvals])


def statement_to_row(statement: Statement, row: StatementRow) -> None:
    """Write the statement's own fields onto `row` and append the versions (by number) and approvals
    (by version, user and decision) it does not have yet; stored ones are never changed or removed."""
    assign(row, column_values(statement, skip=frozenset({"versions", "approvals"})))
    numbers = {v.number for v in row.versions}
    for version in statement.versions:
        if version.number not in numbers:
            version_row = StatementVersionRow()
            assign(version_row, column_values(version))
            row.versions.append(version_row)
            numbers.add(version.number)
    keys = {(a.version, a.user, a.decision) for a in row.approvals}
    for approval in statement.approvals:
        if approval_key(approval) not in keys:
            approval_row = ApprovalRow()
            assign(approval_row, column_values(approval))
            row.approvals.append(approval_row)
            keys.add(approval_key(approval))


def paused_post_from_row(row: PausedPostRow) -> PausedPost:
    return read(row, PausedPost)


def paused_post_values(post: PausedPost) -> dict[str, Any]:
    """The post's column values, id left out (a new row gets its own)."""
    return column_values(post)


def paused_post_to_row(post: PausedPost, row: PausedPostRow) -> None:
    assign(row, column_values(post))


def press_inquiry_from_row(row: PressInquiryRow) -> PressInquiry:
    return read(row, PressInquiry)


def press_inquiry_to_row(inquiry: PressInquiry, row: PressInquiryRow) -> None:
    assign(row, column_values(inquiry))


def approvals_from_json(stored: list[dict[str, Any]]) -> list[Approval]:
    """The decisions on something approved like a statement (a take-down, a reply), stored as a JSON list."""
    return [Approval(a["version"], a["role"], a["user"], Decision(a["decision"]), datetime.fromisoformat(a["at"]),
                     a.get("note", "")) for a in stored]


def approvals_json(approvals: list[Approval]) -> list[dict[str, Any]]:
    return [{"version": a.version, "role": a.role, "user": a.user, "decision": a.decision.value,
             "at": a.at.isoformat(), "note": a.note} for a in approvals]
