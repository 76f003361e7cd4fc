"""Replaying a recorded mention stream into a drill: fed as the drill's time passes under its own term, resumed from
the stored cursor, DRILL warnings only in the drill's room, stopped at close, and the clear refusals."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.errors import BadInput
from crisis.monitor import replays, services
from crisis.monitor.mentions import Mention
from crisis.monitor.recordings import RecordedMention
from crisis.monitor.services import Monitor
from crisis.monitor.views import spike_warning
from crisis.ports import Ports
from crisis.views import Example
from tests.crisis.fakes import FakeChat, FakeScorer
from tests.crisis.fakes.outside import T0
from tests.crisis.fakes.replays import FakeRecordings
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, open_one

ALERTS = "CBRANDALERTS"
HISTORY = 50 * 6 + 1
"""Recorded mentions due by the drill's start: fed at once."""
PLAN = make_plan(alerts_channel="#brand-alerts", monitor={"terms": ["acme"], "spikes": {"warmup_days": 1}})


def recording() -> tuple[RecordedMention, ...]:
    """Two days and more of one calm mention every ten minutes before the drill (the detector's history), then 40
    angry ones a minute from minute 10 to minute 20."""
    calm = [RecordedMention(timedelta(minutes=m), _mention(f"c{m}", "Nice acme latte"))
            for m in range(-50 * 60, 10, 10)]
    angry = [RecordedMention(timedelta(minutes=10 + s / 40), _mention(f"a{s}", "acme never again, terrible"))
             for s in range(400)]
    return tuple(calm + angry)


def _mention(source_id: str, text: str) -> Mention:
    return Mention("drill", source_id, "@fan", text, "", T0, language="en")


@pytest.fixture
def plan():
    return PLAN


@pytest.fixture
def recordings():
    return FakeRecordings({"wave": recording()})


@pytest.fixture
def ports(plan, clock, chat, db, recordings):
    return Ports(plan=plan, uow=db, chat=chat, clock=clock, recordings=recordings)


@pytest.fixture
def monitor(ports):
    return Monitor(ports, {}, FakeScorer())


def drill(ports, text="replay=wave"):
    opened, replay = replays.start_drill(text, actor="UOPENER", request_key="command:T1", ports=ports)
    return opened.crisis, replay


def mentions_of(ports, term):
    with ports.uow() as uow:
        return uow.mentions.recent(term, T0 - timedelta(days=30), T0 + timedelta(days=1), 10_000)


def test_the_drill_text_names_the_type_and_the_recording():
    assert replays.drill_options("outage replay=Wave") == ("outage", "wave")
    assert replays.drill_options(" outage ") == ("outage", None)
    with pytest.raises(BadInput) as refused:
        replays.drill_options("replay=")
    assert refused.value.key == "error.replay_no_name"


def test_the_drill_command_says_where_the_drill_is_and_how_many_mentions_it_replays_once(ports):
    told = replays.drill_command("replay=wave", actor="UOPENER", request_key="command:T1", ports=ports)
    with ports.uow() as uow:
        crisis = uow.crises.get(1)
    assert told.key == "notice.drill_replaying"
    assert (told.params["channel"].id, told.params["name"], told.params["count"]) == (
        crisis.channel_id, "wave", len(recording()))
    plain = replays.drill_command("", actor="UOPENER", request_key="command:T2", ports=ports)
    assert plain.key == "notice.drill_opened" and plain.params["channel"].id != crisis.channel_id


def test_the_history_is_fed_at_once_and_the_rest_as_the_drill_goes_on(ports, monitor, clock):
    crisis, replay = drill(ports)
    assert replay.recording == "wave" and replay.started_at == crisis.opened_at
    term = f"drill:{crisis.id}"
    services.monitor_tick(monitor=monitor)
    history = mentions_of(ports, term)
    assert len(history) == HISTORY and all(m.created_at <= clock.now() for m in history)
    assert {(m.source, m.term, m.feed) for m in history} == {(term, term, term)}
    clock.advance(seconds=10 * 60 + 30)
    services.monitor_tick(monitor=monitor)
    assert len(mentions_of(ports, term)) == HISTORY + 21
    assert mentions_of(ports, "acme") == []  # the real term never sees them


def test_a_restart_resumes_from_the_stored_cursor_without_duplicates_or_gaps(ports, db, clock, chat, recordings):
    crisis, _ = drill(ports)
    first = Monitor(ports, {}, FakeScorer())
    for _ in range(3):
        clock.advance(seconds=200)
        services.monitor_tick(monitor=first)
    restarted = Monitor(Ports(plan=PLAN, uow=db, chat=FakeChat(), clock=clock, recordings=recordings), {},
                        FakeScorer())
    services.monitor_tick(monitor=restarted)  # same moment again: nothing new
    clock.advance(seconds=3600)
    services.monitor_tick(monitor=restarted)
    fed = mentions_of(ports, f"drill:{crisis.id}")
    assert len(fed) == len(recording()) == len({m.source_id for m in fed})
    with ports.uow() as uow:
        stored = uow.replays.get(crisis.id)
    assert stored.fed == len(recording()) and stored.finished_at == clock.now()


def test_its_spike_warning_says_drill_and_goes_only_to_the_drills_room(ports, monitor, chat, clock):
    crisis, _ = drill(ports)
    for _ in range(4):
        clock.advance(seconds=5 * 60)
        services.monitor_tick(monitor=monitor)
    warnings = chat.named("post_spike_warning")
    assert warnings and {c[1] for c in warnings} == {crisis.channel_id}
    card = spike_warning(warnings[0][2])
    examples = [part for part in card.parts if isinstance(part, Example)]
    assert card.summary.key == "replay.warning" and examples and not any(e.choices for e in examples)
    assert ALERTS not in {c[1] for c in chat.calls if len(c) > 1}


def test_the_replay_stops_at_close_and_its_unposted_warnings_are_dropped(ports, monitor, chat, clock):
    crisis, _ = drill(ports)
    services.monitor_tick(monitor=monitor)
    clock.advance(seconds=15 * 60)
    replays.feed(ports=ports, scorer=FakeScorer())
    assert services.detect(ports=ports)  # a warning recorded, not yet posted
    close(ports, crisis)
    before = len(mentions_of(ports, f"drill:{crisis.id}"))
    clock.advance(seconds=3600)
    services.monitor_tick(monitor=monitor)
    assert len(mentions_of(ports, f"drill:{crisis.id}")) == before < len(recording())
    assert not chat.named("post_spike_warning") and ALERTS not in {c[1] for c in chat.calls if len(c) > 1}
    with ports.uow() as uow:
        dropped = uow.alerts.recent(clock.now() - timedelta(days=1), 9)
        assert uow.replays.live() == [] and dropped and all(a.failed_at and not a.message_ts for a in dropped)


def test_an_unknown_recording_is_refused_before_any_drill_opens(ports, chat):
    with pytest.raises(BadInput) as refused:
        drill(ports, "replay=meteor")
    assert refused.value.key == "error.unknown_recording" and refused.value.params["choices"] == "wave"
    assert not chat.named("create_channel")


def test_a_plan_without_recordings_says_so(ports, chat):
    with pytest.raises(BadInput) as refused:
        drill(Ports(plan=PLAN, uow=ports.uow, chat=chat, clock=ports.clock), "replay=wave")
    assert refused.value.key == "error.no_recordings" and not chat.named("create_channel")


def test_a_recording_is_never_replayed_into_a_real_crisis(ports):
    crisis = open_one(ports)
    with pytest.raises(BadInput) as refused:
        replays.start_replay(crisis.id, "wave", ports=ports)
    assert refused.value.key == "error.replay_not_drill"
    with ports.uow() as uow:
        assert uow.replays.get(crisis.id) is None and uow.crises.get(crisis.id).term is None


def test_the_same_command_again_keeps_one_replay(ports):
    crisis, first = drill(ports)
    again_crisis, again = drill(ports)
    assert again_crisis.id == crisis.id and again == first


def test_a_recording_that_cannot_be_read_is_said_once_and_the_replay_goes_on_after(ports, monitor, chat, clock,
                                                                                  recordings):
    crisis, _ = drill(ports)
    recordings.broken.add("wave")
    services.monitor_tick(monitor=monitor)
    clock.advance(seconds=60)
    services.monitor_tick(monitor=monitor)
    assert chat.posted(crisis.channel_id).count("replay.stalled") == 1
    recordings.broken.clear()
    services.monitor_tick(monitor=monitor)
    assert len(mentions_of(ports, f"drill:{crisis.id}")) == HISTORY
