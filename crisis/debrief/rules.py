"""The debrief's pure parts: response metrics from the timeline, answers summary, report model (no rendering)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Mapping, Sequence

from crisis.debrief.model import Answer, Debrief, DebriefResponse, FollowUp, Question, QuestionKind
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Msg, has, msg
from crisis.room.model import Crisis
from crisis.monitor.buckets import Bucket
from crisis.monitor.model import SpikeAlert
from crisis.plan import CrisisPlan
from crisis.statements.model import Decision, PausedPost, Statement, StatementState
from crisis.timeline import describe

SCALE = range(1, 6)
_ROLE_EVENTS = frozenset({EventKind.PAGED, EventKind.PAGE_FAILED, EventKind.ACKNOWLEDGED, EventKind.ESCALATED,
                          EventKind.UNANSWERED, EventKind.ROLE_ASSIGNED})


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


def metrics(crisis: Crisis, events: Sequence[TimelineEvent], statements: Sequence[Statement],
            alerts: Sequence[SpikeAlert], plan: CrisisPlan, *, now: datetime | None = None) -> CrisisMetrics:
    """The crisis's response metrics. `now` stands in for the end of a crisis still open (cadence only)."""
    timeline = _sorted(events)
    start = crisis.impact_started_at or crisis.opened_at
    opened = crisis.opened_at
    warning = first_warning(crisis, alerts)
    acks = _acks(crisis, timeline, plan)
    answered = [a for a in acks if a.after is not None]
    slowest = max(answered, key=lambda a: a.after, default=None)
    holding = holding_statement(statements)
    approved = [at for at in map(approved_at, statements) if at is not None]
    published = [s.published_at for s in statements if s.published_at is not None]
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
        updates_made=_count(timeline, EventKind.UPDATE_POSTED) + _count(timeline, EventKind.STATEMENT_PUBLISHED),
        updates_asked=updates_asked(crisis, timeline, plan, end) if end is not None else None,
        statements_drafted=len(statements),
        statements_published=len(published),
        severities=tuple(severity for severity, _ in severities),
    )


def first_warning(crisis: Crisis, alerts: Iterable[SpikeAlert]) -> datetime | None:
    """When the first spike warning linked to the crisis was raised, if that was before it opened
    (warnings posted into the crisis channel after opening detected nothing)."""
    raised = [a.created_at for a in alerts
              if (crisis.id is None or a.crisis_id == crisis.id) and a.created_at <= crisis.opened_at]
    return min(raised, default=None)


def holding_statement(statements: Iterable[Statement]) -> Statement | None:
    """The first statement drafted from a template; without one, the first statement published."""
    ordered = sorted(statements, key=lambda s: s.created_at)
    from_template = [s for s in ordered if s.template]
    if from_template:
        return from_template[0]
    return min((s for s in ordered if s.published_at), key=lambda s: s.published_at, default=None)


def approved_at(statement: Statement) -> datetime | None:
    """When the statement's approval rule was met: the last approval of its final version, else
    its publication; None for a statement never approved (waiting, changes requested, rejected)."""
    if statement.state not in (StatementState.APPROVED, StatementState.PUBLISHED) or not statement.versions:
        return statement.published_at
    version = statement.current.number
    approvals = [a.at for a in statement.approvals if a.version == version and a.decision is Decision.APPROVE]
    return max(approvals, default=statement.published_at)


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


def _sorted(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
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
        slowest = msg("report.value.slowest", after=m.ack_slowest, role=role_name(plan, m.ack_slowest_role))
    rows += [row("ack_median", m.ack_median), row("ack_slowest", slowest)]
    for ack in m.acks:
        value = ack.after if ack.after is not None else msg("report.value.not_acknowledged")
        rows.append(row("ack_role", value, role=role_name(plan, ack.role)))
    rows += [
        row("holding_statement", m.time_to_first_holding_statement),
        row("first_approved", m.time_to_first_approved),
        row("first_published", m.time_to_first_published),
        row("time_to_resolve", m.time_to_resolve),
        row("pages_sent", m.pages_sent),
        row("escalations", m.escalations),
        row("updates", msg("report.value.updates", made=m.updates_made, asked=m.updates_asked)
            if m.updates_asked is not None else msg("report.value.updates_made", made=m.updates_made)),
    ]
    if m.unanswered_roles:
        rows.append(row("unanswered_roles", ", ".join(role_name(plan, r) for r in m.unanswered_roles)))
    return rows


def role_name(plan: CrisisPlan, key: str | None) -> str:
    role = plan.role(key) if key else None
    return role.name if role else (key or "?")


# --- questionnaire answers ------------------------------------------------------------------------

@dataclass(frozen=True)
class TextAnswer:
    user: str
    text: str


@dataclass(frozen=True)
class QuestionSummary:
    """Scale questions: the mean (1 decimal) of `count` answers; text questions: every non-empty answer."""

    key: str
    text: str
    kind: QuestionKind
    count: int = 0
    mean: float | None = None
    answers: tuple[TextAnswer, ...] = ()

    @property
    def answered(self) -> bool:
        return self.count > 0


def answers_summary(questions: Sequence[Question], responses: Sequence[DebriefResponse]) -> list[QuestionSummary]:
    """One summary per question (follow-up questions are reported as follow-ups, not here)."""
    ordered = sorted(responses, key=lambda r: (r.submitted_at, r.user))
    result = []
    for question in questions:
        if question.kind is QuestionKind.FOLLOW_UPS:
            continue
        if question.kind is QuestionKind.SCALE:
            scores = [s for s in (_score(r.answers.get(question.key)) for r in ordered) if s is not None]
            mean = round(statistics.fmean(scores), 1) if scores else None
            result.append(QuestionSummary(question.key, question.text, question.kind, len(scores), mean))
        else:
            texts = tuple(TextAnswer(r.user, text) for r in ordered
                          if (text := _text(r.answers.get(question.key))))
            result.append(QuestionSummary(question.key, question.text, question.kind, len(texts), answers=texts))
    return result


def _score(answer: Answer | None) -> int | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, str) and answer.strip().isdigit():
        answer = int(answer.strip())
    return answer if isinstance(answer, int) and answer in SCALE else None


def _text(answer: Answer | None) -> str:
    if answer is None or isinstance(answer, bool):
        return ""
    return str(answer).strip()


# --- the report model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    text: Msg


@dataclass(frozen=True)
class TrailEntry:
    """One decision on a statement: which version, what, by whom in which role, when, with which note."""

    version: int
    decision: Decision
    role: str
    user: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class VersionLine:
    number: int
    author: str
    at: datetime


@dataclass(frozen=True)
class StatementReport:
    number: int
    target: str
    state: StatementState
    author: str
    drafted_at: datetime
    template: str | None
    text: str
    versions: tuple[VersionLine, ...]
    trail: tuple[TrailEntry, ...]
    approved_at: datetime | None
    published_at: datetime | None
    published_ref: str
    publish_error: str


@dataclass(frozen=True)
class PausedPostLine:
    channel: str
    text: str
    post_at: datetime
    outcome: str  # "resumed", "discarded" or "" (still paused)
    decided_by: str | None
    new_post_at: datetime | None


@dataclass(frozen=True)
class FollowUpLine:
    text: str
    owner: str | None
    due: datetime | None
    done_at: datetime | None


@dataclass(frozen=True)
class NonRespondent:
    user: str
    unreachable: str | None = None  # Slack's reason when the questionnaire could not reach them


@dataclass(frozen=True)
class ChartData:
    """What the report's chart shows: the crisis's mention buckets and the team's actions."""

    title: Msg
    buckets: tuple[Bucket, ...]
    actions: tuple[tuple[datetime, Msg], ...]
    bucket_minutes: int


@dataclass(frozen=True)
class Report:
    """Everything the report shows; a section without data is empty (or None) and renderers leave it out."""

    organisation: str
    title: str
    severity: str
    severities: tuple[str, ...]
    kind: Msg
    description: str
    link: str
    channel_name: str | None
    term: str | None
    opened_by: str
    opened_at: datetime
    impact_started_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None
    resolution: str
    metrics: CrisisMetrics
    metric_rows: tuple[MetricRow, ...]
    timeline: tuple[TimelineLine, ...] = ()
    statements: tuple[StatementReport, ...] = ()
    paused_posts: tuple[PausedPostLine, ...] = ()
    answers: tuple[QuestionSummary, ...] = ()
    participants: tuple[str, ...] = ()
    respondents: tuple[str, ...] = ()
    non_respondents: tuple[NonRespondent, ...] = ()
    follow_ups: tuple[FollowUpLine, ...] = ()
    chart: ChartData | None = None
    debrief_held: bool = False
    """A questionnaire was sent (so answers and non-respondents are meaningful)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Slack ids of the people and channels in the report -> their names (ids are shown without one)."""


def build_report(crisis: Crisis, plan: CrisisPlan, events: Sequence[TimelineEvent], statements: Sequence[Statement],
                 alerts: Sequence[SpikeAlert], paused_posts: Sequence[PausedPost], debrief: Debrief | None,
                 responses: Sequence[DebriefResponse], follow_ups: Sequence[FollowUp],
                 buckets: Sequence[Bucket]) -> Report:
    timeline = _sorted(events)
    measured = metrics(crisis, timeline, statements, alerts, plan)
    ordered = sorted(statements, key=lambda s: (s.created_at, s.id or 0))
    statement_lines = tuple(_statement(s, i, plan) for i, s in enumerate(ordered, start=1))
    responded = {r.user for r in responses}
    participants = tuple(debrief.participants) if debrief else ()
    failures = debrief.invite_failures if debrief else {}
    return Report(
        organisation=plan.organisation,
        title=crisis.title,
        severity=crisis.severity,
        severities=measured.severities,
        kind=_kind(crisis.kind),
        description=crisis.description,
        link=crisis.link,
        channel_name=crisis.channel_name,
        term=crisis.term,
        opened_by=crisis.opened_by,
        opened_at=crisis.opened_at,
        impact_started_at=crisis.impact_started_at,
        closed_by=crisis.closed_by,
        closed_at=crisis.closed_at,
        resolution=crisis.resolution,
        metrics=measured,
        metric_rows=tuple(metric_rows(measured, plan)),
        timeline=tuple(TimelineLine(e.at, describe(e, plan)) for e in timeline),
        statements=statement_lines,
        paused_posts=tuple(_paused(p) for p in sorted(paused_posts, key=lambda p: (p.post_at, p.id or 0))),
        answers=tuple(answers_summary(plan.debrief.questions, responses)) if debrief or responses else (),
        participants=participants,
        respondents=tuple(sorted(responded)),
        non_respondents=tuple(NonRespondent(u, failures.get(u)) for u in participants if u not in responded),
        follow_ups=tuple(FollowUpLine(f.text, f.owner, f.due, f.done_at) for f in sorted(
            follow_ups, key=lambda f: (f.due is None, f.due or f.created_at, f.created_at, f.id or 0))),
        chart=_chart(crisis, measured, statement_lines, buckets, plan),
        debrief_held=debrief is not None,
    )


def _kind(kind: str) -> Msg:
    key = f"kind.{kind}"
    return msg(key) if has(key) else msg("kind.custom", name=kind)


def _statement(statement: Statement, index: int, plan: CrisisPlan) -> StatementReport:
    target = plan.statements.target(statement.target)
    trail = tuple(TrailEntry(a.version, a.decision, role_name(plan, a.role), a.user, a.at, a.note)
                  for a in sorted(statement.approvals, key=lambda a: a.at))
    return StatementReport(
        number=statement.id if statement.id is not None else index,
        target=target.name if target else statement.target,
        state=statement.state,
        author=statement.author,
        drafted_at=statement.created_at,
        template=statement.template,
        text=statement.current.text if statement.versions else "",
        versions=tuple(VersionLine(v.number, v.author, v.created_at) for v in statement.versions),
        trail=trail,
        approved_at=approved_at(statement),
        published_at=statement.published_at,
        published_ref=statement.published_ref,
        publish_error="" if statement.published_at else statement.publish_error,
    )


def _paused(post: PausedPost) -> PausedPostLine:
    return PausedPostLine(post.channel_id, post.text, post.post_at, post.outcome, post.decided_by, post.new_post_at)


def _chart(crisis: Crisis, m: CrisisMetrics, statements: Sequence[StatementReport], buckets: Sequence[Bucket],
           plan: CrisisPlan) -> ChartData | None:
    if not any(b.count for b in buckets):
        return None
    actions: list[tuple[datetime, Msg]] = []
    if crisis.impact_started_at is not None:
        actions.append((crisis.impact_started_at, msg("report.action.impact")))
    actions.append((crisis.opened_at, msg("report.action.opened")))
    if m.ack_median is not None:
        first = min(a.after for a in m.acks if a.after is not None)
        actions.append((crisis.opened_at + first, msg("report.action.first_ack")))
    actions += [(s.published_at, msg("report.action.published", statement=s.number))
                for s in statements if s.published_at is not None]
    if crisis.closed_at is not None:
        actions.append((crisis.closed_at, msg("report.action.closed")))
    title = msg("report.chart.title", subject=crisis.term or crisis.title)
    return ChartData(title, tuple(buckets), tuple(sorted(actions, key=lambda a: a[0])), plan.monitor.bucket_minutes)
