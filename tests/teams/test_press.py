"""The press desk on Teams: `crisis press` answers with the inquiry form, the inquiry is logged by the same use
case as Slack's modal and its card posted in the room; Answer offers the approved statements and marks the
inquiry answered, the card updated in place; before any statement is approved, Answer says so and changes nothing."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.i18n import voice
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room
from tests.teams.test_statements import _statement

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _text(activity):
    return "\n".join(card_lines(activity["attachments"][0]["content"])) if activity.get("attachments") else \
        activity.get("text", "")


def test_an_inquiry_is_logged_from_its_form_and_answered_with_an_approved_statement(local_teams):
    opener, _ = _open(local_teams)
    room = _room(local_teams.sandbox.state)
    jo = local_teams.person("social")
    jo.say("crisis press", room.id)
    form_id = list(room.activities)[-1]
    deadline = (local_teams.clock.now() + timedelta(hours=3)).astimezone(voice.team().zone)
    done = jo.click(room.id, form_id, "Log inquiry", inputs={
        "outlet": "Daily Bugle", "question": "Was anyone hurt?", "deadline_day": f"{deadline:%Y-%m-%d}",
        "deadline_time": f"{deadline:%H:%M}"}).json()["value"]
    assert "Inquiry from Daily Bugle logged" in " ".join(card_lines(done))
    inquiry_id = next(i for i, a in room.activities.items() if "Was anyone hurt?" in _text(a))
    assert "[Answer with a statement]" in _text(room.activities[inquiry_id])
    with local_teams.bot.ports.uow() as uow:
        (inquiry,) = uow.inquiries.for_crisis(1)
    assert inquiry.deadline == deadline.replace(second=0, microsecond=0)

    none_yet = jo.click(room.id, inquiry_id, "Answer with a statement").json()["value"]
    assert "No statement of this crisis is approved yet" in " ".join(card_lines(none_yet))
    opener.say("crisis draft x Nobody was hurt.", room.id)
    statement_id, _ = _statement(room)
    for key in ("comms", "legal"):
        local_teams.person(key).click(room.id, statement_id, "Approve")
    choose = jo.click(room.id, inquiry_id, "Answer with a statement").json()["value"]
    (choice,) = next(e for e in choose["body"] if e.get("id") == "statement")["choices"]
    assert choice == {"title": "#1 X / Twitter: Nobody was hurt.", "value": "1"}
    room.activities["choose"] = {"attachments": [{"content": choose}]}
    answer = jo.click(room.id, "choose", "Answer").json()["value"]
    assert "was answered with statement #1" in " ".join(card_lines(answer))
    assert "[Answer with a statement]" not in _text(room.activities[inquiry_id]), "updated in place"
    with local_teams.bot.ports.uow() as uow:
        (inquiry,) = uow.inquiries.for_crisis(1)
        assert inquiry.statement_id == 1 and inquiry.answered_at is not None
