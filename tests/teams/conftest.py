"""Teams end to end: the fake Teams (teams_sandbox) on loopback, the Teams-wired bot serving /api/messages on
loopback, people who message it and click its cards with tokens the fake connector signs."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from crisis.plan_parsing import parse_plan
from sandbox.local_bot import SettableClock, team_plan_data
from teams.client import Endpoints
from teams_sandbox.cards import activity_lines
from teams_sandbox.people import TeamsPerson
from teams_sandbox.server import TeamsSandbox
from sandbox.platforms.mastodon_statuses import FakeMastodon
from wiring.teams import TeamsBot, TeamsSettings, wire_teams

PEOPLE = {"lead": ("dana@acme.example", "Dana Reyes"), "lead_backup": ("omar@acme.example", "Omar Haddad"),
          "comms": ("lea@acme.example", "Lea Novak"), "comms_backup": ("sam@acme.example", "Sam Carter"),
          "legal": ("maria@acme.example", "Maria Rossi"), "social": ("jo@acme.example", "Jo Kim"),
          "opener": ("alex@acme.example", "Alex Moreau")}
TEAM_ID = "team-1"
ANNOUNCE = "19:announce@thread.tacv2"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass
class LocalTeams:
    sandbox: TeamsSandbox
    bot: TeamsBot
    url: str
    clock: SettableClock

    def person(self, key: str) -> TeamsPerson:
        return TeamsPerson(self.sandbox, PEOPLE[key][0], self.url)


def settings_for(sandbox: TeamsSandbox, **changes: object) -> TeamsSettings:
    base = dict(app_id=sandbox.state.app_id, secret=sandbox.app_secret, tenant_id=sandbox.state.tenant_id,
                team_id=TEAM_ID, catalog_app_id="catalog-app", service_url=f"{sandbox.base_url}/",
                openid_url=sandbox.openid_url, endpoints=Endpoints(login=sandbox.base_url, graph=sandbox.base_url))
    return TeamsSettings(**{**base, **changes})


@pytest.fixture
def teams_sandbox():
    sandbox = TeamsSandbox().start()
    for key, (email, name) in PEOPLE.items():
        sandbox.state.add_user(email, name, app_installed=key == "opener")
    sandbox.state.add_conversation(ANNOUNCE, "crisis-announce", "channel", bot_present=True)
    yield sandbox
    sandbox.stop()


@pytest.fixture
def teams_plan():
    users = {key: email for key, (email, _) in PEOPLE.items()}
    return parse_plan(team_plan_data(users, announce=ANNOUNCE, statements={}, chat="teams"))


@contextmanager
def served(sandbox: TeamsSandbox, bot: TeamsBot) -> Iterator[LocalTeams]:
    """The Teams-wired bot serving /api/messages on loopback while the block runs."""
    server = make_server("127.0.0.1", 0, bot.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield LocalTeams(sandbox, bot, f"http://127.0.0.1:{server.server_port}/api/messages", bot.ports.clock)
    finally:
        server.shutdown()
        server.server_close()


def said(local: LocalTeams, person: TeamsPerson, text: str) -> str:
    """`person` says `text` to the bot in their 1:1 chat; the lines the bot answered there."""
    chat = local.sandbox.state.personal_chat(person.id)
    before = set(chat.activities)
    assert person.say(text).status_code == 200
    return "\n".join(line for ref, a in chat.activities.items() if ref not in before for line in activity_lines(a))


@pytest.fixture
def mastodon():
    """A fake Mastodon instance on loopback (tests/publishers/fake_mastodon.py)."""
    fake = FakeMastodon().start()
    yield fake
    fake.stop()


@pytest.fixture
def local_teams(teams_sandbox, teams_plan, uow_factory, engine):
    bot = wire_teams(teams_plan, uow_factory, engine, settings_for(teams_sandbox), clock=SettableClock())
    with served(teams_sandbox, bot) as local:
        yield local
