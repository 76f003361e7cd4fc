"""Copying between a checklist and its row; its message's state (Shown) is kept in card_* columns as prevention's."""
from __future__ import annotations

from crisis.playbooks.model import Checklist
from db.mapping import assign, column_values, read
from db.playbooks.rows import ChecklistRow
from db.prevention.mapping import card_from_row, card_values


def checklist_from_row(row: ChecklistRow) -> Checklist:
    return read(row, Checklist, steps=list(row.steps), done={k: dict(v) for k, v in row.done.items()},
                card=card_from_row(row))


def checklist_to_row(checklist: Checklist, row: ChecklistRow) -> None:
    assign(row, column_values(checklist, skip=frozenset({"steps", "done", "card"})) | {
        "steps": list(checklist.steps), "done": {k: dict(v) for k, v in checklist.done.items()}}
        | card_values(checklist.card))
