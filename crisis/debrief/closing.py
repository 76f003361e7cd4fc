"""What a close says, as due work: the notice in the crisis channel, the paused brand posts offered to the
lead, a debrief invitation to every participant, and the announcement. All are recorded with the debrief in
the close's own transaction; whoever claims them (the close right after its commit, or the tick) sends those
not told yet and records each outcome as it comes. A failure waits (`retry_in`); a refusal is given up after
MAX_REFUSALS tries. A person the invitation does not reach is named in the crisis channel, once."""
from __future__ import annotations

import logging
from datetime import datetime

from crisis.debrief.model import Debrief
from crisis.due import given_up, lease, retry_in, run_due, run_each, silent_since, taken_for_dead
from crisis.errors import ChatFailure, failure_reason
from crisis.events import EventKind
from crisis.i18n import User, msg
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWork
from crisis.schedules import services as schedules
from crisis.room.model import Crisis
from crisis.room.shared import announce, post_quietly
from crisis.room.views import closed_notice

log = logging.getLogger(__name__)

ROOM, PAUSED_POSTS, ANNOUNCE = "room", "paused_posts", "announce"
_INVITE = "invite:"


def participants(crisis: Crisis, ports: Ports) -> list[str]:
    """Who is invited: role holders, whoever acknowledged a role (also one handed on since, as the timeline says) and
    the opener; with the plan's "everyone" the channel's members too (asked before the close's transaction; unknown
    members leave them out)."""
    people = {u for r in crisis.roles for u in (r.user_id, r.acked_by) if u} | {crisis.opened_by}
    with ports.uow() as uow:
        people |= {e.actor for e in uow.timeline.for_crisis(crisis.id) if e.kind is EventKind.ACKNOWLEDGED and e.actor}
    if ports.plan.debrief.participants == "everyone" and crisis.channel_id:
        try:
            people |= set(ports.chat.channel_members(crisis.channel_id))
        except ChatFailure as failure:
            log.warning("members of %s unknown (%s); inviting role holders only", crisis.channel_id, failure.reason)
    return sorted(people)


def record_close(uow: UnitOfWork, crisis: Crisis, people: list[str], now: datetime, plan: CrisisPlan) -> None:
    """In the close's transaction: the debrief, with everything the close says due now."""
    debrief = plan.debrief
    uow.debriefs.add(Debrief(crisis.id, people, now, now + debrief.deadline, now + debrief.remind_after,
                             close_due_at=now))


def tell_close(crisis_id: int, *, ports: Ports) -> None:
    """Right after the close's commit: send what it says (unless another sender holds it)."""
    now = ports.clock.now()
    run_each(ports, "telling a close", [crisis_id], lambda uow, key: _claim(uow, key, now, ports.runner),
             lambda claimed: _send(*claimed, ports))


def closes_tick(*, ports: Ports) -> int:
    """Send again what closes have not said yet (their sender died, or a back-off ended)."""
    now = ports.clock.now()
    return len(run_due(ports, "telling closes", lambda uow: uow.debriefs.closes_due(now, silent_since(now)),
                       lambda uow, crisis_id: _claim(uow, crisis_id, now, ports.runner),
                       lambda claimed: _send(*claimed, ports)))


def _items(debrief: Debrief) -> list[str]:
    return [ROOM, PAUSED_POSTS] + [_INVITE + user for user in debrief.participants] + [ANNOUNCE]


def _claim(uow: UnitOfWork, crisis_id: int, now: datetime, runner: str
           ) -> tuple[Crisis, Debrief, list[str]] | None:
    """The items not told yet, claimed for their sending's lease (one call each, and finding the announce
    channel) by `runner`; a silent runner's claim is taken over."""
    record = uow.debriefs.lock(crisis_id)
    if record is None or record.close_due_at is None:
        return None
    if record.close_due_at > now and not taken_for_dead(uow, record.close_runner, now, runner):
        return None
    waiting = [item for item in _items(record) if item not in record.told]
    record.close_attempts += 1
    record.close_due_at = now + lease(calls=len(waiting) + 1) if waiting else None
    record.close_runner = runner
    uow.debriefs.save(record)
    return (uow.crises.get(crisis_id), record, waiting) if waiting else None


def _send(crisis: Crisis, record: Debrief, waiting: list[str], ports: Ports) -> None:
    failures = []
    for item in waiting:
        failure = None
        try:
            _say(item, crisis, record, ports)
        except ChatFailure as failed:
            log.warning("%s of closing crisis %s failed: %s", item, crisis.id, failed.reason)
            failure = failed
            failures.append(failed)
        _record(item, crisis, failure, ports)
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.debriefs.lock(crisis.id)
        if all(item in stored.told for item in _items(stored)):
            stored.close_due_at = None
        elif failures:
            stored.close_due_at = now + max(retry_in(stored.close_attempts, f) for f in failures)
            stored.close_runner = None  # a back-off, held by no one
        uow.debriefs.save(stored)
        uow.commit()


def _say(item: str, crisis: Crisis, record: Debrief, ports: Ports) -> None:
    if item == ROOM:
        ports.chat.post(crisis.channel_id, msg("room.closed", user=User(crisis.closed_by),
                                               lasted=crisis.closed_at - crisis.opened_at,
                                               resolution=crisis.resolution), key=f"closed:{crisis.id}")
    elif item == PAUSED_POSTS:
        schedules.offer_paused_posts(crisis, ports=ports)
    elif item == ANNOUNCE:
        announce(crisis, closed_notice(crisis), "closed", ports)
    else:
        ports.chat.invite_to_debrief(item.removeprefix(_INVITE), crisis, record)


def _record(item: str, crisis: Crisis, failure: ChatFailure | None, ports: Ports) -> None:
    """One item's outcome, on its own: told, given up, or left for the next try. A person the invitation did
    not reach is in invite_failures until it does (the channel hears of it the first time)."""
    user = item.removeprefix(_INVITE) if item.startswith(_INVITE) else None
    with ports.uow() as uow:
        stored = uow.debriefs.lock(crisis.id)
        gave_up = failure is not None and given_up(failure, stored.close_attempts)
        if failure is None or gave_up:
            stored.told = sorted(set(stored.told) | {item})
        first = user is not None and failure is not None and user not in stored.invite_failures
        if user is not None:
            others = {u: r for u, r in stored.invite_failures.items() if u != user}
            stored.invite_failures = others | ({user: failure.reason} if failure else {})
        uow.debriefs.save(stored)
        uow.commit()
    if gave_up:
        log.error("gave up %s of closing crisis %s: %s", item, crisis.id, failure.reason)
    if first:
        post_quietly(ports, crisis.channel_id, msg("debrief.unreachable", user=User(user),
                                                   reason=failure_reason(failure.reason)))
