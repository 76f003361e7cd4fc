"""Webcare on Teams: `crisis reply <url>` in a SEV2 room answers with the reply form (the post's markdown escaped);
Send records the reply; Approve by the comms lead and legal sends it once as a reply on Mastodon; an account marked
with `crisis donotengage` is refused."""
from __future__ import annotations

import pytest

from crisis.plan_parsing import parse_plan
from crisis.webcare.model import ReplyState
from publishers.replies import MastodonReplies
from sandbox.local_bot import team_plan_data
from tests.teams.conftest import ANNOUNCE, PEOPLE, wired
from tests.teams.post_actions import approvers, asked_in_room, card_holding, crisis_room, of_crisis

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

WEBCARE = {"approval_from_severity": "SEV2", "lines": {"sorry": {"name": "Apology", "text": "{author} sorry!"}}}


@pytest.fixture
def local_teams(teams_sandbox, uow_factory, engine, mastodon):
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, statements={}, chat="teams", webcare=WEBCARE))
    repliers = {"mastodon": ("Mastodon", MastodonReplies(mastodon.url, mastodon.token))}
    with wired(teams_sandbox, plan, uow_factory, engine, repliers=repliers) as local:
        yield local


def test_reply_form_sent_approved_by_both_roles_and_sent_once(local_teams, mastodon):
    opener, room, status = asked_in_room(local_teams, mastodon, "reply", "**Printers** are a _scam_", acct="jane")
    form_id = card_holding(room, "Apology")
    texts = [b.get("text", "") for b in room.activities[form_id]["attachments"][0]["content"]["body"]]
    assert "\\*\\*Printers\\*\\* are a \\_scam\\_" in texts
    assert opener.click(room.id, form_id, "Send reply", inputs={"line": "sorry", "text": ""}).status_code == 200
    card_id = card_holding(room, "Approve reply")
    lea, maria = approvers(local_teams)
    assert lea.click(room.id, card_id, "Approve reply").status_code == 200
    assert not [s for s in mastodon.statuses if s.get("in_reply_to_id")]
    answer = maria.click(room.id, card_id, "Approve reply").json()["value"]
    assert "Sent on Mastodon" in str(answer)
    [reply] = of_crisis(local_teams, lambda uow: uow.replies)
    assert reply.state is ReplyState.SENT
    assert [(s["in_reply_to_id"], s["content"]) for s in mastodon.statuses if s.get("in_reply_to_id")] == [
        (status["id"], "@jane sorry!")]


def test_an_account_marked_do_not_engage_is_refused(local_teams, mastodon):
    opener, room = crisis_room(local_teams)
    lead = local_teams.person("lead")
    assert lead.say("crisis donotengage @troll", room.id).status_code == 200
    before = len(room.activities)
    opener.say(f"crisis reply {mastodon.add_status('lol', acct='troll')['url']}", room.id)
    assert "is marked do not engage" in str(list(room.activities.values())[before:])
    assert not any("Apology" in str(a) for a in list(room.activities.values())[before:])
