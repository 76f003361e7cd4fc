"""The debrief repositories: one debrief per crisis (also when two units of work open it at once), what is due
when, responses upserted per participant, and deleting a crisis deleting its debrief, responses and follow-ups."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from db.debrief.rows import DebriefResponseRow, DebriefRow, FollowUpRow
from tests.db.builders import T0, a_debrief, a_follow_up, a_response
from tests.db.races import HOLD, race
from tests.db.stored import DAY, HOUR, MINUTE, PARIS, count_rows, datetimes_of, stored_crisis

# --- debriefs ----------------------------------------------------------------------------------

def test_debrief_round_trip_lock_and_save(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    debrief = a_debrief(
        crisis_id, participants=["U0LEAD", "U0ÜNÏCODE", "U0COMMS"],
        invited_at=datetime(2026, 11, 26, 10, 0, tzinfo=PARIS), remind_at=datetime(2026, 11, 28, 10, 0, tzinfo=PARIS),
        invite_failures={"U0GONE": "user_not_found", "U0BOT": "cannot_dm_bot"})
    with uow_factory() as uow:
        added = uow.debriefs.add(debrief)
        uow.commit()
    assert added.id is not None and debrief.id is None
    assert added == replace(debrief, id=added.id)
    with uow_factory() as uow:
        stored = uow.debriefs.for_crisis(crisis_id)
        assert uow.debriefs.lock(crisis_id) == stored
    assert stored == added
    assert stored.invited_at == T0 + DAY and stored.remind_at == T0 + 3 * DAY
    assert len(datetimes_of(stored)) == 3 and all(value.tzinfo is timezone.utc for value in datetimes_of(stored))

    report = "# Debrief — Baggage meltdown 🧳\n\n" + "Ünïcode line\n" * 500
    with uow_factory() as uow:
        stored = uow.debriefs.lock(crisis_id)
        stored.participants.append("U0LATE")
        stored.invite_failures = {}
        stored.reminded_at, stored.closed_at = T0 + 3 * DAY, datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)
        stored.report_markdown, stored.report_html = report, f"<h1>{report}</h1>"
        stored.report_file_id = "F0REPORT"
        stored.reminded.append("U0COMMS")
        stored.remind_attempts = 2
        uow.debriefs.save(stored)
        uow.commit()
    with uow_factory() as uow:
        saved = uow.debriefs.for_crisis(crisis_id)
    assert saved == stored and saved.participants[-1] == "U0LATE" and saved.invite_failures == {}
    assert saved.closed_at == T0 + 4 * DAY and saved.report_markdown == report
    assert (saved.reminded, saved.remind_attempts) == (["U0COMMS"], 2)


def test_debrief_defaults_round_trip(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    debrief = a_debrief(crisis_id, participants=[], remind_at=None)
    with uow_factory() as uow:
        added = uow.debriefs.add(debrief)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.debriefs.for_crisis(crisis_id)
    assert stored == added == replace(debrief, id=added.id)
    assert (stored.participants, stored.invite_failures, stored.report_markdown, stored.report_file_id) == (
        [], {}, "", None)


def test_unknown_debrief_is_none_and_cannot_be_saved(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        assert uow.debriefs.for_crisis(crisis_id) is None
        assert uow.debriefs.lock(crisis_id) is None
        assert uow.debriefs.for_crisis(404) is None
        with pytest.raises(LookupError):
            uow.debriefs.save(a_debrief(crisis_id, id=404))
        with pytest.raises(LookupError):
            uow.debriefs.save(a_debrief(crisis_id))


def test_adding_a_second_debrief_is_none_and_the_unit_of_work_goes_on(uow_factory, engine):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        first = uow.debriefs.add(a_debrief(crisis_id))
        uow.commit()
    with uow_factory() as uow:
        assert uow.debriefs.add(a_debrief(crisis_id, participants=["U0OTHER"], deadline=T0 + 9 * DAY)) is None
        # The same transaction still works and commits.
        other = uow.debriefs.add(a_debrief(other_id))
        follow_up = uow.follow_ups.add(a_follow_up(crisis_id))
        uow.commit()
    with uow_factory() as uow:
        assert uow.debriefs.add(a_debrief(crisis_id)) is None
        assert uow.debriefs.add(a_debrief(other_id)) is None
        uow.commit()
    with uow_factory() as uow:
        assert uow.debriefs.for_crisis(crisis_id) == first
        assert uow.debriefs.for_crisis(other_id) == other
        assert uow.follow_ups.get(follow_up.id) == follow_up
    assert count_rows(engine, DebriefRow) == 2


def test_the_database_refuses_a_second_debrief_or_response(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        uow.debriefs.add(a_debrief(crisis_id))
        uow.debriefs.put_response(a_response(crisis_id))
        uow.commit()
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(DebriefRow).values(
            crisis_id=crisis_id, participants=[], invited_at=T0, deadline=T0, invite_failures={},
            report_markdown="", report_html=""))
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(DebriefResponseRow).values(
            crisis_id=crisis_id, user="U0COMMS", answers={}, submitted_at=T0, updated_at=T0))


def test_debriefs_need_an_existing_crisis(uow_factory):
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.debriefs.add(a_debrief(404))


@pytest.mark.parametrize("threads", [2, 6])
def test_units_of_work_adding_one_debrief_at_once_store_exactly_one(uow_factory, engine, threads):
    crisis_id = stored_crisis(uow_factory)
    participants = iter(range(threads))

    def add() -> int | None:
        me = next(participants)
        with uow_factory() as uow:
            added = uow.debriefs.add(a_debrief(crisis_id, participants=[f"U0USER{me}"]))
            time.sleep(HOLD)
            uow.commit()
            return added.id if added else None

    results = race(add, threads)
    winners = [result for result in results if result is not None]
    assert len(winners) == 1 and results.count(None) == threads - 1
    assert count_rows(engine, DebriefRow) == 1
    with uow_factory() as uow:
        assert uow.debriefs.for_crisis(crisis_id).id == winners[0]


def test_lock_reads_fresh_what_another_unit_of_work_committed(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        uow.debriefs.add(a_debrief(crisis_id))
        uow.commit()
    with uow_factory() as reader:
        assert reader.debriefs.for_crisis(crisis_id).reminded_at is None
        reader.commit()  # SQLite: a transaction holds the write lock; the row stays in the reader's session
        with uow_factory() as writer:
            debrief = writer.debriefs.lock(crisis_id)
            debrief.reminded_at = T0 + 3 * DAY
            writer.debriefs.save(debrief)
            writer.commit()
        assert reader.debriefs.lock(crisis_id).reminded_at == T0 + 3 * DAY
        assert reader.debriefs.for_crisis(crisis_id).reminded_at == T0 + 3 * DAY


def test_debriefs_due(uow_factory):
    now = T0 + 5 * DAY
    cases = {
        "reminder due": dict(remind_at=now - HOUR, deadline=now + DAY),
        "reminder due right now": dict(remind_at=now, deadline=now + 2 * DAY),
        "deadline passed, reminded": dict(remind_at=now - 2 * DAY, reminded_at=now - 2 * DAY, deadline=now - HOUR),
        "deadline right now, no reminder": dict(remind_at=None, deadline=now),
        "both due": dict(remind_at=now - 2 * DAY, deadline=now - DAY),
        # not due:
        "reminder later": dict(remind_at=now + MINUTE, deadline=now + DAY),
        "reminded, deadline later": dict(remind_at=now - HOUR, reminded_at=now - HOUR, deadline=now + MINUTE),
        "no reminder, deadline later": dict(remind_at=None, deadline=now + MINUTE),
        "closed": dict(remind_at=now - 2 * DAY, deadline=now - DAY, closed_at=now - DAY),
    }
    crisis_ids = {name: stored_crisis(uow_factory) for name in cases}
    with uow_factory() as uow:
        for name, values in cases.items():
            uow.debriefs.add(a_debrief(crisis_ids[name], **values))
        uow.commit()
    with uow_factory() as uow:
        due = uow.debriefs.due(now.astimezone(PARIS))
    assert due == [crisis_ids[name] for name in ("both due", "deadline passed, reminded",
                                                 "deadline right now, no reminder", "reminder due",
                                                 "reminder due right now")]


def test_closes_due_and_what_they_told_round_trip(uow_factory):
    now = T0 + DAY
    cases = {"due": (now - MINUTE, None), "due right now": (now, None), "later": (now + MINUTE, None),
             "all told": (None, "dead"), "held by the dead": (now + 9 * MINUTE, "dead"),
             "held by the living": (now + 9 * MINUTE, "alive")}
    crisis_ids = {name: stored_crisis(uow_factory) for name in cases}
    with uow_factory() as uow:
        for name, (at, runner) in cases.items():
            uow.debriefs.add(a_debrief(crisis_ids[name], close_due_at=at, told=["invite:U0LEAD", "room"],
                                       close_attempts=2, close_runner=runner))
        uow.runners.beat("dead", now - 2 * MINUTE)
        uow.runners.beat("alive", now)
        uow.commit()
    with uow_factory() as uow:
        due = uow.debriefs.closes_due(now.astimezone(PARIS), now - MINUTE)
        stored = uow.debriefs.lock(crisis_ids["due"])
    assert due == [crisis_ids["due"], crisis_ids["due right now"], crisis_ids["held by the dead"]]
    assert (stored.told, stored.close_due_at, stored.close_attempts) == (["invite:U0LEAD", "room"], now - MINUTE, 2)


# --- responses ---------------------------------------------------------------------------------

def test_response_round_trip_with_json_answers(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    long_answer = "Ünïcode — 🧳 " + "z" * 2988
    answers = {"went_well": "Paging was fast", "went_badly": long_answer, "response_speed": 2, "roles_clear": 5,
               "lesson": "5", "root_cause": "", "überraschung": "ja ✓"}
    response = a_response(crisis_id, answers=answers, submitted_at=datetime(2026, 11, 27, 10, 0, tzinfo=PARIS))
    with uow_factory() as uow:
        uow.debriefs.add(a_debrief(crisis_id))
        stored = uow.debriefs.put_response(response)
        uow.commit()
    assert stored.id is not None and response.id is None
    assert stored == replace(response, id=stored.id)
    with uow_factory() as uow:
        [read] = uow.debriefs.responses(crisis_id)
    assert read == stored and read.submitted_at == T0 + 2 * DAY
    assert all(value.tzinfo is timezone.utc for value in datetimes_of(read))
    assert len(long_answer) == 3000 and read.answers["went_badly"] == long_answer
    assert type(read.answers["response_speed"]) is int and type(read.answers["roles_clear"]) is int
    assert type(read.answers["lesson"]) is str and read.answers["lesson"] == "5"


def test_editing_a_response_keeps_its_first_submission_time(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        first = uow.debriefs.put_response(a_response(crisis_id))
        uow.commit()
    edit = a_response(crisis_id, answers={"went_well": "Everything", "roles_clear": 3},
                      submitted_at=T0 + 3 * DAY, updated_at=T0 + 3 * DAY)
    with uow_factory() as uow:
        edited = uow.debriefs.put_response(edit)
        # A second edit in the same unit of work (the first one's row is in the session).
        again = uow.debriefs.put_response(replace(edit, answers={"lesson": "Rehearse"}, updated_at=T0 + 4 * DAY))
        uow.commit()
    assert edited == replace(edit, id=first.id, submitted_at=first.submitted_at)
    assert again == replace(edit, id=first.id, submitted_at=T0 + 2 * DAY, answers={"lesson": "Rehearse"},
                            updated_at=T0 + 4 * DAY)
    with uow_factory() as uow:
        assert uow.debriefs.responses(crisis_id) == [again]
    assert count_rows(engine, DebriefResponseRow) == 1


def test_responses_first_submitted_first_per_crisis(uow_factory):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        late = uow.debriefs.put_response(a_response(crisis_id, "U0LEAD", submitted_at=T0 + 3 * DAY))
        early = uow.debriefs.put_response(a_response(crisis_id, "U0COMMS"))
        uow.debriefs.put_response(a_response(other_id, "U0COMMS"))
        uow.commit()
    with uow_factory() as uow:
        # An edit by the early one does not move it back.
        edited = uow.debriefs.put_response(a_response(crisis_id, "U0COMMS", answers={}, updated_at=T0 + 4 * DAY))
        uow.commit()
    with uow_factory() as uow:
        assert uow.debriefs.responses(crisis_id) == [edited, late]
        assert edited.id == early.id
        assert uow.debriefs.responses(404) == []


def test_participants_submitting_at_once_store_one_response_each(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    times = iter(range(6))

    def submit() -> int:
        me = next(times)
        with uow_factory() as uow:
            stored = uow.debriefs.put_response(a_response(
                crisis_id, "U0COMMS", answers={"lesson": f"take {me}"}, submitted_at=T0 + me * MINUTE,
                updated_at=T0 + me * MINUTE))
            time.sleep(HOLD)
            uow.commit()
            return stored.id

    assert len(set(race(submit, 6))) == 1
    assert count_rows(engine, DebriefResponseRow) == 1


def test_deleting_a_crisis_deletes_its_debrief_responses_and_follow_ups(uow_factory, engine):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        for cid in (crisis_id, other_id):
            uow.debriefs.add(a_debrief(cid))
            uow.debriefs.put_response(a_response(cid))
            uow.follow_ups.add(a_follow_up(cid))
        uow.commit()
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM crisis WHERE id = {crisis_id}")
    with uow_factory() as uow:
        assert uow.debriefs.for_crisis(crisis_id) is None
        assert uow.debriefs.responses(crisis_id) == [] and uow.follow_ups.for_crisis(crisis_id) == []
        assert uow.debriefs.for_crisis(other_id) is not None
    assert count_rows(engine, DebriefRow) == count_rows(engine, DebriefResponseRow) == \
        count_rows(engine, FollowUpRow) == 1
