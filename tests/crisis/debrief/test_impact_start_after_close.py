"""`/crisis started` after the close: teams often learn when the impact began during the debrief, so the same people
set it until the debrief closes; it is on the timeline and the report counts from it."""
from datetime import timedelta

import pytest

from crisis.debrief import services
from crisis.errors import IllegalTransition, NotAuthorised
from crisis.events import EventKind
from tests.crisis.fakes import FakeRenderer
from tests.crisis.fakes.outside import T0
from tests.crisis.rooms import close, kinds, open_one, stored


def test_the_lead_sets_the_impact_start_after_the_close_and_the_report_counts_from_it(ports, clock):
    crisis = open_one(ports)
    clock.advance(hours=3)
    close(ports, crisis)
    clock.advance(hours=1)
    with pytest.raises(NotAuthorised):
        services.set_impact_start(crisis.channel_id, "08:00", user="ULEGAL", request_key="s0", ports=ports)
    when = services.set_impact_start(crisis.channel_id, "08:00", user="ULEAD", request_key="s1", ports=ports)
    services.set_impact_start(crisis.channel_id, "08:00", user="ULEAD", request_key="s1", ports=ports)  # a retry
    assert when == T0 - timedelta(hours=1) and stored(ports, crisis).impact_started_at == when
    assert kinds(ports, crisis).count(EventKind.IMPACT_STARTED) == 1
    clock.advance(hours=48)
    renderer = FakeRenderer()
    services.tick(ports=ports, render=renderer)
    (report,) = renderer.reports
    assert report.metrics.impact_start_set and report.metrics.time_to_open == timedelta(hours=1)
    assert report.metrics.time_to_resolve == timedelta(hours=4)


def test_once_the_debrief_has_closed_the_impact_start_no_longer_changes(ports, clock):
    crisis = close(ports, open_one(ports))
    clock.advance(hours=48)
    with pytest.raises(IllegalTransition) as refused:
        services.set_impact_start(crisis.channel_id, "08:00", user="ULEAD", request_key="s1", ports=ports)
    assert refused.value.key == "error.started_debrief_closed"
    assert stored(ports, crisis).impact_started_at is None
    assert EventKind.IMPACT_STARTED not in kinds(ports, crisis)
