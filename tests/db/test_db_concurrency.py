"""Several threads, each with its own unit of work: once-only decisions stay once-only on both backends."""
from __future__ import annotations

import time

from crisis.events import EventKind, TimelineEvent
from tests.db.builders import T0, a_crisis, a_page
from tests.db.races import HOLD, race

THREADS = 6


def test_one_thread_claims_a_request_key(uow_factory):
    def claim() -> bool:
        with uow_factory() as uow:
            won = uow.requests.claim("action:1700.1:U0LEAD", T0)
            time.sleep(HOLD)
            uow.commit()
            return won

    assert sorted(race(claim, THREADS)) == [False] * (THREADS - 1) + [True]


def test_one_thread_escalates_a_page_under_the_crisis_lock(uow_factory):
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis())
        page_id = uow.pages.add(a_page(crisis.id)).id
        uow.commit()

    def escalate() -> bool:
        """What services._escalate does: read, lock the crisis, read again, decide."""
        with uow_factory() as uow:
            page = uow.pages.get(page_id)
            uow.crises.lock(page.crisis_id)
            page = uow.pages.get(page_id)
            if not page.is_open:
                return False
            page.escalated_at = T0
            uow.pages.save(page)
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.ESCALATED, T0, None, {"role": page.role}))
            time.sleep(HOLD)
            uow.commit()
            return True

    assert sorted(race(escalate, THREADS)) == [False] * (THREADS - 1) + [True]
    with uow_factory() as uow:
        assert [e.kind for e in uow.timeline.for_crisis(crisis.id)] == [EventKind.ESCALATED]


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
