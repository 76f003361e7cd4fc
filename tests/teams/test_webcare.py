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
from tests.teams.test_flows import _open, _room

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
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    status = mastodon.add_status("**Printers** are a _scam_", acct="jane")
    assert opener.say(f"crisis reply {status['url']}", room.id).status_code == 200
    form_id = next(i for i, a in room.activities.items() if a.get("attachments") and "Apology" in str(a))
    texts = [b.get("text", "") for b in room.activities[form_id]["attachments"][0]["content"]["body"]]
    assert "\\*\\*Printers\\*\\* are a \\_scam\\_" in texts
    assert opener.click(room.id, form_id, "Send reply", inputs={"line": "sorry", "text": ""}).status_code == 200
    card_id = next(i for i, a in room.activities.items() if a.get("attachments") and "Approve reply" in str(a))
    lea, maria = local_teams.person("comms"), local_teams.person("legal")
    assert lea.click(room.id, card_id, "Approve reply").status_code == 200
    assert not [s for s in mastodon.statuses if s.get("in_reply_to_id")]
    answer = maria.click(room.id, card_id, "Approve reply").json()["value"]
    assert "Sent on Mastodon" in str(answer)
    with local_teams.bot.ports.uow() as uow:
        [reply] = uow.replies.for_crisis(1)
    assert reply.state is ReplyState.SENT
    assert [(s["in_reply_to_id"], s["content"]) for s in mastodon.statuses if s.get("in_reply_to_id")] == [
        (status["id"], "@jane sorry!")]


def test_an_account_marked_do_not_engage_is_refused(local_teams, mastodon):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    lead = local_teams.person("lead")
    assert lead.say("crisis donotengage @troll", room.id).status_code == 200
    before = len(room.activities)
    opener.say(f"crisis reply {mastodon.add_status('lol', acct='troll')['url']}", room.id)
    assert "is marked do not engage" in str(list(room.activities.values())[before:])
    assert not any("Apology" in str(a) for a in list(room.activities.values())[before:])
