"""Use cases of the mention monitor: poll and ingest mentions, detect spikes, post and answer warnings.

Like services.py, the only layer that commits for the monitor. Sources and the chat are called outside
transactions; what must happen once (a warning per spike, a "source down" notice) is decided
inside one, under a row lock.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Callable, Mapping, Sequence

from crisis.due import run_due
from crisis.errors import BadInput, ChatFailure, IllegalTransition, UnknownCrisis
from crisis.i18n import msg
from crisis.monitor import delivery, explain, replays, spikes
from crisis.monitor.buckets import Bucket, tally
from crisis.monitor.mentions import Mention, MentionSource, SourceDown, refuse_expired
from crisis.monitor.model import AlertStatus, MentionLabel, SpikeAlert, SpikeWarning
from crisis.monitor.pulse import BAND_DAYS, TermPicture, filled, picture
from crisis.monitor.sentiment import LABELS, Scorer
from crisis.plan import MAX_SETTLE, CrisisPlan
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.room.permissions import check_responder
from crisis.room.shared import authority, refresh_card
from crisis.webcare import services as webcare

log = logging.getLogger(__name__)

POLL_LEASE = timedelta(minutes=2)
DOWN_AFTER_FAILURES = 3
SNOOZE = timedelta(hours=1)
EXAMPLES = 3
SPAM_TEXTS = 500
PRUNE_BATCH = 5_000
AUTHOR_COUNT_BATCH = 20


@dataclass(frozen=True)
class Monitor:
    """What the monitor's use cases need beyond the crisis ports."""

    ports: Ports
    sources: Mapping[str, MentionSource]
    scorer: Scorer


@dataclass
class MonitorReport:
    polled: int = 0
    stored: int = 0
    rejected: int = 0
    alerts: int = 0
    posted: int = 0
    failures: list[str] = field(default_factory=list)


def spike_settings(plan: CrisisPlan) -> spikes.SpikeSettings:
    return spikes.SpikeSettings(bucket_minutes=plan.monitor.bucket_minutes, **plan.monitor.spike_settings)


def settle_time(plan: CrisisPlan, term: str) -> timedelta:
    """How long after a bucket of `term` ends the detector waits before reading it, so that the mentions posted
    before its end are in it: the plan's `monitor.settle`, or the interval of the slowest source polled for the term
    when that is longer (a post made just before a bucket ends is fetched by the next poll); at most MAX_SETTLE, so a
daily export among a term's sources does not hold its warnings back a day."""
    polled = [s.every for s in plan.monitor.sources if s.term == term and s.kind != "webhook"]
    return min(max([plan.monitor.settle, *polled]), MAX_SETTLE)


def bucket_start(moment: datetime, minutes: int) -> datetime:
    return moment - timedelta(minutes=moment.minute % minutes, seconds=moment.second,
                              microseconds=moment.microsecond)


# --- mentions in --------------------------------------------------------------------------------

def poll_source(name: str, *, monitor: Monitor) -> MonitorReport:
    """Poll one source if it is due: store what it yields; after repeated failures say so once."""
    ports, report = monitor.ports, MonitorReport()
    config, source = ports.plan.monitor.source(name), monitor.sources.get(name)
    if config is None or source is None:
        raise UnknownCrisis("error.unknown_source", source=name)
    now = ports.clock.now()
    with ports.uow() as uow:
        state = uow.sources.lock(name)
        if state.exhausted or (state.next_poll_at and state.next_poll_at > now):
            return report
        state.next_poll_at = now + POLL_LEASE
        cursor = state.cursor
        uow.sources.save(state)
        uow.commit()
    try:
        result = source.poll(cursor, now)
    except SourceDown as down:
        return _source_failed(name, down.reason, monitor)
    mentions = [m for m in result.mentions]
    with ports.uow() as uow:
        stored = _store(uow, mentions, monitor.scorer, ports, name)
        state = uow.sources.lock(name)
        recovered = state.reported_down
        state.cursor, state.last_polled_at, state.exhausted = result.cursor, now, result.exhausted
        state.next_poll_at = now + config.every
        state.failures, state.last_error, state.down_since, state.reported_down = 0, "", None, False
        uow.sources.save(state)
        uow.commit()
    for reason in result.rejected[:5]:
        log.warning("source %s refused a mention: %s", name, reason)
    if recovered:
        delivery.post_alerts_channel(ports, msg("monitor.source_recovered", source=name))
    report.polled, report.stored, report.rejected = 1, len(stored), len(result.rejected)
    return report


def _source_failed(name: str, reason: str, monitor: Monitor) -> MonitorReport:
    ports = monitor.ports
    now = ports.clock.now()
    config = ports.plan.monitor.source(name)
    with ports.uow() as uow:
        state = uow.sources.lock(name)
        state.failures += 1
        state.last_error = reason
        state.down_since = state.down_since or now
        state.next_poll_at = now + min(config.every * 2 ** min(state.failures - 1, 6), timedelta(hours=1))
        announce = state.failures >= DOWN_AFTER_FAILURES and not state.reported_down
        state.reported_down = state.reported_down or announce
        since = state.down_since
        uow.sources.save(state)
        uow.commit()
    log.warning("source %s failed (%s)", name, reason)
    if announce:
        delivery.post_alerts_channel(ports, msg("monitor.source_down", source=name, reason=reason, since=now - since))
    return MonitorReport(failures=[f"{name}: {reason}"])


def ingest(feed: str, mentions: Sequence[Mention], *, monitor: Monitor) -> int:
    """Mentions pushed to the webhook: scored and stored in one transaction (all or nothing); BadMentions
    when any is older than the plan keeps mentions."""
    days = monitor.ports.plan.monitor.retention_days
    refuse_expired(mentions, monitor.ports.clock.now() - timedelta(days=days), days)
    with monitor.ports.uow() as uow:
        stored = _store(uow, mentions, monitor.scorer, monitor.ports, feed)
        uow.commit()
    return len(stored)


def _store(uow: UnitOfWork, mentions: Sequence[Mention], scorer: Scorer, ports: Ports, source: str
           ) -> list[Mention]:
    if not mentions:
        return []
    scores = scorer.score_many([m.text for m in mentions], [m.language for m in mentions])
    scored = [m.scored(s.compound, s.label, s.language) for m, s in zip(mentions, scores)]
    stored = uow.mentions.add(scored)
    minutes = ports.plan.monitor.bucket_minutes
    uow.mentions.add_to_buckets(tally(stored, minutes), minutes)
    late = _late(uow, stored, timedelta(minutes=minutes))
    if late:
        log.warning("source %s: %d of %d new mentions are in buckets the spike detector has read already (it "
                    "waits monitor.settle after a bucket ends); they are stored and counted, but no warning sees "
                    "them", source, late, len(stored))
    return stored


def _late(uow: UnitOfWork, mentions: Sequence[Mention], step: timedelta) -> int:
    """How many of `mentions` are in buckets their term's detector has read already."""
    ends = {term: uow.watches.read_until(term) for term in {m.term for m in mentions}}
    return sum(1 for m in mentions if ends[m.term] is not None and m.created_at < ends[m.term] + step)


# --- spikes -------------------------------------------------------------------------------------

def detect(*, ports: Ports) -> list[int]:
    """Step each term's detector (the plan's terms, and those of drills replaying a recording) over the buckets
    closed and settled (settle_time) since its last run; record new alerts."""
    plan, now = ports.plan, ports.clock.now()
    settings = spike_settings(plan)
    minutes = plan.monitor.bucket_minutes
    step = timedelta(minutes=minutes)
    new: list[int] = []
    drilled = replays.drill_terms(ports)
    for term in (*plan.monitor.terms, *drilled):
        settle = timedelta(0) if term in drilled else settle_time(plan, term)  # a replay is fed as time passes
        closed = bucket_start(now - settle, minutes)
        with ports.uow() as uow:
            watch = uow.watches.lock(term)
            start = watch.last_bucket + step if watch.last_bucket else uow.mentions.first_bucket(term)
            if start is not None:  # never walk back past what the plan keeps (an old or hostile timestamp)
                start = max(start, closed - timedelta(days=plan.monitor.retention_days))
            if start is None or start >= closed:
                uow.commit()
                continue
            series = filled(term, uow.mentions.buckets(term, start, closed), start, closed, minutes)
            state = restore_detector(watch.detector, settings, term)
            snoozed = watch.snoozed_until is not None and watch.snoozed_until > now
            for bucket in series:
                texts = (uow.mentions.texts(term, bucket.start, bucket.start + step, SPAM_TEXTS)
                         if bucket.count >= settings.spam_min_mentions else None)
                state, signals = spikes.step(settings, state, bucket, texts)
                for signal in signals:
                    alert = uow.alerts.add(_alert(term, signal, bucket, now, snoozed))
                    if alert is not None and not snoozed:
                        new.append(alert.id)
            watch.detector, watch.last_bucket = state.to_dict(), series[-1].start
            uow.watches.save(watch)
            uow.commit()
    return new


def restore_detector(stored: dict, settings: spikes.SpikeSettings, term: str) -> spikes.DetectorState | None:
    """The stored detector state carried over to `settings`, or None (start afresh) when it cannot be."""
    if not stored:
        return None
    state = spikes.DetectorState.restored(stored, settings)
    if state is None:
        log.warning("spike detector state unusable (other bucket size?); the detector for %r starts learning afresh",
                    term)
    return state


def _alert(term: str, signal: spikes.SpikeSignal, bucket: Bucket, now: datetime, snoozed: bool) -> SpikeAlert:
    return SpikeAlert(
        term=term, kind=signal.kind, level=signal.level, started_at=signal.started_at,
        bucket_start=signal.bucket_start, observed=signal.observed, baseline=signal.baseline,
        band_low=signal.band[0], band_high=signal.band[1], ratio=signal.ratio, is_update=signal.is_update,
        spam=signal.spam, created_at=now, mentions=bucket.count, negative_share=bucket.negative_share,
        status=AlertStatus.SNOOZED if snoozed else AlertStatus.NEW, posted_at=now if snoozed else None,
    )


def term_picture(uow: UnitOfWork, plan: CrisisPlan, term: str, now: datetime) -> TermPicture:
    minutes = plan.monitor.bucket_minutes
    end = bucket_start(now, minutes)
    start = end - timedelta(days=BAND_DAYS + 1)
    history = filled(term, uow.mentions.buckets(term, start, end), start, end, minutes)
    return picture(term, history, end, minutes)


def post_alerts(*, ports: Ports, limit: int = 20) -> int:
    """Post new alerts: to the crisis channel when the term's crisis is open, else the alerts channel."""
    return delivery.post_alerts(ports=ports, warn=lambda uow, alert, crisis: _warning(uow, ports, alert, crisis),
                                limit=limit)


def _warning(uow: UnitOfWork, ports: Ports, alert: SpikeAlert, crisis: Crisis | None) -> SpikeWarning:
    now = ports.clock.now()
    view = term_picture(uow, ports.plan, alert.term, now)
    alert.reputation = view.now.score
    end = alert.bucket_start + timedelta(minutes=ports.plan.monitor.bucket_minutes)
    examples = uow.mentions.examples(alert.term, alert.started_at, end, EXAMPLES)
    watch = uow.watches.lock(alert.term)
    return SpikeWarning(alert, view, tuple(examples), crisis, watch.snoozed_until,
                        explain.stored_drivers(uow.mentions, alert.term, alert.started_at, end),
                        webcare.offered(uow, ports, examples))


def monitor_tick(*, monitor: Monitor) -> MonitorReport:
    """Drill replays fed, then detection, posting and crisis updates (sources are polled by their own jobs)."""
    ports = monitor.ports
    report = MonitorReport()
    replays.feed(ports=ports, scorer=monitor.scorer)
    _in_batches(ports, lambda uow: uow.mentions.count_authors(
        bucket_start(ports.clock.now(), ports.plan.monitor.bucket_minutes), AUTHOR_COUNT_BATCH), AUTHOR_COUNT_BATCH)
    report.alerts = len(detect(ports=ports))
    report.posted = post_alerts(ports=ports)
    crisis_updates(ports=ports)
    before = ports.clock.now() - timedelta(days=ports.plan.monitor.retention_days)
    _in_batches(ports, lambda uow: uow.mentions.prune(before, PRUNE_BATCH), PRUNE_BATCH)
    return report


def _in_batches(ports: Ports, step: Callable[[UnitOfWork], int], batch: int) -> None:
    """`step` in a transaction of its own, again while it did a whole batch: short transactions, bounded work each."""
    while True:
        with ports.uow() as uow:
            done = step(uow)
            uow.commit()
        if done < batch:
            return


def crisis_updates(*, ports: Ports) -> int:
    """During an open crisis about a term: its numbers in the crisis channel at the plan's cadence."""
    now = ports.clock.now()
    return sum(run_due(ports, "crisis updates", lambda uow: [c.id for c in uow.crises.open_with_term()],
                       lambda uow, crisis_id: _crisis_update_due(uow, crisis_id, now, ports.plan),
                       lambda due: _post_crisis_update(*due, ports)))


def _crisis_update_due(uow: UnitOfWork, crisis_id: int, now: datetime, plan: CrisisPlan
                       ) -> tuple[Crisis, TermPicture] | None:
    """When the crisis's term is due an update: the crisis and the term's picture, whose score it now stores."""
    crisis = uow.crises.get(crisis_id)
    watch = uow.watches.lock(crisis.term)
    if watch.last_crisis_update_at and now - watch.last_crisis_update_at < plan.monitor.crisis_update_every:
        return None
    watch.last_crisis_update_at = now
    uow.watches.save(watch)
    view = term_picture(uow, plan, crisis.term, now)
    stored = uow.crises.lock(crisis.id)
    stored.reputation = view.now.score
    uow.crises.save(stored)
    return crisis, view


def _post_crisis_update(crisis: Crisis, view: TermPicture, ports: Ports) -> bool:
    try:
        ports.chat.post_monitor_update(crisis.channel_id, view)
        sent = True
    except ChatFailure as failure:
        log.warning("crisis update for %s failed: %s", crisis.id, failure.reason)
        sent = False
    refresh_card(crisis.id, ports=ports)
    return sent


# --- answers to a warning -----------------------------------------------------------------------

def alert_for_answer(alert_id: int, *, ports: Ports) -> SpikeAlert:
    with ports.uow() as uow:
        alert = uow.alerts.get(alert_id)
    if alert is None:
        raise UnknownCrisis("error.unknown_alert")
    return alert


def crisis_of_alert(alert: SpikeAlert, *, ports: Ports) -> Crisis | None:
    if alert.crisis_id is None:
        return None
    with ports.uow() as uow:
        return uow.crises.get(alert.crisis_id)


def link_crisis(alert_id: int, crisis: Crisis, *, user: str, ports: Ports) -> None:
    """The crisis is about this warning: remember both ways and show it on the warning. A warning already in
    another crisis keeps it (IllegalTransition). Opening a crisis from a warning links it itself (open_crisis)."""
    with ports.uow() as uow:
        alert = uow.alerts.lock(alert_id)
        if alert.crisis_id not in (None, crisis.id):
            raise IllegalTransition("error.alert_answered")
        stored = uow.crises.lock(crisis.id)
        alert.status, alert.crisis_id, alert.answered_by = AlertStatus.CRISIS, crisis.id, user
        stored.term = alert.term
        uow.alerts.save(alert)
        uow.crises.save(stored)
        uow.commit()
    show_answer(alert_id, ports=ports)


def check_reason(reason: str) -> str:
    text = " ".join(reason.split())[:1000]
    if not text:
        raise BadInput("error.false_alarm_reason", field="reason")
    return text


def check_unanswered(alert: SpikeAlert) -> None:
    """A warning someone already answered (a false alarm, snoozed, a crisis opened from it) takes no other answer:
    a button on a card shown before that answer changes nothing."""
    if alert.status is not AlertStatus.NEW:
        raise IllegalTransition("error.alert_answered")


def false_alarm(alert_id: int, reason: str, *, user: str, ports: Ports) -> None:
    check_responder(user, authority(ports))
    text = check_reason(reason)
    with ports.uow() as uow:
        alert = uow.alerts.lock(alert_id)
        if alert is None:
            raise UnknownCrisis("error.unknown_alert")
        check_unanswered(alert)
        alert.status, alert.feedback, alert.answered_by = AlertStatus.FALSE_ALARM, text, user
        uow.alerts.save(alert)
        uow.commit()
    show_answer(alert_id, ports=ports)


def snooze(alert_id: int, *, user: str, ports: Ports) -> datetime:
    check_responder(user, authority(ports))
    now = ports.clock.now()
    with ports.uow() as uow:
        alert = uow.alerts.lock(alert_id)
        if alert is None:
            raise UnknownCrisis("error.unknown_alert")
        check_unanswered(alert)
        watch = uow.watches.lock(alert.term)
        watch.snoozed_until, watch.snoozed_by = now + SNOOZE, user
        alert.status, alert.answered_by = AlertStatus.SNOOZED, user
        uow.watches.save(watch)
        uow.alerts.save(alert)
        uow.commit()
    show_answer(alert_id, ports=ports)
    return now + SNOOZE


def label_mention(source: str, source_id: str, label: str, *, user: str, ports: Ports) -> None:
    """A person says what a sample mention's sentiment really is (training data for the team's scorer)."""
    check_responder(user, authority(ports))
    if label not in LABELS:
        raise BadInput("error.bad_label", label=label)
    with ports.uow() as uow:
        if uow.mentions.get(source, source_id) is None:
            raise UnknownCrisis("error.unknown_mention")
        uow.labels.put(MentionLabel(source, source_id, label, user, ports.clock.now()))
        uow.commit()


def watched_term(term: str | None, plan: CrisisPlan) -> str:
    """The plan's watched term a person named (any case), or its first one when they named none."""
    terms = plan.monitor.terms
    if not terms:
        raise BadInput("error.no_terms")
    wanted = (term or terms[0]).strip()
    match = next((t for t in terms if t.lower() == wanted.lower()), None)
    if match is None:
        raise BadInput("error.unknown_term", term=wanted, terms=", ".join(terms))
    return match


def pulse(term: str | None, *, ports: Ports) -> TermPicture:
    match = watched_term(term, ports.plan)
    with ports.uow() as uow:
        now = ports.clock.now()
        view = term_picture(uow, ports.plan, match, now)
        return replace(view, drivers=explain.pulse_drivers(uow.mentions, match, now))


def current_warning(alert_id: int, *, ports: Ports) -> SpikeWarning:
    """The warning as it now stands (its answer, its crisis), to show again."""
    with ports.uow() as uow:
        alert = uow.alerts.get(alert_id)
        if alert is None:
            raise UnknownCrisis("error.unknown_alert")
        crisis = uow.crises.get(alert.crisis_id) if alert.crisis_id else None
        return _warning(uow, ports, alert, crisis)


def show_answer(alert_id: int, *, ports: Ports) -> None:
    """Show the warning again as it now stands (its answer, its crisis) where it was posted."""
    warning = current_warning(alert_id, ports=ports)
    alert = warning.alert
    if alert.message_ts:
        try:
            ports.chat.update_spike_warning(alert.channel_id, alert.message_ts, warning)
        except ChatFailure as failure:
            log.warning("updating spike warning %s failed: %s", alert_id, failure.reason)
