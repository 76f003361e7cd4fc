"""Statements on Teams under the same four-eyes rule: a draft from the crisis room, Approve by one role (still
waiting for the other), Reject with its note form; the statement's card in the room is updated in place."""
from __future__ import annotations

import pytest

from crisis.statements.model import StatementState
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _statement(room):
    return next((i, a) for i, a in room.activities.items()
                if a.get("attachments") and "[Approve]" in _cards_of(a))


def _cards_of(activity):
    return "\n".join(card_lines(activity["attachments"][0]["content"]))


def test_approve_then_reject_with_a_note(local_teams):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    assert opener.say("crisis draft x We are aware and looking into it.", room.id).status_code == 200
    statement_id, card = _statement(room)
    assert "We are aware and looking into it." in _cards_of(card)

    lea, maria = local_teams.person("comms"), local_teams.person("legal")
    assert lea.click(room.id, statement_id, "Approve").status_code == 200
    again = lea.click(room.id, statement_id, "Approve").json()["value"]
    assert "already" in str(again)
    form = maria.click(room.id, statement_id, "Reject").json()["value"]
    assert any(e.get("id") == "note" for e in form["body"])
    with local_teams.bot.ports.uow() as uow:
        statement = uow.statements.for_crisis(1)[0]
        assert statement.state is StatementState.PENDING, "the note form alone decides nothing"
    room.activities["form"] = {"attachments": [{"content": form}]}
    answer = maria.click(room.id, "form", "Send", inputs={"note": "Not before legal review."})
    assert answer.status_code == 200
    with local_teams.bot.ports.uow() as uow:
        statement = uow.statements.for_crisis(1)[0]
        assert statement.state is StatementState.REJECTED
        assert {a.user for a in statement.approvals} >= {lea.id, maria.id}
    assert "[Approve]" not in _cards_of(room.activities[statement_id]), "the room's card is updated in place"
    assert "rejected" in _cards_of(room.activities[statement_id])
    room.activities["old"] = {"attachments": [{"content": {"actions": [{"type": "Action.Execute", "title": "Reject",
                                                                      "verb": "reject_statement",
                                                                      "data": {"value": "1:1"}}]}}]}
    stale = lea.click(room.id, "old", "Reject").json()["value"]
    assert "rejected" in " ".join(card_lines(stale)), "an old card's button is refused, saying why"
    with local_teams.bot.ports.uow() as uow:
        assert any(e.data.get("note") == "Not before legal review." for e in uow.timeline.for_crisis(1))


def test_edit_makes_a_new_version_and_an_old_form_or_card_is_refused(local_teams):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    opener.say("crisis draft x We are aware.", room.id)
    statement_id, card = _statement(room)
    room.activities["v1"] = card
    lea = local_teams.person("comms")
    lea.click(room.id, statement_id, "Approve")
    form = opener.click(room.id, statement_id, "Edit").json()["value"]
    assert next(e for e in form["body"] if e.get("id") == "text")["value"] == "We are aware."
    room.activities["form"] = {"attachments": [{"content": form}]}
    answer = opener.click(room.id, "form", "Save new version", inputs={"text": "We are aware and sorry."})
    assert "We are aware and sorry." in " ".join(card_lines(answer.json()["value"]))
    assert "We are aware and sorry." in _cards_of(room.activities[statement_id]), "updated in place for everyone"
    with local_teams.bot.ports.uow() as uow:
        statement = uow.statements.for_crisis(1)[0]
        assert statement.current.number == 2 and statement.state is StatementState.PENDING
    again = opener.click(room.id, "form", "Save new version", inputs={"text": "Overwritten?"}).json()["value"]
    assert "now at version 2" in " ".join(card_lines(again))
    stale = lea.click(room.id, "v1", "Approve").json()["value"]
    assert "now at version 2" in " ".join(card_lines(stale))
    with local_teams.bot.ports.uow() as uow:
        statement = uow.statements.for_crisis(1)[0]
        assert statement.current.text == "We are aware and sorry." and len(statement.versions) == 2
        assert not [a for a in statement.approvals if a.version == 2], "the old card approved nothing"


def test_the_card_says_waiting_for_your_approval_to_those_it_waits_for(local_teams):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    opener.say("crisis draft x We are aware.", room.id)
    statement_id, card = _statement(room)
    lea, maria, jo = (local_teams.person(k) for k in ("comms", "legal", "social"))
    refresh = card["attachments"][0]["content"]["refresh"]
    assert refresh["action"]["verb"] == "statement_seen"
    assert sorted(refresh["userIds"]) == sorted(f"8:orgid:{p.id}" for p in (lea, maria))

    def seen_by(person):
        invoke = {"type": "invoke", "name": "adaptiveCard/action", "replyToId": statement_id,
                  "value": {"action": {"type": "Action.Execute", "verb": "statement_seen",
                                       "data": refresh["action"]["data"]}, "trigger": "automatic"}}
        return " ".join(card_lines(person.send(invoke, room.id).json()["value"]))

    assert "Waiting for **your** approval, as Legal" in seen_by(maria)
    assert "your" not in seen_by(jo) and "We are aware." in seen_by(jo)
    lea.click(room.id, statement_id, "Approve")
    after = room.activities[statement_id]["attachments"][0]["content"]["refresh"]
    assert after["userIds"] == [f"8:orgid:{maria.id}"], "the refreshed card lists only who it still waits for"
    assert "your" not in seen_by(lea)
