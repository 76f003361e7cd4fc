"""Teams commands that answer with a form card: `crisis draft` alone (a template of the plan), `crisis brief` (the
employee briefing for the all-staff target, #13 point 7) and `crisis accounts` (the account register, admins and
the security lead only); each form's submit calls the same use case as Slack's modal."""
from __future__ import annotations

import pytest

from crisis.plan import ALL_STAFF_TARGET
from crisis.plan_parsing import parse_plan
from crisis.prevention.guards import where
from sandbox.local_bot import team_plan_data
from teams_sandbox.cards import card_lines
from tests.teams.conftest import ANNOUNCE, PEOPLE
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

STAFF = "19:all-staff@thread.tacv2"
SECURITY = "19:security@thread.tacv2"


@pytest.fixture
def teams_plan():
    users = {key: email for key, (email, _) in PEOPLE.items()}
    return parse_plan(team_plan_data(users, announce=ANNOUNCE, chat="teams", admins=[users["lead"]], statements={
        "publish_channel": "19:statements@thread.tacv2", "all_staff_channel": STAFF, "templates": {"holding": {
            "name": "Holding statement", "text": "We are aware of {title}. More soon. — {organisation}"}}},
        prevention={"security_channel": SECURITY, "security_lead": "crisis_lead", "accounts": [
            {"platform": "x", "handle": "@acmecoffee", "owner": users["social"], "two_factor": True,
             "credential": "1Password / Social / X", "access": [users["social"]]}]}))


def _form(room):
    """The newest form card the bot answered a command with, and its activity id."""
    activity_id, activity = list(room.activities.items())[-1]
    return activity_id, activity["attachments"][0]["content"]


def _inputs(card):
    return {e["id"]: e for e in card["body"] if str(e.get("type")).startswith("Input.")}


def test_draft_alone_answers_with_the_form_and_its_template_makes_the_draft(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    sam = local_teams.person("comms_backup")
    assert sam.say("crisis draft", room.id).status_code == 200
    form_id, form = _form(room)
    fields = _inputs(form)
    assert fields["target"]["value"] == "x" and [c["value"] for c in fields["template"]["choices"]] == ["holding"]
    with local_teams.bot.ports.uow() as uow:
        assert uow.statements.for_crisis(1) == [], "the form alone drafts nothing"
    done = sam.click(room.id, form_id, "Post for approval", inputs={"template": "holding", "text": ""}).json()
    assert "Statement #1 is posted in the room for approval." in " ".join(card_lines(done["value"]))
    with local_teams.bot.ports.uow() as uow:
        (statement,) = uow.statements.for_crisis(1)
    assert statement.current.text == "We are aware of Printer fire. More soon. — Acme Coffee"
    assert statement.author == sam.id and statement.target == "x"
    assert any("[Approve]" in "\n".join(card_lines(a["attachments"][0]["content"])) for a in room.activities.values()
               if a.get("attachments")), "the statement's card asks for approval in the room"


def test_brief_starts_the_all_staff_draft_with_the_briefing(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    dana = local_teams.person("lead")
    dana.say("crisis brief", room.id)
    form_id, form = _form(room)
    fields = _inputs(form)
    assert fields["target"]["value"] == ALL_STAFF_TARGET
    assert "What happened" in fields["text"]["value"] and "Printer fire" in fields["text"]["value"]
    dana.click(room.id, form_id, "Post for approval")
    with local_teams.bot.ports.uow() as uow:
        (statement,) = uow.statements.for_crisis(1)
    assert statement.target == ALL_STAFF_TARGET and statement.current.text == fields["text"]["value"]
    jo = local_teams.person("social")
    jo.say("crisis brief", _room(local_teams.sandbox.state).id)
    assert "outside Acme" in "\n".join(card_lines(_form(room)[1])), "anyone in the room may start one"


def test_accounts_is_for_admins_and_saves_an_entry_or_returns_the_form_with_what_to_change(local_teams):
    state = local_teams.sandbox.state
    jo, dana = local_teams.person("social"), local_teams.person("lead")
    jo.say("crisis accounts")
    refusal = list(state.personal_chat(jo.id).activities.values())[-1]
    assert "Only a plan admin or the security lead" in refusal["text"]
    dana.say("crisis accounts")
    chat = state.personal_chat(dana.id)
    form_id, form = _form(chat)
    shown = "\n".join(card_lines(form))
    assert "X / Twitter @acmecoffee: owner jo@acme.example, 2FA on, 1 with access" in shown, "the register so far"
    assert _inputs(form)["owner"]["choices.data"]["dataset"] == "graph.microsoft.com/users", "the people picker"
    entry = {"platform": "instagram", "handle": "acme coffee", "owner": jo.id, "two_factor": "on",
             "credential": "1Password / Social / Instagram", "access": f"{jo.id},{dana.id}"}
    again = dana.click(chat.id, form_id, "Save", inputs=entry).json()["value"]
    assert "Write the account's handle without spaces" in " ".join(card_lines(again))
    assert _inputs(again)["credential"]["value"] == "1Password / Social / Instagram", "nothing typed is lost"
    saved = dana.click(chat.id, form_id, "Save", inputs={**entry, "handle": "acme.coffee"}).json()["value"]
    assert "Saved Instagram acme.coffee in the account register." in " ".join(card_lines(saved))
    with local_teams.bot.ports.uow() as uow:
        (account,) = uow.accounts.all()
    assert (account.owner, account.two_factor, account.access) == (jo.id, True, (jo.id, dana.id))
    dana.say("crisis accounts")
    assert "Instagram acme.coffee: owner Jo Kim, 2FA on, 2 with access" in "\n".join(card_lines(_form(chat)[1])), \
        "a person picked on Teams (an Entra object id) is named"


def test_a_teams_channel_in_the_prevention_plan_is_a_channel_not_a_person(local_teams):
    assert where(SECURITY, local_teams.bot.ports) == SECURITY
    assert where(PEOPLE["lead"][0], local_teams.bot.ports) == local_teams.person("lead").id
