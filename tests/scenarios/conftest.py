"""Every scenario runs once per platform: `driver` is a Slack or a Teams driver over that platform's loopback
fake and the same database; `monitored` is the same with the mention monitor wired to a replayed stream.
Scenarios are about the chat platforms, so they run on SQLite only (each module is marked `one_database`): every
layer below them (tests/db, handlers, teams) runs on PostgreSQL too when TEST_DATABASE_URL is set."""
from __future__ import annotations

import threading
from wsgiref.simple_server import make_server

import pytest

from crisis.plan_parsing import parse_plan
from sandbox.local_bot import SettableClock, start_local_bot, team_plan, team_plan_data
from teams_sandbox.server import TeamsSandbox
from tests.scenarios.monitoring import START, monitor_section
from tests.scenarios.slack_driver import SlackDriver
from tests.scenarios.teams_driver import TeamsDriver
from tests.teams.conftest import ANNOUNCE, PEOPLE, LocalTeams, _Quiet, settings_for
from wiring.teams import wire_teams

PLATFORMS = ["slack", "teams"]

TEAMS_ALERTS = "19:brand-alerts@thread.tacv2"
TEAMS_STATEMENTS = "19:statements@thread.tacv2"


def _slack(uow_factory, clock, **plan_changes):
    local = start_local_bot(uow_factory, clock=clock, plan=lambda users: team_plan(users, **plan_changes),
                            sleep=lambda seconds: None)
    return SlackDriver(local), local.stop


def _teams(uow_factory, engine, clock, **plan_changes):
    sandbox = TeamsSandbox().start()
    for key, (email, name) in PEOPLE.items():
        sandbox.state.add_user(email, name, app_installed=key == "opener")
    sandbox.state.add_conversation(ANNOUNCE, "crisis-announce", "channel", bot_present=True)
    sandbox.state.add_conversation(TEAMS_ALERTS, "brand-alerts", "channel", bot_present=True)
    sandbox.state.add_conversation(TEAMS_STATEMENTS, "statements", "channel", bot_present=True)
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, statements={"publish_channel": TEAMS_STATEMENTS},
                                     chat="teams", alerts_channel=TEAMS_ALERTS, **plan_changes))
    bot = wire_teams(plan, uow_factory, engine, settings_for(sandbox), clock=clock, environ={})
    server = make_server("127.0.0.1", 0, bot.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    local = LocalTeams(sandbox, bot, f"http://127.0.0.1:{server.server_port}/api/messages", clock)

    def stop() -> None:
        server.shutdown()
        server.server_close()
        sandbox.stop()
    return TeamsDriver(local, TEAMS_ALERTS), stop


def _driver(platform, uow_factory, engine, clock, **plan_changes):
    if platform == "slack":
        return _slack(uow_factory, clock, **plan_changes)
    return _teams(uow_factory, engine, clock, **plan_changes)


@pytest.fixture(params=PLATFORMS)
def driver(request, uow_factory, engine):
    made, stop = _driver(request.param, uow_factory, engine, SettableClock())
    yield made
    stop()
    if request.param == "slack":
        assert made.bot.executor.failures == [], "a Slack listener failed after its ack"


@pytest.fixture(params=PLATFORMS)
def monitored(request, uow_factory, engine, tmp_path):
    made, stop = _driver(request.param, uow_factory, engine, SettableClock(START),
                         monitor=monitor_section(tmp_path))
    made.poll("replay")  # the replay starts now: the file's first mention is "now"
    yield made
    stop()
