"""SQL repositories of the debrief: debriefs (one per crisis) with the participants' responses, and follow-up
actions; each works inside one unit of work's Session."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Sequence

from sqlalchemy import and_, delete, or_, select

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from db.debrief.mapping import (
    debrief_from_row,
    debrief_response_from_row,
    debrief_response_values,
    debrief_to_row,
    debrief_values,
    follow_up_from_row,
    follow_up_to_row,
)
from db.debrief.rows import DebriefResponseRow, DebriefRow, FollowUpRow
from db.repository import FRESH, RowRepository, advisory_lock, insert
from db.runners import taken_over

_DEBRIEF = DebriefRow.__table__
_RESPONSE = DebriefResponseRow.__table__


class SqlDebriefs(RowRepository[Debrief, DebriefRow], row=DebriefRow, noun="debrief", read=debrief_from_row,
                  write=debrief_to_row):
    """Found and locked by their crisis's id; saved by their own."""

    def add(self, debrief: Debrief) -> Debrief | None:
        """INSERT .. ON CONFLICT (crisis_id) DO NOTHING: None when the crisis already has a debrief (opened
        before, or by another replica at the same time), and the transaction goes on."""
        statement = (insert(self._session)(_DEBRIEF).values(debrief_values(debrief))
                     .on_conflict_do_nothing(index_elements=["crisis_id"]).returning(_DEBRIEF.c.id))
        debrief_id = self._session.execute(statement).scalar_one_or_none()
        return None if debrief_id is None else replace(
            debrief, id=debrief_id, participants=list(debrief.participants),
            invite_failures=dict(debrief.invite_failures), told=list(debrief.told), reminded=list(debrief.reminded))

    def for_crisis(self, crisis_id: int) -> Debrief | None:
        return self._one(select(DebriefRow).where(DebriefRow.crisis_id == crisis_id))

    def lock(self, crisis_id: int) -> Debrief | None:
        """The crisis's debrief under SELECT ... FOR UPDATE on PostgreSQL (on SQLite the transaction already
        holds the write lock), read fresh; None when the crisis has no debrief."""
        return self._one(select(DebriefRow).where(DebriefRow.crisis_id == crisis_id).with_for_update())

    def due(self, now: datetime) -> list[int]:
        """Crisis ids of the open debriefs (not closed) whose reminder time has come and not everyone was
        reminded, or whose deadline has come; soonest deadline first."""
        d = DebriefRow
        return self._due(
            select(d.crisis_id).where(
                d.closed_at.is_(None),
                or_(and_(d.remind_at <= now, d.reminded_at.is_(None)), d.deadline <= now))
            .order_by(d.deadline, d.crisis_id))

    def reports_due(self, now: datetime) -> list[int]:
        """Crisis ids of closed debriefs whose report is due to be built and uploaded (again), soonest first."""
        d = DebriefRow
        return self._due(select(d.crisis_id).where(d.report_file_id.is_(None), d.report_due_at <= now)
                         .order_by(d.report_due_at, d.crisis_id))

    def closes_due(self, now: datetime, silent_since: datetime) -> list[int]:
        """Crisis ids of debriefs whose close still has messages to send (again), soonest first."""
        d = DebriefRow
        return self._due(select(d.crisis_id).where(or_(d.close_due_at <= now, and_(
            d.close_due_at.is_not(None), taken_over(d.close_runner, silent_since))))
            .order_by(d.close_due_at, d.crisis_id))

    def put_response(self, response: DebriefResponse) -> DebriefResponse:
        """Upsert on (crisis_id, user): a first submission is stored as given; an edit replaces the answers
        and updated_at but keeps the first submitted_at. Returns the response as stored, with its id."""
        statement = insert(self._session)(DebriefResponseRow).values(debrief_response_values(response))
        statement = statement.on_conflict_do_update(
            index_elements=[_RESPONSE.c.crisis_id, _RESPONSE.c.user],
            set_={"answers": statement.excluded.answers, "updated_at": statement.excluded.updated_at})
        row = self._session.scalars(statement.returning(DebriefResponseRow), execution_options=FRESH).one()
        return debrief_response_from_row(row)

    def responses(self, crisis_id: int) -> list[DebriefResponse]:
        """The crisis's responses, first submitted first."""
        rows = self._session.scalars(
            select(DebriefResponseRow).where(DebriefResponseRow.crisis_id == crisis_id)
            .order_by(DebriefResponseRow.submitted_at, DebriefResponseRow.id).execution_options(**FRESH))
        return [debrief_response_from_row(row) for row in rows]


class SqlFollowUps(RowRepository[FollowUp, FollowUpRow], row=FollowUpRow, noun="follow-up", read=follow_up_from_row,
                   write=follow_up_to_row):
    def for_crisis(self, crisis_id: int) -> list[FollowUp]:
        """The crisis's follow-ups (done or not) in the order they were created."""
        return self._all(select(FollowUpRow).where(FollowUpRow.crisis_id == crisis_id)
                         .order_by(FollowUpRow.created_at, FollowUpRow.id))

    def replace_for(self, crisis_id: int, created_by: str, follow_ups: Sequence[FollowUp]) -> list[FollowUp]:
        """What `created_by` submitted for the crisis and is not done yet becomes `follow_ups`: one carrying the id
        of one of them updates that row in place (same id), one without an id is inserted, the open ones not given
        are deleted. One carrying any other id (done or deleted meanwhile, or not theirs) is left out. Returns them
        as stored, in the given order.

        Done follow-ups stay. Each follow-up must be of this crisis and person (ValueError otherwise). On
        PostgreSQL a transaction lock per (crisis, person) is held until commit, so two edits at once end
        with one of them, not both; their open rows are locked too, so a Done at the same time is not undone."""
        strangers = [f for f in follow_ups if (f.crisis_id, f.created_by) != (crisis_id, created_by)]
        if strangers:
            raise ValueError(f"follow-ups of crisis {strangers[0].crisis_id} by {strangers[0].created_by!r} "
                             f"given to replace those of crisis {crisis_id} by {created_by!r}")
        advisory_lock(self._session, "follow_up", crisis_id, created_by)
        mine = {row.id: row for row in self._session.scalars(
            select(FollowUpRow).where(FollowUpRow.crisis_id == crisis_id, FollowUpRow.created_by == created_by,
                                      FollowUpRow.done_at.is_(None)).with_for_update().execution_options(**FRESH))}
        given = {f.id for f in follow_ups if f.id is not None}
        gone = [row_id for row_id in mine if row_id not in given]
        if gone:
            self._session.execute(delete(FollowUpRow).where(FollowUpRow.id.in_(gone)))
        rows = []
        for follow_up in follow_ups:
            if follow_up.id is None:
                row = FollowUpRow()
                self._session.add(row)
            elif (row := mine.get(follow_up.id)) is None:
                continue
            follow_up_to_row(follow_up, row)
            rows.append(row)
        self._session.flush()
        return [follow_up_from_row(row) for row in rows]

    def open(self) -> list[FollowUp]:
        """Follow-ups not done, across crises: soonest due first, those without a due date last."""
        return self._all(select(FollowUpRow).where(FollowUpRow.done_at.is_(None))
                         .order_by(FollowUpRow.due.asc().nulls_last(), FollowUpRow.id))

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Ids of the follow-ups not done and not reminded whose due date is within `remind_before` (or
        passed); soonest first. Those without a due date are never due."""
        f = FollowUpRow
        return self._due(
            select(f.id).where(f.done_at.is_(None), f.reminded_at.is_(None), f.due <= now + remind_before,
                               or_(f.remind_retry_at.is_(None), f.remind_retry_at <= now))
            .order_by(f.due, f.id))
