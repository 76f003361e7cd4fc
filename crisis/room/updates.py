"""Use cases of the update cadence: `/crisis update` and reminders at the severity's cadence (scheduled brand
posts: crisis.schedules)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from crisis.due import run_due
from crisis.errors import BadInput, ChatFailure
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import User, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.room.rules import clean_text
from crisis.room.shared import change_crisis, post_quietly

log = logging.getLogger(__name__)
MAX_UPDATE = 3000


def next_update_due(crisis: Crisis, ports: Ports, since: datetime) -> datetime:
    return since + ports.plan.severity(crisis.severity).update_every


def post_update(channel_id: str, text: str, *, user: str, request_key: str, ports: Ports) -> bool:
    """An update: in the crisis channel, on the timeline and in the stakeholder channel (never a drill's: its room
    hears that it was skipped); resets the cadence."""
    update, _ = clean_text(text, MAX_UPDATE)
    if not update:
        raise BadInput("error.update_empty")
    def apply(crisis: Crisis, now: datetime) -> TimelineEvent:
        crisis.next_update_due_at = next_update_due(crisis, ports, now)
        return TimelineEvent(EventKind.UPDATE_POSTED, now, user, {"text": update})

    crisis = change_crisis(channel_id, user, request_key, ports, apply)
    if crisis is None:
        return False
    message = msg("update.posted", user=User(user), title=crisis.title, text=update)
    post_quietly(ports, crisis.channel_id, message)
    stakeholders = ports.plan.statements.stakeholder_channel
    if stakeholders and crisis.drill:
        post_quietly(ports, crisis.channel_id, msg("update.drill_skipped", channel=stakeholders))
    elif stakeholders:
        try:
            post_quietly(ports, ports.chat.resolve_channel(stakeholders), message)
        except ChatFailure as failure:
            log.warning("stakeholder channel %s: %s", stakeholders, failure.reason)
    return True


def cadence_tick(*, ports: Ports) -> int:
    """Remind the comms lead when no update or statement went out within the severity's cadence."""
    now = ports.clock.now()
    return len(run_due(ports, "update reminders", lambda uow: uow.crises.updates_due(now),
                       lambda uow, crisis_id: _update_overdue(uow, crisis_id, now, ports),
                       lambda overdue: _remind_update(*overdue, ports)))


def _update_overdue(uow: UnitOfWork, crisis_id: int, now: datetime, ports: Ports) -> tuple[Crisis, timedelta] | None:
    """The crisis and its cadence when its update is still overdue; the next one is then due a cadence later."""
    crisis = uow.crises.lock(crisis_id)
    if not crisis.is_open or crisis.next_update_due_at is None or crisis.next_update_due_at > now:
        return None
    every = ports.plan.severity(crisis.severity).update_every
    crisis.next_update_due_at = now + every
    uow.crises.save(crisis)
    return crisis, every


def _remind_update(crisis: Crisis, every: timedelta, ports: Ports) -> None:
    comms = crisis.role("comms_lead") or crisis.role(ports.plan.lead_role)
    post_quietly(ports, crisis.channel_id, msg("update.reminder", user=User(comms.user_id if comms else None),
                                               every=every, severity=crisis.severity))
