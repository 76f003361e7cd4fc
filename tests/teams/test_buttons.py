"""Every button a card can carry has a verb on Teams, and the ones Slack alone answered before work as there: Show
full text of a long statement (in its room only), Retry publishing, an offboarding alert's Revoked and an access
review's Keep / Remove."""
from __future__ import annotations

import pytest

from crisis.i18n import t
from crisis.plan_parsing import parse_plan
from crisis.prevention import offboarding
from crisis.prevention import services as prevention
from crisis.statements.model import StatementState
from crisis.views import Action
from sandbox.local_bot import team_plan_data
from teams.actions import VERBS
from teams_sandbox.cards import card_lines
from tests.teams.conftest import ANNOUNCE, PEOPLE, wired
from tests.teams.test_flows import _open
from tests.teams.test_statements import _statement

STATEMENTS = "19:statements@thread.tacv2"
SECURITY = "19:security@thread.tacv2"


def test_every_action_a_card_can_carry_has_a_verb():
    assert sorted(a.value for a in Action if a.value not in VERBS) == []


@pytest.fixture
def local_teams(teams_sandbox, uow_factory, engine):
    """Statements publish to a Teams channel; the security lead is the crisis lead; X's access is reviewed."""
    users = {key: email for key, (email, _) in PEOPLE.items()}
    plan = parse_plan(team_plan_data(users, announce=ANNOUNCE, chat="teams", admins=[users["lead"]],
                                     statements={"publish_channel": STATEMENTS},
                                     prevention={"security_channel": SECURITY, "security_lead": "crisis_lead",
                                                 "accounts": [{"platform": "x", "handle": "@acmecoffee",
                                                               "owner": users["social"], "two_factor": True,
                                                               "credential": "1Password / Social / X",
                                                               "access": [users["social"], users["opener"],
                                                                          users["comms"]]}]}))
    teams_sandbox.state.add_conversation(SECURITY, "security", "channel", bot_present=True)
    with wired(teams_sandbox, plan, uow_factory, engine) as local:
        yield local


def _room(state):
    return next(c for c in state.conversations.values() if c.kind in ("channel", "groupChat")
                and c.id not in (ANNOUNCE, SECURITY, STATEMENTS))


def _lines(answer) -> str:
    return "\n".join(card_lines(answer.json()["value"]))


@pytest.mark.one_database
def test_show_full_text_shows_the_whole_statement_in_its_room_only(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    lea = local_teams.person("comms")
    text = "".join(f"Sentence {n} of our apology. " for n in range(900))
    lea.say(f"crisis draft x {text}", room.id)
    statement_id, card = _statement(room)
    assert text not in "".join(card_lines(card["attachments"][0]["content"]))
    before = len(room.activities)
    shown = lea.click(room.id, statement_id, t("statement.show_full"))
    cards = [shown.json()["value"], *(a["attachments"][0]["content"] for a in list(room.activities.values())[before:])]
    assert len(cards) == 2, "25,000 characters take two cards of at most 24 KB"
    assert all(card_lines(c)[0] == "Statement #1 v1" for c in cards)
    assert "".join(line for c in cards for line in card_lines(c)[1:] if not line.startswith("[")) == text.strip()
    back = lea.click(room.id, statement_id, t("modal.close"), card=shown.json()["value"])
    assert t("statement.approve") in str(back.json()["value"])
    forged = {"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {
        "type": "Action.Execute", "verb": Action.SHOW_STATEMENT.value, "data": {"value": "1:1"}}}}
    jo = local_teams.person("social")
    elsewhere = jo.send(forged, local_teams.sandbox.state.personal_chat(jo.id).id)
    assert "Sentence" not in str(elsewhere.json()) and t("error.unknown_statement") in _lines(elsewhere)
    for verb in ("statement_seen", Action.EDIT_STATEMENT.value):  # the text, read from outside its room
        forged["value"]["action"]["verb"] = verb
        elsewhere = jo.send(forged, local_teams.sandbox.state.personal_chat(jo.id).id)
        assert "Sentence" not in str(elsewhere.json()) and t("error.unknown_statement") in _lines(elsewhere)


@pytest.mark.one_database
def test_retry_publishing_publishes_an_approved_statement_that_failed(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    room = _room(state)
    local_teams.person("opener").say("crisis draft x We are aware.", room.id)
    statement_id, _ = _statement(room)
    for person in ("comms", "legal"):
        local_teams.person(person).click(room.id, statement_id, t("statement.approve"))
    with local_teams.bot.ports.uow() as uow:
        assert uow.statements.for_crisis(1)[0].state is StatementState.APPROVED, "no statements channel yet"
    state.add_conversation(STATEMENTS, "statements", "channel", bot_present=True)
    answer = local_teams.person("social").click(room.id, statement_id, t("statement.retry"))
    assert answer.status_code == 200 and t("statement.retry") not in _lines(answer)
    with local_teams.bot.ports.uow() as uow:
        assert uow.statements.for_crisis(1)[0].state is StatementState.PUBLISHED
    assert any("We are aware." in str(a) for a in state.conversation(STATEMENTS).activities.values())


@pytest.mark.one_database
def test_an_offboarding_is_revoked_and_an_access_review_answered_with_their_buttons(local_teams):
    state, ports = local_teams.sandbox.state, local_teams.bot.ports
    alex, jo, dana = (local_teams.person(k) for k in ("opener", "social", "lead"))
    prevention.tick(ports=ports)  # the review round, while everyone on the access list is still here
    review_chat = state.personal_chat(jo.id)
    [review_id] = [i for i, a in review_chat.activities.items() if t("review.keep_button") in str(a)]
    kept = jo.click(review_chat.id, review_id, t("review.keep_button"))
    assert "Recorded:" in _lines(kept)
    removed = jo.click(review_chat.id, review_id, t("review.remove_button"), card=kept.json()["value"])
    assert "Recorded:" in _lines(removed)
    with ports.uow() as uow:
        [review] = [uow.reviews.lock(1)]
        assert sorted(d["keep"] for d in review.decisions.values()) == [False, True]

    assert offboarding.person_left(alex.id, "alex@acme.example", ports=ports) is not None
    [alert_id] = [i for i, a in state.conversation(SECURITY).activities.items() if a.get("attachments")
                  and t("offboarding.revoke_button") in str(a)]
    refused = local_teams.person("legal").click(SECURITY, alert_id, t("offboarding.revoke_button"))
    assert "Only the security lead" in _lines(refused)
    revoked = dana.click(SECURITY, alert_id, t("offboarding.revoke_button"))
    assert "Recorded: access to X / Twitter @acmecoffee revoked." in _lines(revoked)
    with ports.uow() as uow:
        assert list(uow.offboardings.lock(1).revoked) == ["x:@acmecoffee"]
