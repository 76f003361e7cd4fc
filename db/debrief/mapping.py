"""Copying between the debrief's dataclasses (debrief, response, follow-up) and their rows."""
from __future__ import annotations

from typing import Any

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from db.debrief.rows import DebriefResponseRow, DebriefRow, FollowUpRow
from db.mapping import assign, column_values, read


def debrief_from_row(row: DebriefRow) -> Debrief:
    return read(row, Debrief, participants=list(row.participants), invite_failures=dict(row.invite_failures),
                told=list(row.told), reminded=list(row.reminded))


def debrief_values(debrief: Debrief) -> dict[str, Any]:
    """The debrief's column values, id left out (a new row gets its own); JSON columns get copies."""
    return column_values(debrief, skip=frozenset({"participants", "invite_failures", "told", "reminded"})) | {
        "participants": list(debrief.participants), "invite_failures": dict(debrief.invite_failures),
        "told": list(debrief.told), "reminded": list(debrief.reminded)}


def debrief_to_row(debrief: Debrief, row: DebriefRow) -> None:
    assign(row, debrief_values(debrief))


def debrief_response_from_row(row: DebriefResponseRow) -> DebriefResponse:
    return read(row, DebriefResponse, answers=dict(row.answers))


def debrief_response_values(response: DebriefResponse) -> dict[str, Any]:
    """The response's column values, id left out; the answers (str or int each) as a JSON copy."""
    return column_values(response, skip=frozenset({"answers"})) | {"answers": dict(response.answers)}


def follow_up_from_row(row: FollowUpRow) -> FollowUp:
    return read(row, FollowUp)


def follow_up_to_row(follow_up: FollowUp, row: FollowUpRow) -> None:
    assign(row, column_values(follow_up))
