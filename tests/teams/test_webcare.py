"""Webcare on Teams: `crisis reply <url>` in a SEV2 room answers with the reply form (the post's markdown escaped);
Send records the reply; Approve by the comms lead and legal sends it once as a reply on Mastodon; an account marked
with `crisis donotengage` is refused; a Send forged outside the room asks for nothing there."""
from __future__ import annotations

import pytest

from crisis.plan_parsing import parse_plan
from crisis.webcare.model import Line, PostSeen, ReplyState
from crisis.webcare.services import ReplyForm
from publishers.replies import MastodonReplies
from teams.cards import CardRenderer, TeamsStyle
from teams.webcare import reply_form
from sandbox.local_bot import team_plan_data
from tests.teams.conftest import ANNOUNCE, PEOPLE, wired
from teams_sandbox.people import TeamsPerson
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


@pytest.fixture
def direct_teams(teams_sandbox, uow_factory, engine, mastodon):
    """Replies go out without approval below SEV1, and a SEV2 room is private."""
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, statements={}, chat="teams", webcare={
        **WEBCARE, "approval_from_severity": "SEV1"}, private_rooms={"severities": ["SEV2"]}))
    repliers = {"mastodon": ("Mastodon", MastodonReplies(mastodon.url, mastodon.token))}
    with wired(teams_sandbox, plan, uow_factory, engine, repliers=repliers) as local:
        yield local


def test_a_send_names_no_room_so_one_forged_from_a_1_1_chat_asks_nothing_of_the_room(direct_teams, mastodon):
    state = direct_teams.sandbox.state
    state.add_user("eve@acme.example", "Eve Outsider")
    eve = TeamsPerson(direct_teams.sandbox, "eve@acme.example", direct_teams.url)
    _, room = crisis_room(direct_teams)
    assert eve.id not in room.members
    status = mastodon.add_status("your printers are a scam", acct="jane")
    forged = {"url": status["url"], "channel": room.id, "line": "sorry", "text": "refunds at https://evil.example"}
    answer = eve.send({"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {
        "type": "Action.Execute", "verb": "send_reply", "data": forged}}}, state.personal_chat(eve.id).id)
    assert answer.status_code == 200
    assert of_crisis(direct_teams, lambda uow: uow.replies) == []
    assert not [s for s in mastodon.statuses if s.get("in_reply_to_id")]


def test_reply_form_sent_approved_by_both_roles_and_sent_once(local_teams, mastodon):
    opener, room, status = asked_in_room(local_teams, mastodon, "reply", "**Printers** are a _scam_", acct="jane")
    form_id = card_holding(room, "Apology")
    texts = [b.get("text", "") for b in room.activities[form_id]["attachments"][0]["content"]["body"]]
    assert "\\*\\*Printers\\*\\* are a \\_scam\\_" in texts
    [send] = room.activities[form_id]["attachments"][0]["content"]["actions"]
    assert send["data"] == {"url": status["url"]}, "Send names the post; the room is where it is clicked"
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


def test_a_drills_reply_form_says_it_is_a_drill_and_nothing_is_sent():
    form = ReplyForm("https://social.example/@jane/1", "Mastodon", PostSeen("@jane", "refund?", "https://x"),
                     (Line("sorry", "Apology", "{author} sorry!"),), needs_approval=False, drill=True)
    said = " ".join(block.get("text", "") for block in reply_form(CardRenderer(TeamsStyle({}.get)), form)["body"])
    assert "This is a drill: nothing is sent to the person" in said and "as soon as you send" not in said
