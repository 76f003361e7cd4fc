"""Several threads, each with its own unit of work: once-only decisions stay once-only on both backends."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest

from crisis.events import EventKind, TimelineEvent
from crisis.ports import Ports
from crisis.room import pages
from crisis.room.model import RoleAssignment
from db.uow import SqlUnitOfWork
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.plans import make_plan
from tests.db.builders import T0, a_crisis, a_page
from tests.db.races import HOLD, race, race_indexed

THREADS = 6


def test_one_thread_claims_a_request_key(uow_factory):
    def claim() -> bool:
        with uow_factory() as uow:
            won = uow.requests.claim("action:1700.1:U0LEAD", T0)
            time.sleep(HOLD)
            uow.commit()
            return won

    assert sorted(race(claim, THREADS)) == [False] * (THREADS - 1) + [True]


class _HeldUnitOfWork:
    """A SQL unit of work that keeps its transaction (and the locks it took) HOLD seconds longer before it
    commits, so that racing use cases surely overlap."""

    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def __getattr__(self, name: str) -> object:
        return getattr(self._uow, name)

    def __enter__(self) -> _HeldUnitOfWork:
        self._uow.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._uow.__exit__(*exc)

    def commit(self) -> None:
        time.sleep(HOLD)
        self._uow.commit()


def test_acknowledging_and_escalating_a_page_at_once_never_pages_for_an_acknowledged_role(uow_factory):
    """The real escalation (tick) races the real acknowledgement (the button): whichever takes the crisis
    lock first, the other sees its outcome, so at most one escalation, one first acknowledgement, and no
    escalation after the acknowledgement (the page escalated first is answered late, its successor cancelled)."""
    now = T0 + timedelta(minutes=15)
    ports = Ports(plan=make_plan(), uow=lambda: _HeldUnitOfWork(uow_factory()), chat=FakeChat(), clock=FakeClock(now))
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis(channel_id="C0ROOM", roles=[
            RoleAssignment("crisis_lead", "ULEAD", "ULEADB"), RoleAssignment("comms_lead", "UCOMMS", "UCOMMSB"),
            RoleAssignment("legal", "ULEGAL")]))
        page_id = uow.pages.add(a_page(crisis.id, role="comms_lead", user_id="UCOMMS", delivered_at=T0,
                                       escalate_at=T0 + timedelta(minutes=10))).id
        uow.commit()

    def escalate_or_acknowledge(index: int) -> tuple[str, object]:
        if index % 2:
            return "acknowledged", pages.acknowledge_page(page_id, user="UCOMMS", request_key=f"ack:{index}",
                                                          ports=ports)
        return "escalated", pages.escalate([page_id], now, ports)

    outcomes = race_indexed(escalate_or_acknowledge, THREADS)
    escalated = sum(result for what, result in outcomes if what == "escalated")
    first_acks = [result for what, result in outcomes if what == "acknowledged" and result.already_by is None]
    with uow_factory() as uow:
        decisive = [e.kind for e in uow.timeline.for_crisis(crisis.id)
                    if e.kind in (EventKind.ESCALATED, EventKind.UNANSWERED, EventKind.ACKNOWLEDGED)]
        role_pages = [p for p in uow.pages.for_crisis(crisis.id) if p.role == "comms_lead"]
        role = uow.crises.get(crisis.id).role("comms_lead")
    assert escalated in (0, 1) and len(first_acks) == 1
    assert decisive == [EventKind.ESCALATED] * escalated + [EventKind.ACKNOWLEDGED]
    assert (role.acked_by, role.unanswered) == ("UCOMMS", False)
    assert [p.user_id for p in role_pages] == ["UCOMMS", "UCOMMSB"][:1 + escalated]
    assert not any(p.is_open for p in role_pages)


def test_one_thread_acknowledges_a_role_read_before_the_lock(uow_factory):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        uow.commit()
    users = iter(f"U0USER{i}" for i in range(THREADS))

    def acknowledge() -> bool:
        user = next(users)
        with uow_factory() as uow:
            uow.crises.get(crisis_id)
            crisis = uow.crises.lock(crisis_id)
            role = crisis.role("comms")
            if role.acked_at is not None:
                return False
            role.acked_by, role.acked_at = user, T0
            uow.crises.save(crisis)
            time.sleep(HOLD)
            uow.commit()
            return True

    assert sorted(race(acknowledge, THREADS)) == [False] * (THREADS - 1) + [True]


def test_readers_and_writers_in_many_threads_never_hit_a_locked_database(uow_factory):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        uow.commit()
    rounds = 15

    def work() -> bool:
        for _ in range(rounds):
            with uow_factory() as uow:
                uow.timeline.for_crisis(crisis_id)
            with uow_factory() as uow:
                crisis = uow.crises.lock(crisis_id)
                uow.timeline.append(crisis.id, TimelineEvent(EventKind.NOTE, T0, "U0LEAD", {}))
                uow.commit()
        return True

    assert all(race(work, 8))
    with uow_factory() as uow:
        assert len(uow.timeline.for_crisis(crisis_id)) == 8 * rounds


def test_due_pages_another_transaction_holds_are_left_to_it(engine, uow_factory):
    """On PostgreSQL due work is claimed with FOR UPDATE SKIP LOCKED: replicas ticking at once share it out
    instead of queueing on one row. (SQLite has no row locks: its writers take turns.)"""
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite runs one writer at a time")
    now = T0 + timedelta(minutes=30)
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        held, free = (uow.pages.add(a_page(crisis_id, escalate_at=T0 + timedelta(minutes=m))).id for m in (10, 20))
        uow.commit()
    with uow_factory() as working:
        working.pages.lock(held)
        with uow_factory() as ticking:
            assert ticking.pages.due_escalations(now, 10) == [free]
        with uow_factory() as ticking:
            assert ticking.pages.due_deliveries(now, now, 10) == [free]
    with uow_factory() as uow:
        assert uow.pages.due_escalations(now, 10) == [held, free]
