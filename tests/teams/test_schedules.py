"""Scheduled posts on Teams: a Mastodon account's scheduled statuses (a loopback fake) are paused when the crisis
opens; at close the lead's offer card resumes one at its time and reschedules the other through the new-time form."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest

from publishers.schedules.mastodon import MastodonSchedule
from sandbox.platforms.mastodon import FakeMastodonSchedule
from teams.schedules import NEW_TIME_VERB
from tests.teams.conftest import wired
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


@pytest.fixture
def mastodon():
    with FakeMastodonSchedule() as fake:
        yield fake


@pytest.fixture
def local_teams(teams_sandbox, teams_plan, uow_factory, engine, mastodon):
    schedulers = {"mastodon": ("Mastodon m.example", MastodonSchedule(mastodon.url, mastodon.token))}
    with wired(teams_sandbox, teams_plan, uow_factory, engine, schedulers=schedulers) as local:
        yield local


def test_paused_at_open_then_resumed_and_rescheduled_from_the_offer(local_teams, mastodon):
    clock = local_teams.bot.ports.clock
    later = clock.now() + timedelta(hours=5)
    for text in ("Printer week deals!", "New toner ad"):
        mastodon.add_scheduled(text, later.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
    _open(local_teams)
    state = local_teams.sandbox.state
    assert mastodon.scheduled == []
    dana = local_teams.person("lead")
    assert dana.say("crisis close Printer replaced.", _room(state).id).status_code == 200
    dm = state.personal_chat(dana.id)
    offers = [i for i, a in dm.activities.items() if "Printer week deals!" in json.dumps(a)]
    assert offers, "the offer reaches the lead"
    with local_teams.bot.ports.uow() as uow:
        first, second = uow.paused_posts.for_crisis(1)  # the offer's order
    assert dana.click(dm.id, offers[-1], "Resume").status_code == 200  # the first post's Resume
    assert mastodon.texts() == [first.text]
    form = dana.send({"type": "invoke", "name": "adaptiveCard/action", "replyToId": offers[-1], "value": {"action": {
        "type": "Action.Execute", "verb": "reschedule_post", "data": {"value": str(second.id)}}}}, dm.id).json()
    assert any(a.get("verb") == NEW_TIME_VERB for a in form["value"]["actions"])
    answer = dana.send({"type": "invoke", "name": "adaptiveCard/action", "replyToId": offers[-1], "value": {"action": {
        "type": "Action.Execute", "verb": NEW_TIME_VERB,
        "data": {"value": str(second.id), "post_day": "2030-01-02", "post_time": "09:00"}}}}, dm.id).json()
    assert "resumed" in json.dumps(answer)
    assert mastodon.texts() == [first.text, second.text]
    assert mastodon.scheduled[1]["scheduled_at"].startswith("2030-01-02")
    with local_teams.bot.ports.uow() as uow:
        assert [p.outcome for p in uow.paused_posts.for_crisis(1)] == ["resumed", "resumed"]
