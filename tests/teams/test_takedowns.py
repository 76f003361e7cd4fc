"""Take-downs on Teams: `crisis takedown <url>` in the room posts the approval card; Approve by the comms lead and
legal (the statements' rule) removes the post once; the clicked card shows the outcome."""
from __future__ import annotations

import pytest

from crisis.takedowns.model import TakedownState
from publishers.mastodon_posts import MastodonPosts
from tests.teams.conftest import wired
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


@pytest.fixture
def local_teams(teams_sandbox, teams_plan, uow_factory, engine, mastodon):
    removers = {"mastodon": ("Mastodon", MastodonPosts(mastodon.url, mastodon.token))}
    with wired(teams_sandbox, teams_plan, uow_factory, engine, removers=removers) as local:
        yield local


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
