"""The debrief report's model (no rendering): metrics, answers, statements, posts taken down, timeline, chart data,
what drove the mentions and follow-ups of a crisis, built from what is stored."""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Mapping, Sequence

from crisis.debrief.model import Answer, Debrief, DebriefResponse, FollowUp, Question, QuestionKind
from crisis.debrief.rules import SCALE, CrisisMetrics, MetricRow, approved_at, metric_rows, metrics, sorted_events
from crisis.events import TimelineEvent
from crisis.i18n import Msg, has, msg
from crisis.monitor.buckets import Bucket
from crisis.monitor.drivers import Drivers
from crisis.monitor.model import SpikeAlert
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.model import Amendment, Decision, PausedPost, Statement, StatementState
from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from crisis.webcare.model import Reply
from crisis.timeline import describe


@dataclass(frozen=True)
class TextAnswer:
    user: str
    text: str

@dataclass(frozen=True)
class QuestionSummary:
    """Scale questions: the mean (1 decimal) of `count` answers; text questions: every non-empty answer."""

    key: str
    text: Msg
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
            result.append(QuestionSummary(question.key, question.caption, question.kind, len(scores), mean))
        else:
            texts = tuple(TextAnswer(r.user, text) for r in ordered
                          if (text := _text(r.answers.get(question.key))))
            result.append(QuestionSummary(question.key, question.caption, question.kind, len(texts), answers=texts))
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
    amends: int | None = None
    """The statement this one corrects or retracts (crisis.statements.amendments)."""
    amendment: Amendment | None = None
    retracted_by: int | None = None

@dataclass(frozen=True)
class PausedPostLine:
    channel: str
    text: str
    post_at: datetime
    outcome: str  # "resumed", "discarded" or "" (still paused)
    decided_by: str | None
    new_post_at: datetime | None
    account: str = ""
    """Where it was scheduled when not a chat channel (e.g. "Mastodon social.example"); "" for a channel."""

@dataclass(frozen=True)
class TakedownLine:
    """A post asked to be taken down: its archived copy, on which account, who asked and approved, and the outcome."""

    account: str
    post: PostCopy
    requested_by: str
    approved_by: tuple[str, ...]
    state: TakedownState
    removed_at: datetime | None
    error: str

@dataclass(frozen=True)
class FollowUpLine:
    text: str
    owner: str | None
    due: datetime | None
    done_at: datetime | None

@dataclass(frozen=True)
class NonRespondent:
    user: str
    unreachable: str | None = None  # the chat platform's reason when the questionnaire could not reach them

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
    taken_down: tuple[TakedownLine, ...] = ()
    replies: tuple[Reply, ...] = ()
    """Webcare replies asked for in the crisis, oldest first (crisis/webcare)."""
    answers: tuple[QuestionSummary, ...] = ()
    participants: tuple[str, ...] = ()
    respondents: tuple[str, ...] = ()
    non_respondents: tuple[NonRespondent, ...] = ()
    follow_ups: tuple[FollowUpLine, ...] = ()
    chart: ChartData | None = None
    drivers: Drivers | None = None
    """What drove the mentions of the crisis's term (None without a term or without mentions)."""
    debrief_held: bool = False
    """A questionnaire was sent (so answers and non-respondents are meaningful)."""
    drill: bool = False
    """A practice crisis: its take-downs and replies were approved but skipped (the platform never called)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Chat ids of the people and channels in the report -> their names (ids are shown without one)."""

RenderReport = Callable[[Report], tuple[str, str, bytes | None]]
"""(markdown, html, chart png) of a report: the reports/ adapter, wired in the composition root."""

def build_report(crisis: Crisis, plan: CrisisPlan, events: Sequence[TimelineEvent], statements: Sequence[Statement],
                 alerts: Sequence[SpikeAlert], paused_posts: Sequence[PausedPost], debrief: Debrief | None,
                 responses: Sequence[DebriefResponse], follow_ups: Sequence[FollowUp],
                 buckets: Sequence[Bucket], drivers: Drivers | None = None,
                 takedowns: Sequence[Takedown] = (), replies: Sequence[Reply] = ()) -> Report:
    timeline = sorted_events(events)
    measured = metrics(crisis, timeline, statements, alerts, plan)
    ordered = sorted(statements, key=lambda s: (s.created_at, s.id or 0))
    statement_lines = tuple(_statement(s, i, crisis, plan, timeline) for i, s in enumerate(ordered, start=1))
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
        taken_down=tuple(_takedown(t) for t in sorted(takedowns, key=lambda t: (t.requested_at, t.id or 0))),
        replies=tuple(sorted(replies, key=lambda r: (r.requested_at, r.id or 0))),
        answers=tuple(answers_summary(plan.debrief.questions, responses)) if debrief or responses else (),
        participants=participants,
        respondents=tuple(sorted(responded)),
        non_respondents=tuple(NonRespondent(u, failures.get(u)) for u in participants if u not in responded),
        follow_ups=tuple(FollowUpLine(f.text, f.owner, f.due, f.done_at) for f in sorted(
            follow_ups, key=lambda f: (f.due is None, f.due or f.created_at, f.created_at, f.id or 0))),
        chart=_chart(crisis, measured, statement_lines, buckets, plan),
        drivers=drivers if drivers is not None and drivers.mentions else None,
        debrief_held=debrief is not None,
        drill=crisis.drill,
    )

def _kind(kind: str) -> Msg:
    key = f"kind.{kind}"
    return msg(key) if has(key) else msg("kind.custom", name=kind)

def _statement(statement: Statement, index: int, crisis: Crisis, plan: CrisisPlan,
               timeline: Sequence[TimelineEvent]) -> StatementReport:
    target = plan.statements.target(statement.target)
    trail = tuple(TrailEntry(a.version, a.decision, plan.role_name(a.role), a.user, a.at, a.note)
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
        approved_at=approved_at(statement, crisis, plan, timeline),
        published_at=statement.published_at,
        published_ref=statement.published_ref,
        publish_error="" if statement.published_at else statement.publish_error,
        amends=statement.amends,
        amendment=statement.amendment,
        retracted_by=statement.retracted_by,
    )

def _takedown(takedown: Takedown) -> TakedownLine:
    approved = tuple(a.user for a in takedown.approvals if a.decision is Decision.APPROVE)
    return TakedownLine(takedown.account, takedown.copy, takedown.requested_by, approved, takedown.state,
                        takedown.removed_at, takedown.error)

def _paused(post: PausedPost) -> PausedPostLine:
    return PausedPostLine(post.channel_id, post.text, post.post_at, post.outcome, post.decided_by, post.new_post_at,
                          post.account if post.source else "")

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
