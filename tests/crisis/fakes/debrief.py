"""In-memory repositories of debriefs (one per crisis, with the answers) and follow-ups, as db/debrief/repositories.py."""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from tests.crisis.fakes.tables import Table, Transaction, as_json, check_aware


def _json_columns(debrief: Debrief) -> Debrief:
    return replace(debrief, participants=as_json(list(debrief.participants)),
                   invite_failures=as_json(dict(debrief.invite_failures)), told=as_json(list(debrief.told)),
                   reminded=as_json(list(debrief.reminded)))


class FakeDebriefs(Table):
    name = "debriefs"

    def __init__(self, uow: Transaction) -> None:
        super().__init__(uow)
        self._responses = Table(uow, "responses")

    def add(self, debrief: Debrief) -> Debrief | None:
        """None when the crisis already has a debrief (the column is unique); the unit of work goes on."""
        self._require("crises", debrief.crisis_id)
        if self._first(lambda d: d.crisis_id == debrief.crisis_id):
            return None
        return self._insert(_json_columns(debrief))

    def for_crisis(self, crisis_id: int) -> Debrief | None:
        return self._first(lambda d: d.crisis_id == crisis_id)

    def lock(self, crisis_id: int) -> Debrief | None:
        return self.for_crisis(crisis_id)

    def save(self, debrief: Debrief) -> None:
        super().save(_json_columns(debrief))

    def due(self, now: datetime) -> list[int]:
        def due(d: Debrief) -> bool:
            reminder = d.remind_at is not None and d.remind_at <= now and d.reminded_at is None
            return d.closed_at is None and (reminder or d.deadline <= now)
        return [d.crisis_id for d in self._select(due, lambda d: (d.deadline, d.crisis_id))]

    def reports_due(self, now: datetime) -> list[int]:
        return [d.crisis_id for d in self._select(
            lambda d: d.report_file_id is None and d.report_due_at is not None and d.report_due_at <= now,
            lambda d: (d.report_due_at, d.crisis_id))]

    def closes_due(self, now: datetime, silent_since: datetime) -> list[int]:
        return [d.crisis_id for d in self._select(lambda d: d.close_due_at is not None and (
            d.close_due_at <= now or self._uow.runners.silent(d.close_runner, silent_since)),
                                                  lambda d: (d.close_due_at, d.crisis_id))]

    def put_response(self, response: DebriefResponse) -> DebriefResponse:
        """Upsert on (crisis, user): an edit replaces the answers and updated_at, keeps the first submitted_at."""
        self._require("crises", response.crisis_id)
        check_aware(response)
        rows = self._uow.table("responses")
        before = next((r for r in rows.values() if (r.crisis_id, r.user) == (response.crisis_id, response.user)),
                      None)
        if before is None:
            return self._responses._insert(replace(response, answers=as_json(dict(response.answers))))
        rows[before.id] = replace(before, answers=as_json(dict(response.answers)), updated_at=response.updated_at)
        return copy.deepcopy(rows[before.id])

    def responses(self, crisis_id: int) -> list[DebriefResponse]:
        return self._responses._select(lambda r: r.crisis_id == crisis_id, lambda r: (r.submitted_at, r.id))


class FakeFollowUps(Table):
    name = "follow_ups"

    def add(self, follow_up: FollowUp) -> FollowUp:
        self._require("crises", follow_up.crisis_id)
        return self._insert(follow_up)

    def for_crisis(self, crisis_id: int) -> list[FollowUp]:
        return self._select(lambda f: f.crisis_id == crisis_id, lambda f: (f.created_at, f.id))

    def replace_for(self, crisis_id: int, created_by: str, follow_ups: Sequence[FollowUp]) -> list[FollowUp]:
        """The person's open follow-ups become `follow_ups`: one with the id of one of them updates it, one without
        an id is added, the others are deleted; one with any other id is left out. Done ones stay."""
        strangers = [f for f in follow_ups if (f.crisis_id, f.created_by) != (crisis_id, created_by)]
        if strangers:
            raise ValueError(f"follow-ups of crisis {strangers[0].crisis_id} by {strangers[0].created_by!r} "
                             f"given to replace those of crisis {crisis_id} by {created_by!r}")
        mine = {f.id for f in self._select(
            lambda f: (f.crisis_id, f.created_by) == (crisis_id, created_by) and not f.done_at)}
        for gone in mine - {f.id for f in follow_ups}:
            del self._rows[gone]
        stored = []
        for follow_up in follow_ups:
            if follow_up.id is None:
                stored.append(self.add(follow_up))
            elif follow_up.id in mine:
                self.save(follow_up)
                stored.append(self.get(follow_up.id))
        return stored

    def open(self) -> list[FollowUp]:
        return self._select(lambda f: f.done_at is None, lambda f: (f.due is None, f.due or datetime.min, f.id))

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        return self._ids(lambda f: f.done_at is None and f.reminded_at is None and f.due is not None
                         and f.due <= now + remind_before and (f.remind_retry_at is None or f.remind_retry_at <= now),
                         lambda f: (f.due, f.id))
