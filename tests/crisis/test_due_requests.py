"""Taken requests (crisis/due.py): recorded once before the answer, run again with back-off, given up in the end."""
import dataclasses
import logging

import pytest

from crisis.due import MAX_REDOS, REDO_AFTER, redo_requests, request_done, take_request
from tests.crisis.fakes.inbox import FakeIntake


def _stored(db):
    return {request.key: request for request in db.rows("inbox")}


def test_a_request_delivered_twice_is_kept_once(ports, db, clock):
    take_request("k1", "approve", '{"n": 1}', ports=ports)
    clock.advance(seconds=5)
    take_request("k1", "approve", '{"n": 2}', ports=ports)
    stored = _stored(db)
    assert list(stored) == ["k1"]
    assert stored["k1"].body == '{"n": 1}'
    assert stored["k1"].redo_at == stored["k1"].received_at + REDO_AFTER


def test_the_intake_takes_requests_when_there_is_one(ports, db):
    intake = FakeIntake(db)
    batched = dataclasses.replace(ports, intake=intake)
    take_request("k1", "approve", "{}", ports=batched)
    assert intake.taken == ["k1"]
    assert list(_stored(db)) == ["k1"]


def test_a_request_the_intake_could_not_record_fails_before_its_answer(ports, db):
    intake = FakeIntake(db)
    intake.fail_with = ConnectionError("database down")
    with pytest.raises(ConnectionError):
        take_request("k1", "approve", "{}", ports=dataclasses.replace(ports, intake=intake))
    assert _stored(db) == {}


def test_a_done_request_is_not_run_again(ports, db, clock):
    take_request("k1", "approve", "{}", ports=ports)
    request_done("k1", ports=ports)
    request_done("k1", ports=ports)  # another replica finished it too: fine
    clock.advance(seconds=REDO_AFTER.total_seconds() * 10)
    assert redo_requests(ports=ports, run=lambda request: pytest.fail("ran a done request")) == 0


def test_a_cut_short_request_runs_again_with_back_off_then_is_given_up(ports, db, clock, caplog):
    take_request("k1", "approve", "{}", ports=ports)
    ran: list[tuple[str, int]] = []

    def run(request):
        ran.append((request.key, request.redone))

    assert redo_requests(ports=ports, run=run) == 0  # not due before REDO_AFTER
    waits = []
    for attempt in range(1, MAX_REDOS + 1):
        due_at = _stored(db)["k1"].redo_at
        clock.current = due_at - REDO_AFTER / 100
        assert redo_requests(ports=ports, run=run) == 0, "ran before it was due"
        clock.current = due_at
        assert redo_requests(ports=ports, run=run) == 1
        assert ran[-1] == ("k1", attempt)
        waits.append(_stored(db)["k1"].redo_at - clock.now())
    assert waits == [REDO_AFTER * 2 ** n for n in range(1, MAX_REDOS + 1)]
    clock.current = _stored(db)["k1"].redo_at
    with caplog.at_level(logging.ERROR, logger="crisis.due"):
        assert redo_requests(ports=ports, run=run) == 0
    assert _stored(db) == {}
    assert "giving up approve (k1)" in caplog.text
