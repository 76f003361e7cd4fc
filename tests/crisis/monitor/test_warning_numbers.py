"""A warning's numbers agree with each other: "N x normal" is the count shown against the usual count shown beside it
(not the detector's own ratio, which adds its count prior to both), and the bucket's length is the plan's."""
import json
from dataclasses import replace

import pytest

from crisis.i18n import render
from crisis.monitor import services
from crisis.monitor.views import crisis_from_alert, spike_warning
from handlers.block_kit import message
from tests.crisis.fakes import FakeClock
from tests.crisis.monitor.spike_plan import NOW


@pytest.fixture
def clock():
    return FakeClock(NOW)


def posted(ports, chat):
    services.post_alerts(ports=ports)
    return next(w for w in (call[2] for call in chat.named("post_spike_warning")) if w.alert.kind == "volume")


def test_the_headline_ratio_is_the_count_against_the_usual_count_shown(spiked, ports, chat):
    warning = posted(ports, chat)
    warning = replace(warning, alert=replace(warning.alert, observed=60, mentions=60, baseline=5.0, ratio=6.5),
                      picture=replace(warning.picture, bucket_minutes=15))
    text = json.dumps(message(spike_warning(warning))["blocks"], ensure_ascii=False)
    assert "12.0× the normal volume" in text and "6.5×" not in text
    assert "Mentions in the 15 minutes from" in text and "60 (usual for this time: 5.0)" in text
    title, description = (render(part) for part in crisis_from_alert(warning.alert, 15))
    assert title == "Mentions of acme: 12.0× normal"
    assert "60 mentions in 15 minutes (12.0× normal)" in description


def test_a_nearly_silent_term_is_not_thousands_of_times_normal(spiked, ports, chat):
    alert = replace(posted(ports, chat).alert, observed=30, mentions=30, baseline=0.01)
    assert alert.times_usual == 30
    assert replace(alert, kind="negative_share", ratio=2.5).times_usual == 2.5


def test_the_reputation_a_warning_shows_is_kept_with_its_alert_for_the_crisis_opened_from_it(spiked, ports, chat):
    shown = posted(ports, chat)
    with ports.uow() as uow:
        stored = uow.alerts.get(shown.alert.id)
    assert stored.reputation is not None and stored.reputation == shown.picture.now.score
    assert f"reputation {stored.reputation}/100" in render(crisis_from_alert(stored, 5)[1])
