"""Copying between a Takedown and its row: the copy of the post in post_* columns, approvals as a JSON list, the
card's state in card_* columns."""
from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import Any

from crisis.prevention.model import Shown
from crisis.statements.model import Approval, Decision
from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from db.mapping import assign, column_values, read
from db.takedowns.rows import TakedownRow

_CARD = tuple(f.name for f in fields(Shown))


def takedown_from_row(row: TakedownRow) -> Takedown:
    copy = PostCopy(text=row.post_text, author=row.post_author, posted_at=row.posted_at, url=row.post_url,
                    metrics=dict(row.post_metrics))
    approvals = [Approval(a["version"], a["role"], a["user"], Decision(a["decision"]), datetime.fromisoformat(a["at"]),
                          a.get("note", "")) for a in row.approvals]
    return read(row, Takedown, copy=copy, approvals=approvals, state=TakedownState(row.state),
                card=Shown(**{name: getattr(row, f"card_{name}") for name in _CARD}))


def takedown_to_row(takedown: Takedown, row: TakedownRow) -> None:
    copy = takedown.copy
    assign(row, column_values(takedown, skip=frozenset({"copy", "approvals", "card"})) | {
        "post_text": copy.text, "post_author": copy.author, "posted_at": copy.posted_at, "post_url": copy.url,
        "post_metrics": dict(copy.metrics), "approvals": [_approval(a) for a in takedown.approvals]}
        | {f"card_{name}": getattr(takedown.card, name) for name in _CARD})


def _approval(approval: Approval) -> dict[str, Any]:
    return {"version": approval.version, "role": approval.role, "user": approval.user,
            "decision": approval.decision.value, "at": approval.at.isoformat(), "note": approval.note}
