"""The debrief's timed messages: the reminder to those who have not answered (each once, retried after a failure),
the debrief closing at its deadline, and the reminder of a follow-up to its owner a day before it is due. Each is
claimed under its row's lock for a lease, sent, and recorded as sent only then; a failure waits (`retry_in`), a
refusal is given up after MAX_REFUSALS tries and the crisis channel is told once."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisis.debrief.model import Debrief, FollowUp
from crisis.due import given_up, lease, retry_in, run_due
from crisis.errors import ChatFailure, failure_reason
from crisis.i18n import Time, User, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.room.shared import post_quietly

log = logging.getLogger(__name__)
FOLLOW_UP_REMINDER = timedelta(days=1)
REMINDER_LEASE = lease(calls=1)


@dataclass(frozen=True)
class _DebriefDue:
    crisis: Crisis
    debrief: Debrief
    waiting: list[str]
    """Who to remind now: not answered, reached by the invitation, not reminded yet (none when closing)."""
    closing: bool


def debriefs_tick(ports: Ports, now: datetime) -> int:
    """Remind those due a reminder; close the debriefs whose deadline has come (their report is then due).
    How many debriefs reminded someone."""
    return sum(run_due(ports, "debriefs", lambda uow: uow.debriefs.due(now),
                       lambda uow, crisis_id: _debrief_due(uow, crisis_id, now),
                       lambda due: _remind(due, ports)))


def _debrief_due(uow: UnitOfWork, crisis_id: int, now: datetime) -> _DebriefDue | None:
    """Past the deadline the debrief closes; before it, those still to be reminded are claimed for the lease of
    their calls (and when nobody is left, the reminder is done)."""
    record = uow.debriefs.lock(crisis_id)
    if record is None or record.closed_at is not None:
        return None
    crisis = uow.crises.get(crisis_id)
    if now >= record.deadline:
        record.closed_at = record.report_due_at = now
        uow.debriefs.save(record)
        return _DebriefDue(crisis, record, [], closing=True)
    if record.reminded_at is not None or record.remind_at is None or record.remind_at > now:
        return None
    answered = {r.user for r in uow.debriefs.responses(crisis_id)}
    waiting = [u for u in record.participants
               if u not in answered and u not in record.invite_failures and u not in record.reminded]
    if waiting:
        record.remind_attempts += 1
        record.remind_at = now + lease(calls=len(waiting))
    else:
        record.reminded_at = now
    uow.debriefs.save(record)
    return _DebriefDue(crisis, record, waiting, closing=False) if waiting else None


def _remind(due: _DebriefDue, ports: Ports) -> int:
    if due.closing:  # its report is counted as it is claimed
        return 0
    failures = [failure for user in due.waiting if (failure := _remind_one(user, due, ports)) is not None]
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.debriefs.lock(due.crisis.id)
        if failures:
            stored.remind_at = now + max(retry_in(stored.remind_attempts, f) for f in failures)
        else:
            stored.reminded_at = now
        uow.debriefs.save(stored)
        uow.commit()
    return 1


def _remind_one(user: str, due: _DebriefDue, ports: Ports) -> ChatFailure | None:
    """Remind one person and record it on its own (sent, or given up); the failure, if it is to be tried again."""
    failure = None
    try:
        ports.chat.remind_debrief(user, due.crisis, due.debrief)
    except ChatFailure as failed:
        log.warning("reminding %s of the debrief of crisis %s failed: %s", user, due.crisis.id, failed.reason)
        failure = failed
    with ports.uow() as uow:
        stored = uow.debriefs.lock(due.crisis.id)
        gave_up = failure is not None and given_up(failure, stored.remind_attempts)
        if failure is None or gave_up:
            stored.reminded = sorted(set(stored.reminded) | {user})
        uow.debriefs.save(stored)
        uow.commit()
    if gave_up:
        post_quietly(ports, due.crisis.channel_id, msg("debrief.reminder_refused", user=User(user),
                                                       reason=failure_reason(failure.reason)))
    return None if failure is None or gave_up else failure


def follow_ups_tick(ports: Ports, now: datetime) -> int:
    return sum(run_due(ports, "follow-up reminders", lambda uow: uow.follow_ups.reminders_due(now, FOLLOW_UP_REMINDER),
                       lambda uow, follow_up_id: _follow_up_due(uow, follow_up_id, now),
                       lambda found: _remind_follow_up(*found, ports)))


def _follow_up_due(uow: UnitOfWork, follow_up_id: int, now: datetime) -> tuple[FollowUp, Crisis] | None:
    """The follow-up claimed for its reminder for REMINDER_LEASE (one without an owner has nobody to remind)."""
    item = uow.follow_ups.lock(follow_up_id)
    if item is None or item.reminded_at or item.done_at or (item.remind_retry_at and item.remind_retry_at > now):
        return None
    if not item.owner:
        item.reminded_at = now
    else:
        item.remind_attempts += 1
        item.remind_retry_at = now + REMINDER_LEASE
    uow.follow_ups.save(item)
    return (item, uow.crises.get(item.crisis_id)) if item.owner else None


def _remind_follow_up(item: FollowUp, crisis: Crisis, ports: Ports) -> bool:
    """Remind the owner; recorded as reminded only once sent. A failure is retried after a back-off; after
    repeated refusals the reminder is given up and the crisis channel told once."""
    failure = None
    try:
        ports.chat.post(item.owner, msg("followup.reminder", text=item.text, title=crisis.title, due=Time(item.due)))
    except ChatFailure as failed:
        log.warning("reminding %s of follow-up %s failed: %s", item.owner, item.id, failed.reason)
        failure = failed
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.follow_ups.lock(item.id)
        if stored is None:  # its author removed it meanwhile
            return failure is None
        # given to someone else or moved meanwhile (its author's edit): its own reminder is due, untouched here
        moved = (stored.owner, stored.due) != (item.owner, item.due)
        gave_up = not moved and failure is not None and given_up(failure, stored.remind_attempts)
        if not moved:
            if failure is None or gave_up:
                stored.reminded_at, stored.remind_retry_at = now, None
            else:
                stored.remind_retry_at = now + retry_in(stored.remind_attempts, failure)
            uow.follow_ups.save(stored)
            uow.commit()
    if gave_up:
        post_quietly(ports, crisis.channel_id, msg("followup.reminder_refused", user=User(item.owner), text=item.text,
                                                   reason=failure_reason(failure.reason)))
    return failure is None
