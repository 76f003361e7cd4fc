"""Correct / Retract of a published statement on Teams: the clicked card becomes the form (the original's text,
or the catalog's retraction notice), its submission drafts the same amendment as Slack's modal; someone who may
not amend is refused with a card and nothing is drafted."""
from __future__ import annotations

import pytest

from crisis.statements.model import Amendment, StatementState
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room
from tests.teams.test_statements import _statement

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _published(local_teams):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    opener.say("crisis draft x We are aware.", room.id)
    statement_id, _ = _statement(room)
    for person in ("comms", "legal"):
        local_teams.person(person).click(room.id, statement_id, "Approve")
    with local_teams.bot.ports.uow() as uow:
        assert uow.statements.for_crisis(1)[0].state is StatementState.PUBLISHED
    return opener, room, statement_id


def test_correct_opens_a_form_with_the_original_text_and_drafts_the_correction(local_teams):
    opener, room, statement_id = _published(local_teams)
    form = opener.click(room.id, statement_id, "Correct").json()["value"]
    assert next(e for e in form["body"] if e.get("id") == "text")["value"] == "We are aware."
    room.activities["form"] = {"attachments": [{"content": form}]}
    answer = opener.click(room.id, "form", form["actions"][0]["title"], inputs={"text": "We are aware and sorry."})
    assert answer.status_code == 200
    with local_teams.bot.ports.uow() as uow:
        original, draft = uow.statements.for_crisis(1)
        assert draft.amends == original.id and draft.amendment is Amendment.CORRECTION
        assert draft.current.text == "We are aware and sorry." and draft.state is StatementState.PENDING


def test_retract_prefills_the_notice_and_someone_not_allowed_is_refused(local_teams):
    opener, room, statement_id = _published(local_teams)
    refused = local_teams.person("social").click(room.id, statement_id, "Retract").json()["value"]
    assert "Only the author" in " ".join(card_lines(refused))
    with local_teams.bot.ports.uow() as uow:
        assert len(uow.statements.for_crisis(1)) == 1, "a refusal drafts nothing"
    form = opener.click(room.id, statement_id, "Retract").json()["value"]
    assert next(e for e in form["body"] if e.get("id") == "text")["value"].startswith("We have withdrawn")
    room.activities["form"] = {"attachments": [{"content": form}]}
    opener.click(room.id, "form", form["actions"][0]["title"], inputs={"text": "We withdraw it."})
    again = opener.click(room.id, statement_id, "Retract").json()["value"]
    assert "retract" in " ".join(card_lines(again)).lower() and not any(e.get("id") for e in again.get("body", []))
    with local_teams.bot.ports.uow() as uow:
        kinds = [s.amendment for s in uow.statements.for_crisis(1)]
        assert kinds == [None, Amendment.RETRACTION], "one retraction, the second click refused"
