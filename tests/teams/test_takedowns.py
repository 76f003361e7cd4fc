"""Take-downs on Teams: `crisis takedown <url>` in the room posts the approval card; Approve by the comms lead and
legal (the statements' rule) removes the post once; the clicked card shows the outcome."""
from __future__ import annotations

import pytest

from crisis.takedowns.model import TakedownState
from publishers.mastodon_posts import MastodonPosts
from tests.teams.conftest import wired
from tests.teams.post_actions import approvers, asked_in_room, card_holding, of_crisis

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


@pytest.fixture
def local_teams(teams_sandbox, teams_plan, uow_factory, engine, mastodon):
    removers = {"mastodon": ("Mastodon", MastodonPosts(mastodon.url, mastodon.token))}
    with wired(teams_sandbox, teams_plan, uow_factory, engine, removers=removers) as local:
        yield local


def test_asked_in_the_room_approved_by_both_roles_and_taken_down(local_teams, mastodon):
    _, room, _ = asked_in_room(local_teams, mastodon, "takedown", "Printers? Who needs them.")
    card_id = card_holding(room, "Printers? Who needs them.")
    lea, maria = approvers(local_teams)
    assert lea.click(room.id, card_id, "Approve take-down").status_code == 200
    assert mastodon.statuses
    answer = maria.click(room.id, card_id, "Approve take-down").json()["value"]
    assert "Taken down from Mastodon" in str(answer)
    [takedown] = of_crisis(local_teams, lambda uow: uow.takedowns)
    assert takedown.state is TakedownState.TAKEN_DOWN and not mastodon.statuses



def test_take_down_link_asks_for_the_crisis_of_the_room_it_is_clicked_in(local_teams, mastodon):
    """The crisis card's [Take down this post] names its crisis; the same click sent from a 1:1 chat asks nothing."""
    posted = mastodon.add_status("our ad")
    opener = local_teams.person("opener")
    opener.say("crisis open Ad")
    chat = local_teams.sandbox.state.personal_chat(opener.id)
    form_id = next(iter(chat.activities))
    opener.click(chat.id, form_id, "Open crisis", inputs={"severity": "SEV2", "kind": "other", "link": posted["url"]})
    answer = opener.send({"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {
        "type": "Action.Execute", "verb": "take_down_link", "data": {"value": "1"}}}}, chat.id)
    assert "works in a crisis channel" in str(answer.json())
    assert of_crisis(local_teams, lambda uow: uow.takedowns) == []
