"""Crisis states as an explicit transition table, and who may make which transition."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import IllegalTransition, NotAuthorised
from crisis.events import EventKind, TimelineEvent
from crisis.model import Crisis, CrisisStatus
from crisis.plan import CrisisPlan

TRANSITIONS: dict[CrisisStatus, frozenset[CrisisStatus]] = {
    CrisisStatus.OPEN: frozenset({CrisisStatus.CLOSED}),
    CrisisStatus.CLOSED: frozenset(),
}


def ensure_open(crisis: Crisis) -> None:
    if not crisis.is_open:
        raise IllegalTransition("error.crisis_closed", title=crisis.title)


def may_close(crisis: Crisis, plan: CrisisPlan, user: str) -> bool:
    lead = crisis.role(plan.lead_role)
    return user == crisis.opened_by or (lead is not None and user in {lead.user_id, lead.acked_by})


def check_may_close(crisis: Crisis, plan: CrisisPlan, user: str) -> None:
    """Only the crisis lead or the opener may close, and only an open crisis."""
    _check(crisis, CrisisStatus.CLOSED)
    if not may_close(crisis, plan, user):
        lead = crisis.role(plan.lead_role)
        raise NotAuthorised("error.close_not_allowed", lead=lead.user_id if lead else None,
                            opener=crisis.opened_by)


def close(crisis: Crisis, plan: CrisisPlan, actor: str, resolution: str, now: datetime) -> TimelineEvent:
    """Move the crisis to CLOSED, or raise why it cannot be."""
    check_may_close(crisis, plan, actor)
    crisis.status = CrisisStatus.CLOSED
    crisis.closed_at, crisis.closed_by, crisis.resolution = now, actor, resolution
    return TimelineEvent(EventKind.CLOSED, now, actor, {
        "resolution": resolution, "lasted_seconds": int((now - crisis.opened_at).total_seconds())})


def _check(crisis: Crisis, to: CrisisStatus) -> None:
    if to not in TRANSITIONS[crisis.status]:
        if crisis.status is CrisisStatus.CLOSED:
            raise IllegalTransition("error.crisis_closed", title=crisis.title)
        raise IllegalTransition("error.illegal_transition", state=crisis.status.value, to=to.value)
