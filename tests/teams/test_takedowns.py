"""Take-downs on Teams: `crisis takedown <url>` in the room posts the approval card; Approve by the comms lead and
legal (the statements' rule) removes the post once; the clicked card shows the outcome."""
from __future__ import annotations

import threading
from wsgiref.simple_server import make_server

import pytest

from crisis.takedowns.model import TakedownState
from publishers.mastodon_posts import MastodonPosts
from sandbox.local_bot import SettableClock
from sandbox.platforms.mastodon_statuses import FakeMastodon
from tests.teams.conftest import LocalTeams, _Quiet, settings_for
from tests.teams.test_flows import _open, _room
from wiring.teams import wire_teams


@pytest.fixture
def mastodon():
    fake = FakeMastodon().start()
    yield fake
    fake.stop()


@pytest.fixture
def local_teams(teams_sandbox, teams_plan, uow_factory, engine, mastodon):
    removers = {"mastodon": ("Mastodon", MastodonPosts(mastodon.url, mastodon.token))}
    bot = wire_teams(teams_plan, uow_factory, engine, settings_for(teams_sandbox), clock=SettableClock(),
                     removers=removers)
    server = make_server("127.0.0.1", 0, bot.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield LocalTeams(teams_sandbox, bot, f"http://127.0.0.1:{server.server_port}/api/messages", bot.ports.clock)
    server.shutdown()
    server.server_close()


def test_asked_in_the_room_approved_by_both_roles_and_taken_down(local_teams, mastodon):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    status = mastodon.add_status("Printers? Who needs them.")
    assert opener.say(f"crisis takedown {status['url']}", room.id).status_code == 200
    card_id = next(i for i, a in room.activities.items() if a.get("attachments")
                   and "Printers? Who needs them." in str(a))
    lea, maria = local_teams.person("comms"), local_teams.person("legal")
    assert lea.click(room.id, card_id, "Approve take-down").status_code == 200
    assert mastodon.statuses
    answer = maria.click(room.id, card_id, "Approve take-down").json()["value"]
    assert "Taken down from Mastodon" in str(answer)
    with local_teams.bot.ports.uow() as uow:
        [takedown] = uow.takedowns.for_crisis(1)
    assert takedown.state is TakedownState.TAKEN_DOWN and not mastodon.statuses
