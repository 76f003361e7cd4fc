"""A crisis told by hand for the debrief's tests: its timeline (fixed times), statements and spike warnings."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from crisis.events import EventKind as K
from crisis.events import TimelineEvent
from crisis.monitor.model import SpikeAlert
from crisis.room.model import Crisis, RoleAssignment
from crisis.statements.model import (
    Approval,
    Decision,
    Statement,
    StatementState,
    StatementVersion,
)

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def mins(n: float) -> timedelta:
    return timedelta(minutes=n)


def crisis(**changes) -> Crisis:
    base = Crisis(
        title="Offensive ad", severity="SEV1", kind="offensive_post", opened_by="ULEAD", opened_at=T0,
        roles=[RoleAssignment("crisis_lead", "ULEAD", "ULEADB"), RoleAssignment("comms_lead", "UCOMMS", "UCOMMSB"),
               RoleAssignment("legal", "ULEGAL")],
        closed_at=at(180), closed_by="ULEAD", resolution="Apologised; ad withdrawn", term="acme", id=7,
        channel_name="crisis-offensive-ad")
    return replace(base, **changes)


def event(what: K, minutes: float, actor: str | None = None, /, **data) -> TimelineEvent:
    return TimelineEvent(what, at(minutes), actor, data, crisis_id=7)


def timeline() -> list[TimelineEvent]:
    """The events as the store gives them: ids in the order they were recorded."""
    return [replace(e, id=i) for i, e in enumerate(_events(), start=1)]


def _events() -> list[TimelineEvent]:
    return [
        event(K.OPENED, 0, "ULEAD", title="Offensive ad", severity="SEV2", kind="offensive_post"),
        event(K.PAGED, 0, role="crisis_lead", user="ULEAD", level="primary"),
        event(K.PAGED, 0, role="comms_lead", user="UCOMMS", level="primary"),
        event(K.PAGED, 0, role="legal", user="ULEGAL", level="primary"),
        event(K.ACKNOWLEDGED, 2, "ULEAD", role="crisis_lead", level="primary", after_seconds=120),
        event(K.ESCALATED, 5, role="comms_lead", **{"from": "UCOMMS", "to": "UCOMMSB", "level": "backup"}),
        event(K.PAGED, 5, role="comms_lead", user="UCOMMSB", level="backup"),
        event(K.ACKNOWLEDGED, 8, "UCOMMSB", role="comms_lead", level="backup", after_seconds=480),
        event(K.UNANSWERED, 30, role="legal"),
        event(K.STATEMENT_DRAFTED, 20, "UCOMMSB", statement=1, target="X / Twitter"),
        event(K.UPDATE_POSTED, 40, "UCOMMSB", text="We are on it"),
        event(K.STATEMENT_PUBLISHED, 50, statement=1, ref="x: 123"),
        event(K.SEVERITY_CHANGED, 60, "ULEAD", **{"from": "SEV2", "to": "SEV1"}),
        event(K.UPDATE_POSTED, 100, "UCOMMSB", text="Ad withdrawn"),
        event(K.NOTE, 120, "ULEAD", text="Press calls coming in"),
        event(K.CLOSED, 180, "ULEAD", resolution="Apologised; ad withdrawn", lasted_seconds=10800),
    ]


def holding() -> Statement:
    return Statement(7, "x", "UCOMMSB", at(20), [StatementVersion(1, "We hear you and are looking into it.",
                                                                   "UCOMMSB", at(20))],
                     [Approval(1, "crisis_lead", "ULEAD", Decision.APPROVE, at(35)),
                      Approval(1, "legal", "ULEGAL", Decision.APPROVE, at(45))],
                     StatementState.PUBLISHED, template="holding", published_at=at(50), published_ref="x: 123", id=1)


def apology() -> Statement:
    return Statement(7, "press", "UCOMMSB", at(70),
                     [StatementVersion(1, "We are sorry.", "UCOMMSB", at(70)),
                      StatementVersion(2, "We are truly sorry.", "UCOMMSB", at(95))],
                     [Approval(1, "legal", "ULEGAL", Decision.REQUEST_CHANGES, at(80), "Too vague"),
                      Approval(2, "crisis_lead", "ULEAD", Decision.REJECT, at(110), "Not needed any more")],
                     StatementState.REJECTED, id=2)


def alerts() -> list[SpikeAlert]:
    def alert(minutes: float, crisis_id: int | None) -> SpikeAlert:
        return SpikeAlert("acme", "volume", 1, at(minutes - 10), at(minutes - 5), 40, 10, 2, 20, 4.0, False, False,
                          at(minutes), crisis_id=crisis_id)

    # an older warning about another crisis, the one the crisis was opened from, one posted into the room later
    return [alert(-600, 3), alert(-15, 7), alert(25, 7)]
