"""The debrief's pure parts: response metrics from the timeline, answers summary, report model (no rendering)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Iterable, Sequence

from crisis.debrief.model import FollowUp, FollowUpEntry
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Msg, msg, voice
from crisis.monitor.model import SpikeAlert
from crisis.plan import ALL_STAFF_TARGET, CrisisPlan
from crisis.room.model import Crisis, RoleAssignment
from crisis.statements.model import Decision, Statement, StatementState
from crisis.statements.rules import rule_status

SCALE = range(1, 6)
FOLLOW_UP_ROWS = 3
"""Follow-up actions a person can enter in one questionnaire (text, owner, due date each)."""
FOLLOW_UP_DUE_HOUR = 17
"""A follow-up due on a day is due at this hour of that day on the team's clock."""
_ROLE_EVENTS = frozenset({EventKind.PAGED, EventKind.PAGE_FAILED, EventKind.ACKNOWLEDGED, EventKind.ESCALATED,
                          EventKind.UNANSWERED, EventKind.ROLE_ASSIGNED})


def follow_up_due(day: str | None) -> datetime | None:
    """A date picker's day (YYYY-MM-DD) at FOLLOW_UP_DUE_HOUR on the team's clock, in UTC; None when empty or not
    a day."""
    try:
        return (datetime.strptime(day or "", "%Y-%m-%d").replace(hour=FOLLOW_UP_DUE_HOUR, tzinfo=voice.team().zone)
                .astimezone(UTC))
    except (TypeError, ValueError):
        return None


# --- metrics ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RoleAck:
    """How fast one role answered its page: from the crisis opening to the role's first acknowledgement."""

    role: str
    user: str | None
    after: timedelta | None  # None: nobody acknowledged the role
    level: str | None = None  # primary / backup / lead: who finally acknowledged


@dataclass(frozen=True)
class CrisisMetrics:
    """Response metrics of one crisis; every duration is a timedelta, or None when it cannot be measured.

    Definitions: docs/metrics.md."""

    impact_started_at: datetime
    impact_start_set: bool
    opened_at: datetime
    closed_at: datetime | None
    duration: timedelta | None
    time_to_detect: timedelta | None
    impact_to_warning: timedelta | None
    time_to_open: timedelta | None
    acks: tuple[RoleAck, ...]
    ack_median: timedelta | None
    ack_slowest: timedelta | None
    ack_slowest_role: str | None
    unanswered_roles: tuple[str, ...]
    pages_sent: int
    escalations: int
    time_to_first_holding_statement: timedelta | None
    time_to_first_approved: timedelta | None
    time_to_first_published: timedelta | None
    time_to_resolve: timedelta | None
    updates_made: int
    updates_asked: int | None
    statements_drafted: int
    statements_published: int
    severities: tuple[str, ...]
    """The severities the crisis had, in order (e.g. SEV2, SEV1)."""
    staff_briefings: int = 0
    """Employee briefings drafted (the all-staff target): internal, so in none of the public statement metrics."""
    time_to_staff_briefing: timedelta | None = None


def metrics(crisis: Crisis, events: Sequence[TimelineEvent], statements: Sequence[Statement],
            alerts: Sequence[SpikeAlert], plan: CrisisPlan, *, now: datetime | None = None) -> CrisisMetrics:
    """The crisis's response metrics. `now` stands in for the end of a crisis still open (cadence only)."""
    timeline = sorted_events(events)
    start = crisis.impact_started_at or crisis.opened_at
    opened = crisis.opened_at
    warning = first_warning(crisis, alerts)
    acks = _acks(crisis, timeline, plan)
    answered = [a for a in acks if a.after is not None]
    slowest = max(answered, key=lambda a: a.after, default=None)
    public = public_statements(statements)
    holding = holding_statement(public)
    approved = [at for at in (approved_at(s, crisis, plan, timeline) for s in public) if at is not None]
    published = [s.published_at for s in public if s.published_at is not None]
    briefings = [s for s in statements if s.target == ALL_STAFF_TARGET]
    internal = {s.id for s in briefings}
    end = crisis.closed_at or now
    severities = severity_history(crisis, timeline)
    return CrisisMetrics(
        impact_started_at=start,
        impact_start_set=crisis.impact_started_at is not None,
        opened_at=opened,
        closed_at=crisis.closed_at,
        duration=_span(opened, crisis.closed_at),
        time_to_detect=_span(warning, opened),
        impact_to_warning=_span(crisis.impact_started_at, warning),
        time_to_open=_span(crisis.impact_started_at, opened),
        acks=tuple(acks),
        ack_median=statistics.median(sorted(a.after for a in answered)) if answered else None,
        ack_slowest=slowest.after if slowest else None,
        ack_slowest_role=slowest.role if slowest else None,
        unanswered_roles=tuple(a.role for a in acks if a.after is None),
        pages_sent=_count(timeline, EventKind.PAGED),
        escalations=_count(timeline, EventKind.ESCALATED),
        time_to_first_holding_statement=_span(start, holding.created_at if holding else None),
        time_to_first_approved=_span(start, min(approved, default=None)),
        time_to_first_published=_span(start, min(published, default=None)),
        time_to_resolve=_span(start, crisis.closed_at),
        updates_made=_count(timeline, EventKind.UPDATE_POSTED) + sum(
            1 for e in timeline if e.kind is EventKind.STATEMENT_PUBLISHED and e.data.get("statement") not in internal),
        updates_asked=updates_asked(crisis, timeline, plan, end) if end is not None else None,
        statements_drafted=len(public),
        statements_published=len(published),
        severities=tuple(severity for severity, _ in severities),
        staff_briefings=len(briefings),
        time_to_staff_briefing=_span(start, min((b.published_at for b in briefings if b.published_at), default=None)),
    )


def first_warning(crisis: Crisis, alerts: Iterable[SpikeAlert]) -> datetime | None:
    """When the first spike warning linked to the crisis was raised, if that was before it opened
    (warnings posted into the crisis channel after opening detected nothing)."""
    raised = [a.created_at for a in alerts
              if (crisis.id is None or a.crisis_id == crisis.id) and a.created_at <= crisis.opened_at]
    return min(raised, default=None)


def public_statements(statements: Iterable[Statement]) -> list[Statement]:
    """The statements meant for the public: all but the employee briefings (the all-staff target)."""
    return [s for s in statements if s.target != ALL_STAFF_TARGET]


def holding_statement(statements: Iterable[Statement]) -> Statement | None:
    """The first public statement drafted from a template; without one, the first public statement published."""
    ordered = sorted(public_statements(statements), key=lambda s: s.created_at)
    from_template = [s for s in ordered if s.template]
    if from_template:
        return from_template[0]
    return min((s for s in ordered if s.published_at), key=lambda s: s.published_at, default=None)


def approved_at(statement: Statement, crisis: Crisis, plan: CrisisPlan,
                timeline: Sequence[TimelineEvent] = ()) -> datetime | None:
    """When the statement's approval rule was first met on its final version: its decisions on that version walked
    in time order through the statements' own rule (`rule_status`), each approver holding the role they approved
    in, at the crisis's severity of that moment (from `timeline`), so approvals after that do not move it. When the
    walk never meets the rule (the plan changed since), the last approval; without any, its publication. None for
    a statement never approved (waiting, changes requested, rejected)."""
    if statement.state not in (StatementState.APPROVED, StatementState.PUBLISHED) or not statement.versions:
        return statement.published_at
    version = statement.current.number
    decisions = sorted((a for a in statement.approvals if a.version == version), key=lambda a: a.at)
    history = severity_history(crisis, sorted_events(timeline))
    for count, decision in enumerate(decisions, start=1):
        if decision.decision is not Decision.APPROVE:
            continue
        given = decisions[:count]
        held = [RoleAssignment(a.role, a.user) for a in given if a.decision is Decision.APPROVE]
        severity = next((sev for sev, since in reversed(history) if since <= decision.at), history[0][0])
        then = replace(crisis, severity=severity, roles=held)
        if rule_status(replace(statement, approvals=given), then, plan).met:
            return decision.at
    return max((a.at for a in decisions if a.decision is Decision.APPROVE), default=statement.published_at)


def severity_history(crisis: Crisis, timeline: Sequence[TimelineEvent]) -> list[tuple[str, datetime]]:
    """(severity, since) from the opening on: the opening severity, then each SEVERITY_CHANGED."""
    changes = [e for e in timeline if e.kind is EventKind.SEVERITY_CHANGED and "to" in e.data]
    opened = next((e for e in timeline if e.kind is EventKind.OPENED and e.data.get("severity")), None)
    first = opened.data["severity"] if opened else (changes[0].data.get("from") if changes else None)
    history = [(first or crisis.severity, crisis.opened_at)]
    for change in changes:
        if change.data["to"] != history[-1][0]:
            history.append((change.data["to"], max(change.at, crisis.opened_at)))
    return history


def updates_asked(crisis: Crisis, timeline: Sequence[TimelineEvent], plan: CrisisPlan, end: datetime) -> int:
    """Updates the cadence asked for between opening and `end`: each period at one severity, divided
    by that severity's update_every, added up and rounded down."""
    history = severity_history(crisis, timeline)
    total = 0.0
    for index, (severity, since) in enumerate(history):
        until = history[index + 1][1] if index + 1 < len(history) else end
        level = plan.severity(severity)
        if level is not None and until > since:
            total += (until - since) / level.update_every
    return int(total + 1e-9)


def _acks(crisis: Crisis, timeline: Sequence[TimelineEvent], plan: CrisisPlan) -> list[RoleAck]:
    involved = {r.role for r in crisis.roles if r.user_id}
    involved |= {e.data["role"] for e in timeline if e.kind in _ROLE_EVENTS and e.data.get("role")}
    order = [r.key for r in plan.roles] + [r.role for r in crisis.roles] + sorted(involved)
    result = []
    for role in dict.fromkeys(r for r in order if r in involved):
        event = next((e for e in timeline if e.kind is EventKind.ACKNOWLEDGED and e.data.get("role") == role), None)
        assignment = crisis.role(role)
        if event is not None:
            result.append(RoleAck(role, event.actor, _span(crisis.opened_at, event.at), event.data.get("level")))
        elif assignment is not None and assignment.acked_at is not None:
            result.append(RoleAck(role, assignment.acked_by, _span(crisis.opened_at, assignment.acked_at)))
        else:
            result.append(RoleAck(role, assignment.user_id if assignment else None, None))
    return result


def _span(start: datetime | None, end: datetime | None) -> timedelta | None:
    """end - start, never negative; None when either end is unknown."""
    if start is None or end is None:
        return None
    return max(end - start, timedelta(0))


def _count(timeline: Iterable[TimelineEvent], kind: EventKind) -> int:
    return sum(1 for e in timeline if e.kind is kind)


def sorted_events(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    return sorted(events, key=lambda e: (e.at, e.id if e.id is not None else 0))


# --- the metrics as table rows --------------------------------------------------------------------

@dataclass(frozen=True)
class MetricRow:
    """One line of the metrics table: what, its value (None: not measured) and its definition."""

    key: str
    label: Msg
    value: Msg | timedelta | int | None
    hint: Msg


def metric_rows(m: CrisisMetrics, plan: CrisisPlan) -> list[MetricRow]:
    def row(key: str, value: Msg | timedelta | int | None, **params: object) -> MetricRow:
        return MetricRow(key, msg(f"report.metric.{key}", **params), value, msg(f"report.hint.{key}"))

    rows = [row("time_to_detect", m.time_to_detect)]
    if m.impact_start_set:
        rows += [row("impact_to_warning", m.impact_to_warning), row("time_to_open", m.time_to_open)]
    slowest = None
    if m.ack_slowest is not None:
        slowest = msg("report.value.slowest", after=m.ack_slowest, role=plan.role_name(m.ack_slowest_role))
    rows += [row("ack_median", m.ack_median), row("ack_slowest", slowest)]
    for ack in m.acks:
        value = ack.after if ack.after is not None else msg("report.value.not_acknowledged")
        rows.append(row("ack_role", value, role=plan.role_name(ack.role)))
    rows += [
        row("holding_statement", m.time_to_first_holding_statement),
        row("first_approved", m.time_to_first_approved),
        row("first_published", m.time_to_first_published),
        *([row("staff_briefing", m.time_to_staff_briefing)] if m.staff_briefings else []),
        row("time_to_resolve", m.time_to_resolve),
        row("pages_sent", m.pages_sent),
        row("escalations", m.escalations),
        row("updates", msg("report.value.updates", made=m.updates_made, asked=m.updates_asked)
            if m.updates_asked is not None else msg("report.value.updates_made", made=m.updates_made)),
    ]
    if m.unanswered_roles:
        rows.append(row("unanswered_roles", ", ".join(plan.role_name(r) for r in m.unanswered_roles)))
    return rows



# --- follow-ups -----------------------------------------------------------------------------------

def edited_follow_ups(mine: Sequence[FollowUp], entries: Sequence[FollowUpEntry], *, crisis_id: int, user: str,
                      now: datetime) -> list[FollowUp]:
    """A person's open follow-ups (`mine`) after they submit the questionnaire again. A row that showed one of them
    (its id), else one with the same text as one no row showed, updates that follow-up in place: its id stays (a
    Done button already sent still works) and so does its reminder, unless its owner or due date changed. The
    others are new; those of `mine` no row kept are left out (deleted)."""
    left = {f.id: f for f in mine}
    shown = {e.id for e in entries if e.id in left}
    kept = []
    for entry in entries:
        before = left.pop(entry.id, None) if entry.id in shown else None
        if before is None:
            before = next((f for f in left.values() if f.id not in shown and f.text.strip() == entry.text.strip()),
                          None)
            left.pop(getattr(before, "id", None), None)
        if before is None:
            kept.append(FollowUp(crisis_id, entry.text, entry.owner, entry.due, user, now))
            continue
        moved = (before.owner, before.due) != (entry.owner, entry.due)
        again = {"reminded_at": None, "remind_attempts": 0, "remind_retry_at": None} if moved else {}
        kept.append(replace(before, text=entry.text, owner=entry.owner, due=entry.due, **again))
    return kept


# --- questionnaire answers ------------------------------------------------------------------------


# --- the report model -----------------------------------------------------------------------------


