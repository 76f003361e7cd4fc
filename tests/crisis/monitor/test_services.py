"""Monitor use cases through the fakes: mentions in (push, poll), spike warnings posted once, the team's answers
(false alarm, snooze, open crisis, labels), numbers in the crisis room, the pulse."""
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, UnknownCrisis
from crisis.monitor import services, spikes
from crisis.monitor.mentions import SourceDown, SourcePoll
from crisis.monitor.model import AlertStatus
from crisis.monitor.services import Monitor, restore_detector
from crisis.room import services as room
from tests.crisis.fakes import FakeClock, FakeMentionSource, FakeScorer
from tests.crisis.monitor.spike_plan import ALERTS, NOW, PLAN, alerts
from tests.crisis.monitor.stream import SPIKE_AT, mention, stream
from tests.crisis.plans import make_plan
from tests.crisis.rooms import FORM, open_one, stored


@pytest.fixture
def clock():
    return FakeClock(NOW)


@pytest.fixture
def feed():
    return FakeMentionSource("feed")


@pytest.fixture
def monitor(ports, feed):
    return Monitor(ports, {"feed": feed}, FakeScorer())


def warnings(chat):
    return chat.named("post_spike_warning")


# --- mentions in ------------------------------------------------------------------------------------------

def test_pushed_mentions_are_scored_stored_once_and_counted_once(monitor, ports):
    at = NOW - timedelta(minutes=3)
    batch = [mention("1", at, "boycott acme"), mention("2", at, "acme is fine"), mention("1", at, "boycott again")]
    assert services.ingest("push", batch, monitor=monitor) == 2
    assert services.ingest("push", batch, monitor=monitor) == 0
    with ports.uow() as uow:
        assert uow.mentions.get("mastodon", "1").label == "negative"
        (bucket,) = uow.mentions.buckets("acme", NOW - timedelta(hours=1), NOW)
    assert (bucket.count, bucket.negative_count, bucket.scored_count) == (2, 1, 2)


def test_a_source_is_polled_when_due_with_its_cursor(monitor, feed, clock, ports):
    feed.polls = [SourcePoll([mention("1", NOW - timedelta(minutes=1))], cursor="c1", rejected=["no id"]),
                  SourcePoll([mention("2", NOW)], cursor="c2")]
    report = services.poll_source("feed", monitor=monitor)
    assert (report.polled, report.stored, report.rejected) == (1, 1, 1)
    assert services.poll_source("feed", monitor=monitor).polled == 0  # not due for five minutes
    clock.advance(minutes=5)
    assert services.poll_source("feed", monitor=monitor).stored == 1
    assert [cursor for cursor, _ in feed.asked] == [None, "c1"]
    with ports.uow() as uow:
        (state,) = [s for s in uow.sources.all() if s.name == "feed"]
    assert (state.cursor, state.last_polled_at, state.next_poll_at) == ("c2", clock.now(), clock.now() + timedelta(minutes=5))
    with pytest.raises(UnknownCrisis):
        services.poll_source("nowhere", monitor=monitor)


def test_an_exhausted_source_is_not_polled_again(monitor, feed, clock):
    feed.polls = [SourcePoll([], cursor="end", exhausted=True)]
    services.poll_source("feed", monitor=monitor)
    clock.advance(hours=1)
    assert services.poll_source("feed", monitor=monitor).polled == 0
    assert len(feed.asked) == 1


def test_a_failing_source_is_reported_down_once_then_recovered(monitor, feed, clock, chat):
    feed.polls = [SourceDown("HTTP 503")] * 4 + [SourcePoll([], cursor="c")]
    for _ in range(4):
        assert services.poll_source("feed", monitor=monitor).failures == ["feed: HTTP 503"]
        clock.advance(hours=1)
    assert chat.posted(ALERTS) == ["monitor.source_down"]
    services.poll_source("feed", monitor=monitor)
    assert chat.posted(ALERTS) == ["monitor.source_down", "monitor.source_recovered"]


# --- spike warnings --------------------------------------------------------------------------------------

def test_a_spike_is_detected_once_and_its_warning_posted_once(spiked, ports, chat):
    assert len(spiked) == 2
    assert {a.kind for a in alerts(ports)} == {"volume", "negative_share"}
    assert services.detect(ports=ports) == []
    assert services.post_alerts(ports=ports) == 2
    assert services.post_alerts(ports=ports) == 0
    assert {(c[1], c[2].alert.kind) for c in warnings(chat)} == {(ALERTS, "volume"), (ALERTS, "negative_share")}
    volume = next(c[2] for c in warnings(chat) if c[2].alert.kind == "volume")
    assert volume.examples and all(m.label == "negative" for m in volume.examples)
    assert all(a.message_ts and a.channel_id == ALERTS and a.post_attempts == 1 for a in alerts(ports))


def test_a_warning_that_failed_to_post_is_posted_after_its_back_off(spiked, ports, chat, clock):
    chat.fail["post_spike_warning"] = ["ratelimited"]
    assert services.post_alerts(ports=ports) == 1
    assert sorted(a.message_ts is None for a in alerts(ports)) == [False, True]
    assert services.post_alerts(ports=ports) == 0
    clock.advance(seconds=10)
    assert services.post_alerts(ports=ports) == 1
    assert all(a.message_ts for a in alerts(ports))


def test_a_warning_about_the_term_of_an_open_crisis_goes_to_its_room(spiked, ports, chat):
    crisis = open_one(ports)
    services.link_crisis(spiked[0], crisis, user="ULEAD", ports=ports)
    assert stored(ports, crisis).term == "acme"
    services.post_alerts(ports=ports)
    assert [(c[1], c[2].crisis.id) for c in warnings(chat)] == [(crisis.channel_id, crisis.id)] * 2
    linked = {a.id: a for a in alerts(ports)}
    assert (linked[spiked[0]].status, linked[spiked[0]].crisis_id) == (AlertStatus.CRISIS, crisis.id)
    assert linked[spiked[1]].crisis_id == crisis.id


def test_a_warning_opens_one_crisis_however_many_submit_its_form(spiked, ports, chat):
    crisis = room.open_crisis(FORM, actor="ULEAD", request_key="view:A", ports=ports, from_alert=spiked[0]).crisis
    pages = len(chat.named("page"))
    with pytest.raises(IllegalTransition) as refused:
        room.open_crisis(FORM, actor="UCOMMS", request_key="view:B", ports=ports, from_alert=spiked[0])
    assert refused.value.key == "error.alert_in_crisis"
    assert refused.value.params["channel"].id == crisis.channel_id
    with ports.uow() as uow:
        assert [c.id for c in uow.crises.open()] == [crisis.id]
    assert len(chat.named("page")) == pages
    linked = next(a for a in alerts(ports) if a.id == spiked[0])
    assert (linked.status, linked.crisis_id, linked.answered_by) == (AlertStatus.CRISIS, crisis.id, "ULEAD")
    assert stored(ports, crisis).term == "acme"
    with pytest.raises(IllegalTransition):
        services.link_crisis(spiked[0], open_one(ports, key="view:C"), user="UCOMMS", ports=ports)


def test_a_false_alarm_keeps_the_reason_and_updates_the_warning(spiked, ports, chat):
    services.post_alerts(ports=ports)
    with pytest.raises(BadInput):
        services.false_alarm(spiked[0], "   ", user="ULEAD", ports=ports)
    services.false_alarm(spiked[0], "A  competitor's  ad", user="ULEAD", ports=ports)
    alert = next(a for a in alerts(ports) if a.id == spiked[0])
    assert (alert.status, alert.feedback, alert.answered_by) == (AlertStatus.FALSE_ALARM, "A competitor's ad", "ULEAD")
    (update,) = chat.named("update_spike_warning")
    assert (update[1], update[2], update[3].alert.status) == (ALERTS, alert.message_ts, AlertStatus.FALSE_ALARM)
    with pytest.raises(UnknownCrisis):
        services.false_alarm(999, "why", user="ULEAD", ports=ports)


def test_a_warning_already_answered_takes_no_other_answer(spiked, ports):
    """A Snooze or False alarm from a card shown before the warning was answered changes nothing."""
    services.post_alerts(ports=ports)
    services.false_alarm(spiked[0], "A planned campaign", user="ULEAD", ports=ports)
    with pytest.raises(IllegalTransition) as refused:
        services.snooze(spiked[0], user="ULEAD", ports=ports)
    assert refused.value.key == "error.alert_answered"
    with pytest.raises(IllegalTransition):
        services.false_alarm(spiked[0], "Another reason", user="ULEAD", ports=ports)
    alert = next(a for a in alerts(ports) if a.id == spiked[0])
    assert (alert.status, alert.feedback) == (AlertStatus.FALSE_ALARM, "A planned campaign")
    with ports.uow() as uow:
        assert uow.watches.lock("acme").snoozed_until is None


def test_a_snoozed_term_raises_no_warning_for_an_hour(spiked, monitor, ports, chat, clock):
    services.post_alerts(ports=ports)
    assert services.snooze(spiked[0], user="ULEAD", ports=ports) == NOW + timedelta(hours=1)
    with ports.uow() as uow:
        watch = uow.watches.lock("acme")
    assert (watch.snoozed_until, watch.snoozed_by) == (NOW + timedelta(hours=1), "ULEAD")
    clock.advance(minutes=30)
    services.ingest("push", [m for m in stream(clock.now(), burst=400) if m.created_at >= NOW], monitor=monitor)
    new = services.detect(ports=ports)
    grown = [a for a in alerts(ports) if a.id not in spiked]
    assert new == [] and grown and all(a.status is AlertStatus.SNOOZED for a in grown)
    assert services.post_alerts(ports=ports) == 0 and len(warnings(chat)) == 2


def test_a_sample_mention_can_be_labelled_and_the_label_replaced(spiked, ports):
    services.label_mention("mastodon", stream(NOW)[0].source_id, "negative", user="ULEAD", ports=ports)
    services.label_mention("mastodon", stream(NOW)[0].source_id, "positive", user="ULEAD", ports=ports)
    with ports.uow() as uow:
        ((labelled, label),) = uow.labels.export()
    assert (labelled.source_id, label) == (stream(NOW)[0].source_id, "positive")
    with pytest.raises(BadInput):
        services.label_mention("mastodon", labelled.source_id, "furious", user="ULEAD", ports=ports)
    with pytest.raises(UnknownCrisis):
        services.label_mention("mastodon", "nope", "negative", user="ULEAD", ports=ports)


# --- the crisis room and the pulse ------------------------------------------------------------------------

def test_an_open_crisis_about_the_term_gets_its_numbers_at_the_plans_cadence(spiked, ports, chat, clock):
    crisis = open_one(ports)
    services.link_crisis(spiked[0], crisis, user="ULEAD", ports=ports)
    assert services.crisis_updates(ports=ports) == 1
    assert services.crisis_updates(ports=ports) == 0
    clock.advance(minutes=31)
    assert services.crisis_updates(ports=ports) == 1
    assert [c[1] for c in chat.named("post_monitor_update")] == [crisis.channel_id] * 2
    assert stored(ports, crisis).reputation == chat.named("post_monitor_update")[-1][2].now.score


def test_the_monitor_tick_prunes_mentions_past_the_retention_but_keeps_their_buckets(spiked, monitor, ports, clock):
    """Buckets whole, distinct authors too: the tick counts those of closed buckets before it prunes their mentions."""
    start, cutoff = SPIKE_AT - timedelta(days=3), NOW + timedelta(minutes=5) - timedelta(days=1)
    with ports.uow() as uow:
        before = uow.mentions.buckets("acme", start, NOW)
    assert sum(b.unique_authors for b in before) > 0
    clock.advance(minutes=5)
    keep_one_day = replace(PLAN, monitor=replace(PLAN.monitor, retention_days=1))
    services.monitor_tick(monitor=replace(monitor, ports=replace(ports, plan=keep_one_day)))
    with ports.uow() as uow:
        assert uow.mentions.texts("acme", start, cutoff, 10) == []
        assert uow.mentions.texts("acme", cutoff, NOW, 1)
        assert uow.mentions.buckets("acme", start, NOW) == before


def test_the_pulse_shows_a_watched_term_and_refuses_others(spiked, ports):
    picture = services.pulse("ACME", ports=ports)
    assert picture.term == "acme" and sum(b.count for b in picture.buckets) > 0
    with pytest.raises(BadInput):
        services.pulse("globex", ports=ports)


def test_without_watched_terms_there_is_no_pulse(ports):
    with pytest.raises(BadInput):
        services.pulse(None, ports=replace(ports, plan=make_plan()))


def test_changed_detector_settings_restart_learning_instead_of_failing():
    start = datetime(2026, 11, 25, tzinfo=UTC)
    state, _ = spikes.step(spikes.SpikeSettings(), None, spikes.Bucket(start=start))
    assert restore_detector(state.to_dict(), spikes.SpikeSettings(), "acme") is not None
    assert restore_detector(state.to_dict(), spikes.SpikeSettings(bucket_minutes=10), "acme") is None
