"""Copying between a Takedown and its row: the copy of the post in post_* columns, approvals as a JSON list, the
card's state in card_* columns."""
from __future__ import annotations

from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from db.mapping import assign, column_values, read
from db.prevention.mapping import card_from_row, card_values
from db.statements.mapping import approvals_from_json, approvals_json
from db.takedowns.rows import TakedownRow


def takedown_from_row(row: TakedownRow) -> Takedown:
    copy = PostCopy(text=row.post_text, author=row.post_author, posted_at=row.posted_at, url=row.post_url,
                    metrics=dict(row.post_metrics))
    return read(row, Takedown, copy=copy, approvals=approvals_from_json(row.approvals),
                state=TakedownState(row.state), card=card_from_row(row))


def takedown_to_row(takedown: Takedown, row: TakedownRow) -> None:
    copy = takedown.copy
    assign(row, column_values(takedown, skip=frozenset({"copy", "approvals", "card"})) | {
        "post_text": copy.text, "post_author": copy.author, "posted_at": copy.posted_at, "post_url": copy.url,
        "post_metrics": dict(copy.metrics), "approvals": approvals_json(takedown.approvals)}
        | card_values(takedown.card))
