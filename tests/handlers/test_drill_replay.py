"""End to end: `/crisis drill replay=<recording>` replays the example recording as the drill's time passes; its spike
warning, marked DRILL, lands in the drill's channel only, never in the real alerts channel."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from crisis.monitor.services import bucket_start
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import replies_to

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
RECORDINGS = {"recordings": {"complaint-wave": "examples/drill-recording.jsonl"}}


@pytest.fixture
def drilling(uow_factory):
    plan = lambda users: team_plan(users, monitor={"terms": ["acme"]}, drills=RECORDINGS)
    local = start_local_bot(uow_factory, clock=SettableClock(START), plan=plan)
    yield local
    local.stop()
    assert local.executor.failures == []


def texts(bot, channel):
    return [json.dumps(m) for m in bot.sandbox.messages(channel)]


def test_a_replayed_wave_warns_in_the_drill_channel_only(drilling):
    bot = drilling
    status, _ = bot.command("opener", "drill complaint_wave replay=complaint-wave", "general")
    assert status == 200
    assert any("replaying the recording" in r and "complaint-wave" in r for r in replies_to(bot, "opener"))
    room = [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")][-1].response["channel"]
    for minute in range(0, 25, 5):
        bot.clock.current = bucket_start(START, 5) + timedelta(minutes=minute, seconds=30)
        bot.monitor_tick()
    warnings = [t for t in texts(bot, room["id"]) if "Spike in mentions" in t]
    assert warnings and all("*DRILL* (practice, not a real warning)" in w for w in warnings)
    alerts = bot.sandbox.channel_by_name("brand-alerts")
    assert alerts is None or not bot.sandbox.messages(alerts["id"])
    announce = bot.sandbox.channel_by_name(bot.ports.plan.announce_channel.lstrip("#"))
    assert announce is None or not bot.sandbox.messages(announce["id"])


def test_an_unknown_recording_is_answered_and_opens_nothing(drilling):
    drilling.command("opener", "drill replay=meteor", "general")
    assert any("meteor" in r and "complaint-wave" in r for r in replies_to(drilling, "opener"))
    assert not [c for c in drilling.sandbox.calls_to("conversations.create") if c.response.get("ok")]
