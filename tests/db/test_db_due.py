"""Due work on the database: each item in a unit of work of its own, committed before what follows it;
an item that fails is rolled back and logged, and never stops the others."""
from __future__ import annotations

import logging

from crisis.due import run_due
from crisis.ports import Ports
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.plans import make_plan
from tests.db.builders import T0, a_crisis, a_page


def test_each_due_item_is_changed_and_committed_on_its_own_then_followed_up(uow_factory, caplog):
    ports = Ports(plan=make_plan(), uow=uow_factory, chat=FakeChat(), clock=FakeClock(T0))
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        first, breaks, nothing_to_do, after_breaks, last = (uow.pages.add(a_page(crisis_id)).id for _ in range(5))
        uow.commit()
    followed: list[tuple[int, int]] = []

    def change(uow, page_id: int):
        page = uow.pages.lock(page_id)
        page.attempts += 1
        uow.pages.save(page)
        if page_id == breaks:
            raise ValueError("the page is broken")
        return None if page_id == nothing_to_do else page

    def after(page) -> int:
        with uow_factory() as uow:  # what follows sees the change committed
            followed.append((page.id, uow.pages.get(page.id).attempts))
        if page.id == after_breaks:
            raise RuntimeError("the chat is down")
        return page.id

    with caplog.at_level(logging.ERROR, logger="crisis.due"):
        done = run_due(ports, "testing", lambda uow: [p.id for p in uow.pages.for_crisis(crisis_id)], change, after)
    assert done == [first, last]
    assert followed == [(first, 1), (after_breaks, 1), (last, 1)]
    with uow_factory() as uow:
        assert [p.attempts for p in uow.pages.for_crisis(crisis_id)] == [1, 0, 1, 1, 1]
    assert [r.getMessage() for r in caplog.records] == [f"testing: {breaks} failed", f"testing: {after_breaks} failed"]
