"""Spike warnings: a refused warning is given up after a few tries, told once, and never holds up newer ones."""
from __future__ import annotations

import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import ChatFailure
from crisis.monitor import services
from crisis.monitor.delivery import POST_LEASE
from tests.crisis.fakes import FakeClock
from tests.crisis.monitor.spike_plan import ALERTS, NOW, alerts

REFUSED = ChatFailure("msg_too_long", permanent=True)


@pytest.fixture
def clock():
    return FakeClock(NOW)


def test_a_refused_warning_never_holds_up_a_newer_one(spiked, ports, chat):
    assert len(spiked) == 2
    chat.fail["post_spike_warning"] = [REFUSED]
    assert services.post_alerts(ports=ports, limit=1) == 0  # the oldest is refused ...
    assert services.post_alerts(ports=ports, limit=1) == 1  # ... and waits for its retry behind the next one
    assert [a.message_ts is None for a in alerts(ports)] == [True, False]


def test_a_refused_warning_is_given_up_and_told_once(spiked, ports, chat, clock):
    chat.fail["post_spike_warning"] = [REFUSED] * (MAX_REFUSALS + 1)
    posted = services.post_alerts(ports=ports, limit=1)
    for _ in range(2 * MAX_REFUSALS):
        clock.advance(seconds=300)
        posted += services.post_alerts(ports=ports, limit=1)
    first, second = alerts(ports)
    assert first.failed_at is not None and first.post_attempts == MAX_REFUSALS and first.message_ts is None
    assert second.message_ts and posted == 1
    assert chat.posted(ALERTS).count("monitor.warning_refused") == 1


def test_a_warning_whose_poster_died_is_posted_once_its_lease_ends(spiked, ports, chat, clock):
    chat.fail["post_spike_warning"] = [RuntimeError("the process died here")]
    assert services.post_alerts(ports=ports) == 1
    clock.advance(seconds=POST_LEASE.total_seconds() - 1)
    assert services.post_alerts(ports=ports) == 0
    clock.advance(seconds=2)
    assert services.post_alerts(ports=ports) == 1
    assert all(a.message_ts for a in alerts(ports))
    assert len(chat.named("post_spike_warning")) == 2
