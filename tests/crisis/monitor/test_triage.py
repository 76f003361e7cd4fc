"""Is this a crisis? The monitor's figures for the last hour held against the plan's triage criteria."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import BadInput, PlanError
from crisis.i18n import render
from crisis.monitor import services, triage
from crisis.monitor.services import Monitor
from crisis.monitor.triage import Figures, suggest
from crisis.plan import TriageCriteria
from crisis.ports import Ports
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase, FakeScorer
from tests.crisis.monitor.stream import ANGRY, CALM, SPIKE_AT, START, mention, stream
from tests.crisis.plans import make_plan, plan_data

NOW = SPIKE_AT + timedelta(minutes=70)
PLAN = make_plan(monitor={"terms": ["acme", "acme coffee"]})


def figures(volume=5.0, negative=0.55, reach=150):
    return Figures("acme", 100, volume, negative, reach)


def test_the_most_severe_level_whose_criteria_all_hold_is_suggested_with_why():
    suggestion = suggest(figures(), PLAN.severities)
    assert suggestion.severity == "SEV2"
    assert [render(r) for r in suggestion.reasons] == [
        "• volume 5.0× normal (at least 4×)", "• 55% negative (at least 50%)", "• 150 distinct authors (at least 100)"]
    assert suggest(figures(volume=5.0, negative=0.1, reach=5), PLAN.severities).severity == "SEV4"
    assert suggest(figures(volume=1.7, negative=0.1, reach=5), PLAN.severities).severity == "SEV4"
    assert suggest(figures(volume=1.0), PLAN.severities).severity is None
    assert suggest(figures(volume=None), PLAN.severities).severity is None


def test_the_plan_sets_its_own_criteria_and_bad_ones_are_refused():
    data = plan_data()
    data["severities"]["SEV1"]["triage"] = {"negative_share": 0.5}
    plan = make_plan(severities=data["severities"])
    assert plan.severity("SEV1").triage == TriageCriteria(None, 0.5, None)
    assert suggest(figures(volume=None, negative=0.5), plan.severities).severity == "SEV1"
    data["severities"]["SEV1"]["triage"] = {"negative_share": 60}
    with pytest.raises(PlanError) as refused:
        make_plan(severities=data["severities"])
    assert refused.value.path == "severities.SEV1.triage.negative_share"


@pytest.fixture(scope="module")
def spiked():
    db = FakeDatabase()
    ports = Ports(plan=PLAN, uow=db, chat=FakeChat(), clock=FakeClock(NOW))
    services.ingest("push", stream(NOW, calm=2, burst=20), monitor=Monitor(ports, {}, FakeScorer()))
    return ports


def test_a_burst_of_angry_mentions_suggests_a_severity_and_the_card_says_a_person_decides(spiked):
    suggestion = triage.triage("ACME", ports=spiked)
    assert suggestion.figures == Figures("acme", 240, (240 + 5) / (24 + 5), 1.0, 239)  # normal 24 an hour, smoothed
    assert suggestion.severity == "SEV2"  # SEV1 needs 500 distinct authors
    card = triage.triage_card(suggestion)
    assert "Suggested severity" in render(card.summary)
    assert "you decide" in render(card.parts[-1].items[0])
    quiet = triage.triage("acme coffee", ports=spiked)
    assert quiet.severity is None and "does not look like a crisis" in render(triage.triage_card(quiet).summary)


def test_an_unknown_term_or_a_plan_without_terms_is_explained(spiked):
    with pytest.raises(BadInput) as refused:
        triage.triage("globex", ports=spiked)
    assert refused.value.key == "error.unknown_term"
    with pytest.raises(BadInput):
        triage.triage(None, ports=replace(spiked, plan=make_plan()))


def sparse_then_angry() -> list:
    """A brand mentioned once every 15 minutes (most five-minute buckets empty, so its median bucket is 0), then
    30 angry mentions from 30 new authors every 5 minutes for the last 70 minutes."""
    calm = [mention(f"c{i}", START + timedelta(minutes=15 * i, seconds=30), CALM[0], f"@c{i % 50}")
            for i in range(int((SPIKE_AT - START) / timedelta(minutes=15)))]
    angry = [mention(f"a{b}-{k}", SPIKE_AT + timedelta(minutes=5 * b, seconds=k), f"{ANGRY[k % 3]} #{b}-{k}",
                     f"@a{b}-{k}") for b in range(14) for k in range(30)]
    return calm + angry


def test_a_sparse_brand_whose_normal_bucket_is_empty_still_gets_a_severity_for_a_burst():
    ports = Ports(plan=make_plan(monitor={"terms": ["acme"]}), uow=FakeDatabase(), chat=FakeChat(),
                  clock=FakeClock(NOW))
    services.ingest("push", sparse_then_angry(), monitor=Monitor(ports, {}, FakeScorer()))
    suggestion = triage.triage("acme", ports=ports)
    assert suggestion.figures == Figures("acme", 360, (360 + 5) / (0 + 5), 1.0, 360)
    assert suggestion.severity == "SEV2"  # SEV1 needs 500 distinct authors
    assert render(suggestion.reasons[0]) == "• volume 73.0× normal (at least 4×)"
