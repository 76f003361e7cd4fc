"""Playbooks' checklists on each database: one per crisis, steps and ticks kept as JSON, the message's state in
its card columns, and which messages are due when."""
from __future__ import annotations

from datetime import timedelta

from crisis.playbooks.model import Checklist
from crisis.prevention.model import Shown
from tests.db.builders import T0, a_crisis

HOUR = timedelta(hours=1)


def test_one_checklist_per_crisis_with_its_steps_ticks_and_message(uow_factory):
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis())
        other = uow.crises.add(a_crisis(title="Other"))
        first = uow.checklists.add(Checklist(crisis.id, "outage", ["Call the NOC", "Post <!channel>"], True, T0))
        assert uow.checklists.add(Checklist(crisis.id, "outage", ["Again"], True, T0)) is None
        uow.checklists.add(Checklist(other.id, "offensive_post", ["playbook.step.offensive_post.1"], False, T0,
                                     card=Shown(due_at=T0 + HOUR)))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.checklists.lock(first.id)
        assert (stored.crisis_id, stored.kind, stored.steps, stored.own, stored.done) == (
            crisis.id, "outage", ["Call the NOC", "Post <!channel>"], True, {})
        stored.done["2"] = {"by": "U0LEAD", "at": T0.isoformat()}
        stored.card = Shown("C1", "1.0001", T0, 1, 2, 1)
        uow.checklists.save(stored)
        uow.commit()
    with uow_factory() as uow:
        again = uow.checklists.for_crisis(crisis.id)
        assert again.done == {"2": {"by": "U0LEAD", "at": T0.isoformat()}}
        assert again.card == Shown("C1", "1.0001", T0, 1, 2, 1)
        assert uow.checklists.cards_due(T0, 10) == [first.id]
        assert len(uow.checklists.cards_due(T0 + HOUR, 10)) == 2
        assert uow.checklists.for_crisis(12345) is None
