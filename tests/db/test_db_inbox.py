"""The request inbox on both databases: taken once per key, run again when due, by one replica at a time, backing
off, given up after MAX_REDOS failed runs, removed when done."""
from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from crisis import due
from crisis.ports import Ports, TakenRequest
from db.inbox import BatchedIntake, TakenRequestRow, _values
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.plans import make_plan
from tests.db.builders import T0
from tests.db.races import HOLD, race


def ports_on(uow_factory, clock: FakeClock) -> Ports:
    return Ports(plan=make_plan(), uow=uow_factory, chat=FakeChat(), clock=clock)


def taken(ports: Ports, at_most_in: timedelta = timedelta(days=1)) -> list[str]:
    with ports.uow() as uow:
        return uow.inbox.due(ports.clock.now() + at_most_in, 100)


def test_a_request_is_taken_once_and_removed_when_done(uow_factory):
    ports = ports_on(uow_factory, FakeClock(T0))
    due.take_request("view:V1", "handlers.room.views.open_submitted", '{"a": 1}', ports=ports)
    due.take_request("view:V1", "handlers.room.views.open_submitted", '{"a": 2}', ports=ports)
    due.take_request("action:ack:1.2:U1", "handlers.room.actions.acknowledge", "{}", ports=ports)
    with ports.uow() as uow:
        first = uow.inbox.lock("view:V1")
    assert (first.body, first.received_at, first.redo_at, first.redone) == ('{"a": 1}', T0, T0 + due.REDO_AFTER, 0)
    assert taken(ports) == ["action:ack:1.2:U1", "view:V1"]
    due.request_done("view:V1", ports=ports)
    due.request_done("view:V1", ports=ports)
    assert taken(ports) == ["action:ack:1.2:U1"]


def test_only_requests_past_redo_after_run_again_with_back_off_then_are_given_up(uow_factory, caplog):
    clock = FakeClock(T0)
    ports = ports_on(uow_factory, clock)
    due.take_request("view:V1", "w", "{}", ports=ports)
    runs: list[tuple[str, int]] = []

    def fail(request) -> None:
        runs.append((request.key, request.redone))
        raise RuntimeError("the work fails")

    assert due.redo_requests(ports=ports, run=fail) == 0
    clock.advance(seconds=due.REDO_AFTER.total_seconds())
    with caplog.at_level(logging.ERROR, logger="crisis.due"):
        for _ in range(10):
            due.redo_requests(ports=ports, run=fail)
            clock.advance(hours=1)
    assert [redone for _, redone in runs] == list(range(1, due.MAX_REDOS + 1))
    assert taken(ports) == []
    assert "giving up w (view:V1)" in caplog.text


def test_the_waits_between_runs_grow(uow_factory):
    clock = FakeClock(T0)
    ports = ports_on(uow_factory, clock)
    due.take_request("view:V1", "w", "{}", ports=ports)
    clock.advance(seconds=due.REDO_AFTER.total_seconds())
    due.redo_requests(ports=ports, run=lambda request: None)
    with ports.uow() as uow:
        request = uow.inbox.lock("view:V1")
    assert (request.redone, request.redo_at) == (1, clock.now() + due.REDO_AFTER * 2)


def test_two_replicas_run_a_due_request_once(uow_factory):
    clock = FakeClock(T0)
    ports = ports_on(uow_factory, clock)
    for n in range(6):
        due.take_request(f"view:V{n}", "w", "{}", ports=ports)
    clock.advance(seconds=due.REDO_AFTER.total_seconds())
    runs: list[str] = []
    guard = threading.Lock()

    def run(request) -> None:
        with guard:
            runs.append(request.key)
        threading.Event().wait(HOLD)
        due.request_done(request.key, ports=ports)

    race(lambda: due.redo_requests(ports=ports, run=run), 2)
    assert sorted(runs) == [f"view:V{n}" for n in range(6)]
    assert taken(ports) == []


def _request(key: str, body: str = "{}") -> TakenRequest:
    return TakenRequest(key, "w", body, received_at=T0, redo_at=T0 + due.REDO_AFTER)


def test_the_batched_intake_commits_what_gathered_while_it_waited_in_one_transaction(engine, uow_factory):
    """The writer's first batch waits on a transaction that holds the first key; everything handed over meanwhile
    goes in the next commit. The key the other transaction committed first is kept once, with its body."""
    intake = BatchedIntake(engine)
    commits: list[str] = []

    def count(connection) -> None:
        commits.append(threading.current_thread().name)

    event.listen(engine, "commit", count)
    try:
        with Session(engine) as blocker, blocker.begin():
            blocker.add(TakenRequestRow(**_values(_request("k0", "first"))))
            blocker.flush()
            waiting = [intake.submit(_request("k0", "second"))]
            waiting += [intake.submit(_request(f"k{n}")) for n in range(1, 31)]
            waiting.append(intake.submit(_request("k5", "again")))
            assert not any(future.done() for future in waiting)
        for future in waiting:
            future.result(timeout=BatchedIntake.WAIT_SECONDS)
    finally:
        event.remove(engine, "commit", count)
        intake.close()
    # the first batch is k0 (maybe with some that came before the writer took it), the second all the rest;
    # a commit per request would be 32
    assert 1 <= commits.count("inbox-intake") <= 2
    with uow_factory() as uow:
        assert sorted(uow.inbox.due(T0 + timedelta(days=1), 100)) == sorted(f"k{n}" for n in range(31))
        assert uow.inbox.lock("k0").body == "first"
        assert uow.inbox.lock("k5").body == "{}"


def test_a_batch_the_database_refuses_fails_each_of_its_requests(tmp_path):
    intake = BatchedIntake(create_engine(f"sqlite:///{tmp_path / 'no-tables.db'}"))
    try:
        waiting = [intake.submit(_request(f"k{n}")) for n in range(5)]
        for future in waiting:
            with pytest.raises(Exception, match="taken_request"):
                future.result(timeout=BatchedIntake.WAIT_SECONDS)
        with pytest.raises(Exception, match="taken_request"):
            intake.take(_request("k9"))
    finally:
        intake.close()
