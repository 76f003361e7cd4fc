"""Drills on Teams (#13 point 6, #12 point 2): `crisis drill [type] [replay=<recording>]` as a message opens the same
practice crisis as Slack's `/crisis drill`: DRILL on the room's name and card, pages to the role holders, the
announcement only to the drill's participants, a statement published inside Teams only, a recording replayed into
the monitor with its warnings in the drill's room; bad input is refused with the catalog's words, nothing opened."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crisis.monitor.recordings import drill_term
from crisis.monitor.services import bucket_start
from crisis.plan_parsing import parse_plan
from crisis.statements.model import StatementState
from sandbox.local_bot import SettableClock, team_plan_data
from teams_sandbox.cards import activity_lines, card_lines
from tests.teams.conftest import ANNOUNCE, PEOPLE, said, served, settings_for
from wiring.teams import wire_teams

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STATEMENTS = "19:statements@thread.tacv2"
ALERTS = "19:brand-alerts@thread.tacv2"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def local_teams(teams_sandbox, uow_factory, engine, mastodon):
    """A plan whose `mastodon` target publishes to a Teams channel and to a Mastodon account, with a monitored term
    and the example drill recording."""
    for channel, name in ((STATEMENTS, "statements"), (ALERTS, "brand-alerts")):
        teams_sandbox.state.add_conversation(channel, name, "channel", bot_present=True)
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(
        users, announce=ANNOUNCE, chat="teams", alerts_channel=ALERTS, monitor={"terms": ["acme"]},
        drills={"recordings": {"complaint-wave": "examples/drill-recording.jsonl"}},
        statements={"publish_channel": STATEMENTS, "targets": {"mastodon": {"publisher": {
            "type": "mastodon", "instance": mastodon.url, "token_env": "ACME_MASTODON_TOKEN"}}}}))
    bot = wire_teams(plan, uow_factory, engine, settings_for(teams_sandbox), clock=SettableClock(START),
                     environ={"ACME_MASTODON_TOKEN": mastodon.token}, base_dir=REPO)
    with served(teams_sandbox, bot) as local:
        yield local


def _crises(local_teams):
    with local_teams.bot.ports.uow() as uow:
        return uow.crises.open()


def _texts(conversation):
    return ["\n".join(activity_lines(a)) for a in conversation.activities.values()]


def test_a_drill_from_teams_is_marked_drill_pages_its_people_and_publishes_only_inside_teams(local_teams, mastodon):
    state = local_teams.sandbox.state
    told = said(local_teams, local_teams.person("opener"), "crisis drill")
    [crisis] = _crises(local_teams)
    room = state.conversation(crisis.channel_id)
    assert crisis.drill and crisis.title.startswith("DRILL:")
    assert "Drill started in" in told and room.name in told and "nothing goes public" in told
    assert room.name.startswith("drill-crisis-")
    assert "DRILL:" in "\n".join(card_lines(room.activities[crisis.card_ts]["attachments"][0]["content"]))

    lea = local_teams.person("comms")
    page = next(a for a in state.personal_chat(lea.id).activities.values() if "paged as" in json.dumps(a))
    assert "DRILL:" in "\n".join(activity_lines(page)) and "[Acknowledge]" in "\n".join(activity_lines(page))
    assert not state.conversation(ANNOUNCE).activities, "the announce channel hears nothing of a drill"
    for who in ("lead", "lead_backup", "comms", "comms_backup", "legal", "social", "opener"):
        chat = state.personal_chat(local_teams.person(who).id)
        assert any("crisis opened by" in t and "DRILL:" in t for t in _texts(chat)), f"{who} is told in their chat"

    assert local_teams.person("opener").say("crisis draft mastodon We are looking into it.", room.id).status_code == 200
    card = next(ref for ref, a in room.activities.items() if "[Approve]" in "\n".join(activity_lines(a)))
    for who in ("comms", "legal"):
        assert local_teams.person(who).click(room.id, card, "Approve").status_code == 200
    with local_teams.bot.ports.uow() as uow:
        [statement] = uow.statements.for_crisis(crisis.id)
    assert statement.state is StatementState.PUBLISHED
    assert not any("We are looking into it." in t for t in _texts(state.conversation(STATEMENTS))), \
        "a drill's statement stays in its room"
    assert any("DRILL" in t and "We are looking into it." in t for t in _texts(room))
    assert mastodon.statuses == [], "nothing of a drill is published outside Teams"
    assert "skipped: drill" in statement.published_ref


def test_a_replayed_recording_feeds_the_monitor_and_warns_in_the_drill_room_only(local_teams):
    told = said(local_teams, local_teams.person("opener"), "crisis drill complaint_wave replay=complaint-wave")
    assert "replaying the recording" in told and "complaint-wave" in told
    [crisis] = _crises(local_teams)
    for minute in range(0, 25, 5):
        local_teams.clock.current = bucket_start(START, 5) + timedelta(minutes=minute, seconds=30)
        local_teams.bot.monitor_tick()
    with local_teams.bot.ports.uow() as uow:
        replay = uow.replays.get(crisis.id)
        fed = uow.mentions.recent(drill_term(crisis.id), START - timedelta(days=5), START + timedelta(days=1), 10_000)
    assert replay.fed > 0 and len(fed) == replay.fed, "the recording's mentions reach the monitor"
    state = local_teams.sandbox.state
    warnings = [t for t in _texts(state.conversation(crisis.channel_id)) if "Spike in mentions" in t]
    assert warnings and all("DRILL" in w and "practice, not a real warning" in w for w in warnings)
    assert not state.conversation(ALERTS).activities and not state.conversation(ANNOUNCE).activities


@pytest.mark.parametrize(("text", "expected"), [
    ("crisis drill meteor", "There is no crisis type `meteor` to practise. Try `crisis drill` with one of:"),
    ("crisis drill replay=meteor", "There is no drill recording `meteor`. Try `replay=` with one of: complaint-wave"),
    ("crisis drill replay=", "Name the recording after `replay=`"),
])
def test_bad_drill_input_is_refused_with_the_catalogs_words_and_opens_nothing(local_teams, text, expected):
    assert expected in said(local_teams, local_teams.person("opener"), text)
    assert _crises(local_teams) == []
    assert not [c for c in local_teams.sandbox.state.calls if c[0] == "POST" and c[1].endswith("/channels")]
