"""Use cases of playbooks: the crisis type's checklist recorded with the open and posted in the crisis room once
the room exists (by the set-up, or the tick when that failed), and a step ticked or unticked by someone on the
crisis, who and when on the message and the timeline. The message is kept like prevention's cards: claimed with
a lease, posted once by its key, edited in place after each tick."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import ChatFailure, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.plan import CrisisPlan
from crisis.playbooks import rules, views
from crisis.playbooks.model import Checklist
from crisis.playbooks.steps import steps_for
from crisis.ports import Ports, UnitOfWork
from crisis.prevention import showing
from crisis.room.model import Crisis
from crisis.room.permissions import on_the_crisis
from crisis.room.rules import ensure_open
from crisis.room.shared import authority, get_crisis


def _room(checklist: Checklist, ports: Ports) -> str:
    crisis = get_crisis(checklist.crisis_id, ports)
    if crisis.channel_id is None:  # not yet: the set-up shows it once the room exists
        raise ChatFailure("room_not_ready")
    return crisis.channel_id


CHECKLIST = showing.CardKind("playbook checklist", lambda uow: uow.checklists, views.checklist_card, _room,
                             lambda item: f"playbook:{item.crisis_id}")


def record_checklist(uow: UnitOfWork, crisis: Crisis, plan: CrisisPlan, now: datetime) -> None:
    """In the open's transaction: the checklist of the crisis's type (the plan's own steps, or the shipped ones),
    to be shown once the room exists (checklist_due)."""
    steps, own = steps_for(plan, crisis.kind)
    uow.checklists.add(Checklist(crisis.id, crisis.kind, steps, own, now))


def checklist_due(uow: UnitOfWork, crisis_id: int, now: datetime) -> int | None:
    """In the transaction that records the room set up (its channel exists): the checklist is due to be shown, unless
    it is shown or on its way already. Its id when the caller is to show it after commit (show_checklist); a process
    killed first leaves it due for the tick."""
    checklist = uow.checklists.for_crisis(crisis_id)
    if checklist is None or checklist.card.ref is not None or checklist.card.due_at is not None \
            or checklist.card.attempts:
        return None
    checklist.card.due_at = now
    uow.checklists.save(checklist)
    return checklist.id


def show_checklist(checklist_id: int | None, *, ports: Ports) -> None:
    """After that commit: post it (a failure is left to the tick)."""
    if checklist_id is not None:
        showing.show_now(CHECKLIST, checklist_id, ports)


def tick_step(checklist_id: int, number: int, done: bool, *, user: str, request_key: str, ports: Ports
              ) -> Checklist | None:
    """Tick step `number` of a checklist (done) or untick it: by someone on the crisis (crisis.room.permissions.
    on_the_crisis), while it is open. None when the request was handled before (a replayed click)."""
    with ports.uow() as uow:
        found = uow.checklists.get(checklist_id)
    if found is None:
        raise UnknownCrisis("error.unknown_checklist")
    crisis, who = get_crisis(found.crisis_id, ports), authority(ports)
    known = on_the_crisis(crisis, user, who, lambda: []) or not crisis.channel_id
    members = [] if known else ports.chat.channel_members(crisis.channel_id)  # asked outside the transaction
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis = uow.crises.lock(found.crisis_id)
        ensure_open(crisis)
        rules.check_may_tick(crisis, user, who, lambda: members)
        checklist = uow.checklists.lock(checklist_id)
        rules.tick(checklist, number, done, user, now)
        showing.changed(checklist.card, now)
        uow.checklists.save(checklist)
        step = checklist.steps[number - 1]
        uow.timeline.append(crisis.id, TimelineEvent(
            EventKind.PLAYBOOK_STEP_DONE if done else EventKind.PLAYBOOK_STEP_UNDONE, now, user,
            {"step": number, "text" if checklist.own else "step_key": step}))
        uow.commit()
    showing.show_now(CHECKLIST, checklist_id, ports)
    return checklist


def tick(*, ports: Ports) -> int:
    """The tick's part: checklists whose message failed to show, or whose sender died."""
    return showing.cards_tick(CHECKLIST, ports)
