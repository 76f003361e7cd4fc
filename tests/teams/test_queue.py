"""crisisbot's own queue on Teams (#12 point 2): `crisis schedule <target> <YYYY-MM-DD HH:MM> <text>` as a message calls
the same use case as Slack's `/crisis schedule` (the crisis team only); the room's tick publishes the post when due
through the target's publishers; a crisis opened meanwhile pauses it and the close's offer (teams/schedules.py)
gives it back; bad input is refused with the catalog's words and nothing is queued."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from crisis.plan_parsing import parse_plan
from sandbox.local_bot import SettableClock, team_plan_data
from teams_sandbox.people import TeamsPerson
from tests.teams.conftest import ANNOUNCE, PEOPLE, said, served, settings_for
from tests.teams.test_flows import _open
from wiring.teams import wire_teams

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
STATEMENTS = "19:statements@thread.tacv2"


@pytest.fixture
def local_teams(teams_sandbox, uow_factory, engine, mastodon):
    teams_sandbox.state.add_conversation(STATEMENTS, "statements", "channel", bot_present=True)
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, chat="teams", statements={
        "publish_channel": STATEMENTS, "targets": {"mastodon": {"publisher": {
            "type": "mastodon", "instance": mastodon.url, "token_env": "ACME_MASTODON_TOKEN"}}}}))
    bot = wire_teams(plan, uow_factory, engine, settings_for(teams_sandbox), clock=SettableClock(NOW),
                     environ={"ACME_MASTODON_TOKEN": mastodon.token})
    with served(teams_sandbox, bot) as local:
        yield local


def _wall(local_teams, at):
    """`at` as the team writes it (the plan's time zone)."""
    return f"{at.astimezone(local_teams.bot.ports.plan.zone):%Y-%m-%d %H:%M}"


def _queued(local_teams):
    with local_teams.bot.ports.uow() as uow:
        return uow.queued_posts.queued()


def test_a_post_queued_from_teams_is_stored_and_published_by_the_tick_when_due(local_teams, mastodon):
    jo = local_teams.person("social")
    at = NOW + timedelta(hours=3)
    told = said(local_teams, jo, f"crisis schedule mastodon {_wall(local_teams, at)} Winter menu <at>all</at> out now")
    assert "📅 Queued for" in told and ":calendar:" not in told
    [post] = _queued(local_teams)
    assert (post.target, post.post_at, post.created_by) == ("mastodon", at, jo.id)
    assert post.text == "Winter menu all out now", "a Teams mention in the text is queued as the name it shows"

    local_teams.clock.current = at - timedelta(minutes=1)
    local_teams.bot.tick()
    assert mastodon.statuses == [], "not before its time"
    local_teams.clock.current = at
    assert local_teams.bot.tick().queued_published == 1
    assert [s["content"] for s in mastodon.statuses] == ["Winter menu all out now"]
    channel = local_teams.sandbox.state.conversation(STATEMENTS)
    assert any("Winter menu all out now" in json.dumps(a) for a in channel.activities.values())
    assert local_teams.bot.tick().queued_published == 0, "published once"
    assert _queued(local_teams) == []


def test_a_queued_post_is_paused_by_a_crisis_and_resumed_from_the_close_offer(local_teams, mastodon):
    at = NOW + timedelta(hours=5)
    said(local_teams, local_teams.person("comms"), f"crisis schedule mastodon {_wall(local_teams, at)} Latte day!")
    _open(local_teams)
    assert _queued(local_teams) == [], "paused at open"
    with local_teams.bot.ports.uow() as uow:
        crisis = uow.crises.get(1)
        [paused] = uow.paused_posts.for_crisis(crisis.id)
    assert (paused.source, paused.text) == ("queue", "Latte day!")
    dana = local_teams.person("lead")
    state = local_teams.sandbox.state
    assert dana.say("crisis close Printer replaced.", crisis.channel_id).status_code == 200
    dm = state.personal_chat(dana.id)
    offer = next(i for i, a in dm.activities.items() if "Latte day!" in json.dumps(a))
    assert "resumed" in json.dumps(dana.click(dm.id, offer, "Resume").json())
    assert [(p.text, p.post_at) for p in _queued(local_teams)] == [("Latte day!", at)]
    local_teams.clock.current = at
    local_teams.bot.tick()
    assert [s["content"] for s in mastodon.statuses] == ["Latte day!"]


@pytest.mark.parametrize(("who", "text", "expected"), [
    ("stranger", "crisis schedule mastodon {at} hi", "Only the crisis team in the plan"),
    ("social", "crisis schedule", "Type `crisis schedule <target> <YYYY-MM-DD HH:MM> <text>`"),
    ("social", "crisis schedule tiktok {at} hi", "There is no target `tiktok` that publishes anywhere. Use one of:"),
    ("social", "crisis schedule mastodon 2020-01-01 09:00 hi", "That time has passed"),
    ("social", "crisis schedule mastodon 2030-13-45 09:00 hi", "Type `crisis schedule"),
])
def test_bad_schedules_are_refused_with_the_catalogs_words_and_nothing_is_queued(local_teams, who, text, expected):
    if who == "stranger":
        local_teams.sandbox.state.add_user("eve@acme.example", "Eve Stone")
        person = TeamsPerson(local_teams.sandbox, "eve@acme.example", local_teams.url)
    else:
        person = local_teams.person(who)
    assert expected in said(local_teams, person, text.format(at=_wall(local_teams, NOW + timedelta(hours=2))))
    assert _queued(local_teams) == []
