"""Scenarios of the mention monitor: a spike warning with its numbers, chart and buttons, once; Open crisis from
it; False alarm with its reason; a button on a warning someone already answered is refused and changes nothing."""
from __future__ import annotations

import pytest

from crisis.monitor.model import AlertStatus

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _warned_once(monitored):
    warning = monitored.spike_warning()
    assert "× the normal volume" in warning and "/100" in warning
    assert {"Open crisis", "False alarm", "Snooze 1h"} <= set(warning.buttons)
    alerts = monitored.alert_messages()
    charts = monitored.images(warning.conversation)
    posted_alerts = [a for a in monitored.alerts() if a.message_ts]
    assert len(charts) == len(posted_alerts) >= 1, "a chart goes with each warning"
    assert all(c[:4] == b"\x89PNG" and len(c) > 2000 for c in charts)
    (volume,) = [a for a in monitored.alerts() if a.message_ts and "Spike in mentions" in
                 monitored.message(a.channel_id, a.message_ts)]
    assert volume.status is AlertStatus.NEW
    posted = len(alerts)
    monitored.poll("replay")
    monitored.monitor_tick()
    assert len(monitored.alert_messages()) == posted, "the same spike is not warned of twice"
    return warning


def test_open_crisis_from_the_warning_links_both_and_a_kept_card_opens_nothing(monitored):
    old = _warned_once(monitored)
    monitored.open_from_warning("lead")
    crisis = monitored.crisis()
    assert crisis is not None and crisis.term == "acme" and crisis.is_open
    alert = next(a for a in monitored.alerts() if a.crisis_id == crisis.id)
    assert alert.status is AlertStatus.CRISIS
    now = monitored.warning()
    assert "Open crisis" not in now.buttons and monitored.name_of("lead") in now, "updated in place for everyone"
    refused = monitored.open_from_warning("social", old)
    assert "already opened from this warning" in refused
    with monitored.ports.uow() as uow:
        assert uow.crises.get(2) is None, "the stale card opened nothing"


def test_false_alarm_keeps_its_reason_and_a_stale_snooze_is_refused(monitored):
    old = _warned_once(monitored)
    monitored.false_alarm("lead", "A planned campaign")
    now = monitored.warning()
    assert "false alarm: A planned campaign" in now and "Snooze 1h" not in now.buttons
    refused = monitored.click("lead_backup", old, "Snooze 1h")
    assert "already answered" in refused
    assert "already answered" in monitored.false_alarm("lead_backup", "Another reason", old)
    alert = next(a for a in monitored.alerts() if a.status is not AlertStatus.NEW)
    assert alert.status is AlertStatus.FALSE_ALARM and alert.feedback == "A planned campaign"
    with monitored.ports.uow() as uow:
        assert uow.watches.lock("acme").snoozed_until is None, "the stale Snooze changed nothing"
