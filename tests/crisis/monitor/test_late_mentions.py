"""Mentions that reach crisisbot after their bucket ended (a listening tool pushing minutes late, a post fetched by
the next poll) are still seen by the spike detector: it reads a bucket only once `monitor.settle` (or the slowest
poll of the term's sources) has passed after its end; what comes later still is logged."""
import logging
from datetime import timedelta

import pytest

from crisis.errors import PlanError
from crisis.monitor import services
from crisis.monitor.services import Monitor, settle_time
from crisis.ports import Ports
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase, FakeScorer
from tests.crisis.monitor.spike_plan import PLAN
from tests.crisis.monitor.stream import SPIKE_AT, stream
from tests.crisis.plans import make_plan

PUSH = {"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}


def pushed_plan(**monitor):
    return make_plan(monitor={"terms": ["acme"], "spikes": {"warmup_days": 1}, "sources": [PUSH], **monitor})


def run_live(plan, delay: timedelta):
    """Push every mention `delay` after it was posted, with the monitor's tick every 30 s, for an hour of the
    spike; the alerts recorded and the stored count of the spike's first bucket."""
    end = SPIKE_AT + timedelta(hours=1)
    everything = stream(end)
    db, clock = FakeDatabase(), FakeClock(SPIKE_AT - timedelta(hours=1))
    ports = Ports(plan=plan, uow=db, chat=FakeChat(), clock=clock)
    monitor = Monitor(ports, {}, FakeScorer())
    pushed_until = clock.now()
    services.ingest("push", [m for m in everything if m.created_at + delay <= pushed_until], monitor=monitor)
    services.detect(ports=ports)
    found = []
    while clock.now() < end:
        clock.advance(seconds=30)
        batch = [m for m in everything if pushed_until < m.created_at + delay <= clock.now()]
        pushed_until = clock.now()
        if batch:
            services.ingest("push", batch, monitor=monitor)
        found += services.detect(ports=ports)
    with ports.uow() as uow:
        alerts = [uow.alerts.get(i) for i in found]
        stored = uow.mentions.buckets("acme", SPIKE_AT, SPIKE_AT + timedelta(minutes=5))[0].count
    return alerts, stored


@pytest.mark.parametrize("delay_minutes", [0, 1, 2])
def test_within_the_default_settle_a_warning_counts_every_mention_of_its_bucket(delay_minutes):
    alerts, stored = run_live(pushed_plan(), timedelta(minutes=delay_minutes))
    first = min(alerts, key=lambda alert: alert.bucket_start)
    assert first.bucket_start == SPIKE_AT and first.mentions == stored == 60


def test_a_tool_six_minutes_late_is_seen_with_a_longer_settle():
    alerts, stored = run_live(pushed_plan(settle="7m"), timedelta(minutes=6))
    assert alerts and min(a.bucket_start for a in alerts) == SPIKE_AT
    assert next(a for a in alerts if a.bucket_start == SPIKE_AT).mentions == stored


def test_the_warning_waits_for_the_settle_and_no_longer():
    plan = pushed_plan(settle="3m")
    db, clock = FakeDatabase(), FakeClock(SPIKE_AT + timedelta(minutes=5))
    ports = Ports(plan=plan, uow=db, chat=FakeChat(), clock=clock)
    services.ingest("push", stream(SPIKE_AT + timedelta(minutes=5)), monitor=Monitor(ports, {}, FakeScorer()))
    clock.advance(seconds=179)
    assert services.detect(ports=ports) == []
    clock.advance(seconds=1)
    assert services.detect(ports=ports)


def test_the_settle_covers_the_slowest_source_polled_for_the_term():
    assert settle_time(pushed_plan(), "acme") == timedelta(minutes=2)  # the default; a webhook is not polled
    assert settle_time(PLAN, "acme") == timedelta(minutes=5)  # its feed is read every 5 minutes
    assert settle_time(pushed_plan(settle="10m"), "acme") == timedelta(minutes=10)
    daily = {"name": "export", "type": "rss", "term": "acme", "url": "https://news.example/rss", "every": "1d"}
    assert settle_time(make_plan(monitor={"terms": ["acme"], "sources": [PUSH, daily]}), "acme") == timedelta(hours=1)


def test_a_settle_longer_than_an_hour_or_not_a_duration_is_refused():
    with pytest.raises(PlanError, match="monitor.settle"):
        pushed_plan(settle="2h")
    with pytest.raises(PlanError, match="monitor.settle"):
        pushed_plan(settle="soon")


def test_mentions_of_buckets_the_detector_read_already_are_logged_and_a_backfill_is_not(caplog):
    plan = pushed_plan()
    db, clock = FakeDatabase(), FakeClock(SPIKE_AT + timedelta(minutes=10))
    ports = Ports(plan=plan, uow=db, chat=FakeChat(), clock=clock)
    monitor = Monitor(ports, {}, FakeScorer())
    everything = stream(clock.now())
    with caplog.at_level(logging.WARNING, logger="crisis.monitor.services"):
        services.ingest("push", [m for m in everything if m.created_at < SPIKE_AT], monitor=monitor)
        assert caplog.text == ""  # days of history before the detector's first run: none of it is late
        services.detect(ports=ports)  # reads up to the bucket from SPIKE_AT, which ended 5 minutes ago
        services.ingest("push", [m for m in everything if m.created_at >= SPIKE_AT], monitor=monitor)
    in_read_bucket = sum(1 for m in everything if SPIKE_AT <= m.created_at < SPIKE_AT + timedelta(minutes=5))
    spike = sum(1 for m in everything if m.created_at >= SPIKE_AT)
    assert f"source push: {in_read_bucket} of {spike} new mentions" in caplog.text
