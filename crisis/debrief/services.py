"""Use cases of the debrief: questionnaire at close (sent by crisis.debrief.closing), answers until the deadline,
reminders (crisis.debrief.reminders), the report, follow-up actions, and `/crisis started`. The only layer that
commits for them."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Callable, Mapping, Sequence

from crisis.debrief import closing, reminders, rules
from crisis.debrief.model import Answer, Debrief, DebriefResponse, FollowUp, FollowUpEntry, QuestionKind
from crisis.debrief.report import RenderReport, Report, build_report
from crisis.due import back_off, lease, run_due
from crisis.errors import BadInput, ChatFailure, IllegalTransition, UnknownCrisis, failure_reason
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Channel, Time, User, msg, voice
from crisis.i18n.zones import read_time
from crisis.monitor.explain import crisis_drivers
from crisis.monitor.pulse import filled
from crisis.ports import Ports, UnitOfWork
from crisis.room import permissions
from crisis.room.model import Crisis
from crisis.room.shared import authority, change_crisis, crisis_for_channel, post_quietly, quietly

log = logging.getLogger(__name__)
MAX_ANSWER = 3000
REPORT_LEASE = lease(calls=7)
"""Building and uploading the report: three files up (two calls each) and one call to share them."""


@dataclass(frozen=True)
class Questionnaire:
    crisis: Crisis
    debrief: Debrief
    previous: DebriefResponse | None
    follow_ups: list[FollowUp]


def questionnaire(crisis_id: int, *, user: str, ports: Ports) -> Questionnaire:
    with ports.uow() as uow:
        record = uow.debriefs.for_crisis(crisis_id)
        crisis = uow.crises.get(crisis_id)
        if record is None or crisis is None:
            raise UnknownCrisis("error.unknown_debrief")
        _check_open(record, ports.clock.now())
        permissions.check_may_answer_debrief(record, user)
        previous = next((r for r in uow.debriefs.responses(crisis_id) if r.user == user), None)
        mine = [f for f in uow.follow_ups.for_crisis(crisis_id) if f.created_by == user and f.done_at is None]
    return Questionnaire(crisis, record, previous, mine)


def submit(crisis_id: int, answers: Mapping[str, str], follow_ups: Sequence[FollowUpEntry | tuple],
           *, user: str, ports: Ports) -> DebriefResponse:
    """Store (or replace) an invited participant's answers, on the timeline; refused after the deadline. Follow-ups
    are FollowUpEntry or (text, owner, due[, id]); those edited keep their ids (rules.edited_follow_ups)."""
    now = ports.clock.now()
    cleaned = check_answers(answers, ports)
    with ports.uow() as uow:
        record = uow.debriefs.lock(crisis_id)
        if record is None:
            raise UnknownCrisis("error.unknown_debrief")
        _check_open(record, now)
        permissions.check_may_answer_debrief(record, user)
        response = uow.debriefs.put_response(DebriefResponse(crisis_id, user, cleaned, now, now))
        entries = [replace(e, text=e.text[:MAX_ANSWER])
                   for e in (f if isinstance(f, FollowUpEntry) else FollowUpEntry(*f) for f in follow_ups)
                   if e.text.strip()]
        mine = [f for f in uow.follow_ups.for_crisis(crisis_id) if f.created_by == user and f.done_at is None]
        uow.follow_ups.replace_for(crisis_id, user, rules.edited_follow_ups(mine, entries, crisis_id=crisis_id,
                                                                            user=user, now=now))
        uow.timeline.append(crisis_id, TimelineEvent(EventKind.DEBRIEF_ANSWERED, now, user))
        uow.commit()
    return response


def check_answers(answers: Mapping[str, str], ports: Ports) -> dict[str, Answer]:
    """Answers by question key: scales as 1..5, texts trimmed to MAX_ANSWER (BadInput names the question)."""
    cleaned: dict[str, Answer] = {}
    for question in ports.plan.debrief.questions:
        raw = (answers.get(question.key) or "").strip()
        if question.kind is QuestionKind.FOLLOW_UPS:
            continue
        if not raw:
            if question.required:
                raise BadInput("error.debrief_required", field=question.key)
            continue
        if question.kind is QuestionKind.SCALE:
            if raw not in {"1", "2", "3", "4", "5"}:
                raise BadInput("error.debrief_scale", field=question.key)
            cleaned[question.key] = int(raw)
        else:
            cleaned[question.key] = raw[:MAX_ANSWER]
    return cleaned


def progress(channel_id: str, *, user: str, ports: Ports) -> tuple[Crisis, Debrief, list[str]]:
    """For the crisis lead, the opener or an admin: the debrief and who answered so far."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    permissions.check_may_wrap_up(crisis, ports.plan, user, authority(ports), "error.debrief_progress_lead")
    with ports.uow() as uow:
        record = uow.debriefs.for_crisis(crisis.id)
        if record is None:
            raise IllegalTransition("error.debrief_not_started")
        answered = [r.user for r in uow.debriefs.responses(crisis.id)]
    return crisis, record, answered


def tick(*, ports: Ports, render: RenderReport) -> int:
    """Send what closes have not said yet; remind those who have not answered and follow-up owners
    (crisis.debrief.reminders); at the deadline close the debrief, which makes its report due; build and upload
    the reports that are due (retried until uploaded)."""
    now = ports.clock.now()
    acted = reminders.debriefs_tick(ports, now)
    reports = len(run_due(ports, "debrief reports", lambda uow: uow.debriefs.reports_due(now),
                          lambda uow, crisis_id: _claim_report(uow, crisis_id, now),
                          lambda crisis_id: finish(crisis_id, ports=ports, render=render)))
    return acted + reports + reminders.follow_ups_tick(ports, now) + closing.closes_tick(ports=ports)


def _claim_report(uow: UnitOfWork, crisis_id: int, now: datetime) -> int | None:
    """The report claimed for building and uploading for REPORT_LEASE, when it is still due."""
    record = uow.debriefs.lock(crisis_id)
    if record is None or record.report_file_id or record.report_due_at is None or record.report_due_at > now:
        return None
    record.report_attempts += 1
    record.report_due_at = now + REPORT_LEASE
    uow.debriefs.save(record)
    return crisis_id


def finish(crisis_id: int, *, ports: Ports, render: RenderReport) -> Report:
    """Build the report with what came in, store it, upload it to the crisis channel (recorded as delivered
    only then; a failure is retried after a back-off until a refusal is final), archive if the plan says."""
    report = build(crisis_id, ports=ports)
    with voice.reader(None):  # the whole team reads it: the plan's language, whoever's request ran this
        markdown, html, chart = render(report)
    with ports.uow() as uow:
        record = uow.debriefs.lock(crisis_id)
        record.report_markdown, record.report_html = markdown, html
        uow.debriefs.save(record)
        crisis = uow.crises.get(crisis_id)
        uow.commit()
    try:
        file_id = ports.chat.upload_report(crisis, markdown, html, chart)
    except ChatFailure as failure:
        log.warning("uploading the report of crisis %s failed: %s", crisis_id, failure.reason)
        _report_failed(crisis, failure, ports)
        return report
    with ports.uow() as uow:
        record = uow.debriefs.lock(crisis_id)
        record.report_file_id, record.report_due_at, record.report_error = file_id, None, ""
        uow.debriefs.save(record)
        uow.commit()
    if ports.plan.debrief.archive_channel:
        quietly(lambda: ports.chat.archive(crisis.channel_id), f"archiving {crisis.channel_id}")
    return report


def _report_failed(crisis: Crisis, failure: ChatFailure, ports: Ports) -> None:
    """The next try after a back-off; after repeated refusals none, and the crisis channel is told once."""
    now = ports.clock.now()
    with ports.uow() as uow:
        record = uow.debriefs.lock(crisis.id)
        record.report_error = failure.reason
        record.report_due_at, _ = back_off(failure, record.report_attempts, now)
        uow.debriefs.save(record)
        uow.commit()
    if record.report_due_at is None:
        post_quietly(ports, crisis.channel_id, msg("debrief.report_refused", title=crisis.title,
                                                   reason=failure_reason(failure.reason)))


def build(crisis_id: int, *, ports: Ports) -> Report:
    report = _assemble(crisis_id, ports)
    return replace(report, names=_names(report, ports)) if ports.chat is not None else report


def _names(report: Report, ports: Ports) -> dict[str, str]:
    """Names of the people and channels the report mentions (looked up once each; unknown ids stay ids)."""
    ids = set(report.participants) | {report.opened_by} | ({report.closed_by} if report.closed_by else set())
    for line in report.timeline:
        ids |= {v.id for v in line.text.params.values() if isinstance(v, (User, Channel)) and v.id}
    for statement in report.statements:
        ids |= {statement.author} | {e.user for e in statement.trail if e.user}
    ids |= {f.owner for f in report.follow_ups if f.owner} | {p.channel for p in report.paused_posts if not p.account}
    try:
        return ports.chat.names(sorted(i for i in ids if i))
    except ChatFailure as failure:
        log.warning("names for the report unknown: %s", failure.reason)
        return {}


def _assemble(crisis_id: int, ports: Ports) -> Report:
    with ports.uow() as uow:
        crisis = uow.crises.get(crisis_id)
        if crisis is None:
            raise UnknownCrisis("error.unknown_crisis")
        buckets = _crisis_buckets(uow, ports, crisis)
        alerts = uow.alerts.for_crisis(crisis_id)
        drivers = crisis_drivers(uow.mentions, crisis, [a.started_at for a in alerts], ports.clock.now())
        return build_report(
            crisis, ports.plan, uow.timeline.for_crisis(crisis_id), uow.statements.for_crisis(crisis_id),
            alerts, uow.paused_posts.for_crisis(crisis_id),
            uow.debriefs.for_crisis(crisis_id), uow.debriefs.responses(crisis_id),
            uow.follow_ups.for_crisis(crisis_id), buckets, drivers, uow.takedowns.for_crisis(crisis_id),
            uow.replies.for_crisis(crisis_id))


def _crisis_buckets(uow: UnitOfWork, ports: Ports, crisis: Crisis) -> list:
    if not crisis.term:
        return []
    minutes = ports.plan.monitor.bucket_minutes
    start = crisis.impact_started_at or crisis.opened_at
    start = (min(start, crisis.opened_at) - timedelta(hours=6)).replace(second=0, microsecond=0)
    start -= timedelta(minutes=start.minute % minutes)
    end = (crisis.closed_at or ports.clock.now()) + timedelta(hours=1)
    return filled(crisis.term, uow.mentions.buckets(crisis.term, start, end), start, end, minutes)


def set_impact_start(channel_id: str, text: str, *, user: str, request_key: str, ports: Ports) -> datetime:
    """`/crisis started 14:05` (today) or `2026-11-25 14:05`, on the plan's clock (see crisis/i18n/zones): when the
    impact really began (the crisis lead, the opener or an admin say it: the debrief's metrics count from it). Also
    after the close, while the debrief is open: teams often learn it then, and the report is built after."""
    when = read_time(text, ports.clock.now(), ports.plan.zone, "error.started_usage")
    if when > ports.clock.now():
        raise BadInput("error.started_future", at=Time(when))
    who = authority(ports)

    def apply(crisis: Crisis, now: datetime) -> TimelineEvent:
        permissions.check_may_wrap_up(crisis, ports.plan, user, who, "error.started_not_allowed")
        crisis.impact_started_at = when
        return TimelineEvent(EventKind.IMPACT_STARTED, now, user, {"at": when.isoformat()})

    crisis = crisis_for_channel(channel_id, ports=ports)
    if crisis.is_open:
        change_crisis(channel_id, user, request_key, ports, apply)
    else:
        _set_after_close(crisis.id, request_key, ports, apply)
    return when


def _set_after_close(crisis_id: int, request_key: str, ports: Ports,
                     apply: Callable[[Crisis, datetime], TimelineEvent]) -> None:
    """The impact start of a closed crisis, under its lock and its debrief's (taken in the close's order), refused
    once the debrief has closed: its report counts from what it was then."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return
        crisis = uow.crises.lock(crisis_id)
        record = uow.debriefs.lock(crisis_id)
        if record is None:
            raise IllegalTransition("error.crisis_closed", title=crisis.title)
        if record.closed_at is not None or now >= record.deadline:
            raise IllegalTransition("error.started_debrief_closed", title=crisis.title,
                                    deadline=Time(record.closed_at or record.deadline))
        event = apply(crisis, now)
        uow.crises.save(crisis)
        uow.timeline.append(crisis_id, event)
        uow.commit()


def open_follow_ups(*, user: str, ports: Ports) -> list[tuple[FollowUp, Crisis]]:
    """Open follow-ups `user` may see: their own and those of crises they are on; all of them for admins."""
    who = authority(ports)
    with ports.uow() as uow:
        items = uow.follow_ups.open()
        crises = {c: uow.crises.get(c) for c in {f.crisis_id for f in items}}
        debriefs = {c: uow.debriefs.for_crisis(c) for c in crises}
    sees = {c: permissions.sees_follow_ups_of(crisis, user, who, debriefs[c],
                                              lambda crisis=crisis: _members(crisis, ports))
            for c, crisis in crises.items()}
    return [(f, crises[f.crisis_id]) for f in items if f.owner == user or sees[f.crisis_id]]


def _members(crisis: Crisis, ports: Ports) -> list[str]:
    if not crisis.channel_id:
        return []
    try:
        return ports.chat.channel_members(crisis.channel_id)
    except ChatFailure as failure:
        log.warning("members of %s unknown (%s)", crisis.channel_id, failure.reason)
        return []


def mark_done(follow_up_id: int, *, user: str, ports: Ports) -> FollowUp:
    """Done, by its owner, the crisis lead or an admin: recorded with who and when, on the timeline."""
    who = authority(ports)
    now = ports.clock.now()
    with ports.uow() as uow:
        item = uow.follow_ups.lock(follow_up_id)
        if item is None:
            raise UnknownCrisis("error.unknown_follow_up")
        permissions.check_may_finish_follow_up(item, uow.crises.get(item.crisis_id), ports.plan, user, who)
        if item.done_at is None:
            item.done_at, item.done_by = now, user
            uow.follow_ups.save(item)
            uow.timeline.append(item.crisis_id, TimelineEvent(EventKind.FOLLOW_UP_DONE, now, user, {"text": item.text}))
            uow.commit()
    return item


def _check_open(record: Debrief, now: datetime) -> None:
    if record.closed_at is not None or now >= record.deadline:
        raise IllegalTransition("error.debrief_closed", deadline=Time(record.deadline))

