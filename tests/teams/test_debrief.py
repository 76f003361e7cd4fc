"""The debrief on Teams: the invitation in each participant's 1:1 chat, Start debrief as the questionnaire card,
answers (with a follow-up, its owner picked from the directory) saved by the same use case as Slack's modal and
shown again next time; a refused answer comes back in the form; after the deadline the card is refused."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.debrief.model import QuestionKind
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _closed_and_invited(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    local_teams.person("lead").say("crisis close Printer replaced.", room.id)
    local_teams.bot.tick()
    maria = local_teams.person("legal")
    chat = local_teams.sandbox.state.personal_chat(maria.id)
    invitation = next(i for i, a in chat.activities.items() if a.get("attachments") and "[Start debrief]" in
                      card_lines(a["attachments"][0]["content"]))
    return maria, chat, invitation


def test_the_questionnaire_is_answered_in_a_card_and_shown_again(local_teams):
    maria, chat, invitation = _closed_and_invited(local_teams)
    form = maria.click(chat.id, invitation, "Start debrief").json()["value"]
    ids = {e.get("id"): e for e in form["body"] if e.get("id")}
    assert ids["response_speed"]["type"] == "Input.ChoiceSet" and ids["went_well"]["type"] == "Input.Text"
    assert ids["follow_up_0_owner"]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    chat.activities["form"] = {"attachments": [{"content": form}]}
    sam = local_teams.person("comms_backup")
    saved = maria.click(chat.id, "form", "Save answers", inputs={
        "went_well": "Fast pages", "response_speed": "4", "follow_up_0_text": "Train backups",
        "follow_up_0_owner": sam.id, "follow_up_0_due": "2030-01-15"}).json()["value"]
    assert "your answers are saved" in " ".join(card_lines(saved))
    with local_teams.bot.ports.uow() as uow:
        (response,) = uow.debriefs.responses(1)
        (follow_up,) = uow.follow_ups.for_crisis(1)
    assert response.user == maria.id and response.answers["went_well"] == "Fast pages"
    assert response.answers["response_speed"] == 4
    assert (follow_up.text, follow_up.owner, follow_up.due.date().isoformat()) == ("Train backups", sam.id,
                                                                                   "2030-01-15")
    again = maria.click(chat.id, invitation, "Start debrief").json()["value"]
    values = {e.get("id"): e.get("value") for e in again["body"] if e.get("id")}
    assert values["went_well"] == "Fast pages" and values["response_speed"] == "4"
    assert values["follow_up_0_owner"] == sam.id and values["follow_up_0_due"] == "2030-01-15"


def test_a_refused_answer_comes_back_in_the_form_and_a_late_card_is_refused(local_teams):
    maria, chat, invitation = _closed_and_invited(local_teams)
    form = maria.click(chat.id, invitation, "Start debrief").json()["value"]
    chat.activities["form"] = {"attachments": [{"content": form}]}
    scale = next(q.key for q in local_teams.bot.ports.plan.debrief.questions if q.kind is QuestionKind.SCALE)
    back = maria.click(chat.id, "form", "Save answers", inputs={"went_well": "Kept", scale: "9"}).json()["value"]
    values = {e.get("id"): e.get("value") for e in back["body"] if e.get("id")}
    assert values["went_well"] == "Kept", "nothing typed is lost"
    assert any(e.get("color") == "Attention" for e in back["body"])
    local_teams.clock.advance(hours=49)
    late = maria.click(chat.id, "form", "Save answers", inputs={"went_well": "Late"}).json()["value"]
    assert "closed" in " ".join(card_lines(late)).lower()
    with local_teams.bot.ports.uow() as uow:
        assert uow.debriefs.responses(1) == []
    assert timedelta(hours=49) > local_teams.bot.ports.plan.debrief.deadline


def test_the_report_goes_to_the_channels_files_and_the_room_links_to_them(local_teams):
    _closed_and_invited(local_teams)
    local_teams.clock.advance(hours=49)
    local_teams.bot.tick()
    state = local_teams.sandbox.state
    room = _room(state)
    names = sorted(name for channel, name, _, _ in state.files.values() if channel == room.id)
    assert names == [f"{room.name}-report.{kind}" for kind in ("html", "md")], "no mentions: no chart"
    html, kind = next((content, kind) for _, name, content, kind in state.files.values() if name.endswith(".html"))
    assert b"Printer replaced." in html and kind == "text/html"
    card = next(a for a in room.activities.values() if a.get("attachments") and "debrief report" in
                "\n".join(card_lines(a["attachments"][0]["content"])))
    text = "\n".join(card_lines(card["attachments"][0]["content"]))
    assert f"(https://acme.sharepoint.example/sites/crisis/Shared%20Documents/{room.name}/{room.name}-report.html)" \
        in text
    with local_teams.bot.ports.uow() as uow:
        debrief = uow.debriefs.for_crisis(1)
        assert debrief.report_file_id in state.files and debrief.report_due_at is None


def test_without_file_permission_the_room_is_told_the_report_could_not_be_shared(local_teams):
    _closed_and_invited(local_teams)
    state = local_teams.sandbox.state
    state.granted.discard("Files.ReadWrite.All")
    local_teams.clock.advance(hours=49)
    local_teams.bot.tick()
    for _ in range(6):
        local_teams.clock.advance(hours=2)
        local_teams.bot.tick()
    room = _room(state)
    assert not state.files
    told = [a["text"] for a in room.activities.values() if "could not be uploaded" in a.get("text", "")]
    assert len(told) == 1 and "the app lacks a permission" in told[0]


def test_follow_ups_are_listed_and_done_by_their_owner_only(local_teams):
    maria, chat, invitation = _closed_and_invited(local_teams)
    form = maria.click(chat.id, invitation, "Start debrief").json()["value"]
    chat.activities["form"] = {"attachments": [{"content": form}]}
    sam = local_teams.person("comms_backup")
    maria.click(chat.id, "form", "Save answers", inputs={"follow_up_0_text": "Train backups",
                                                         "follow_up_0_owner": sam.id})
    sam.say("crisis followups")
    sams = local_teams.sandbox.state.personal_chat(sam.id)
    listing_id = list(sams.activities)[-1]
    assert "Train backups · Sam Carter" in "\n".join(card_lines(sams.activities[listing_id]["attachments"][0]["content"]))
    jo = local_teams.person("social")
    refused = jo.click(sams.id, listing_id, "Done").json()["value"]
    assert "Only its owner (Sam Carter)" in " ".join(card_lines(refused))
    done = sam.click(sams.id, listing_id, "Done").json()["value"]
    assert "Marked done: Train backups" in " ".join(card_lines(done))
    with local_teams.bot.ports.uow() as uow:
        (item,) = uow.follow_ups.for_crisis(1)
        assert item.done_by == sam.id


def test_a_follow_up_reworded_in_the_card_keeps_its_id(local_teams):
    maria, chat, invitation = _closed_and_invited(local_teams)

    def save(text):
        form = maria.click(chat.id, invitation, "Start debrief").json()["value"]
        chat.activities["form"] = {"attachments": [{"content": form}]}
        maria.click(chat.id, "form", "Save answers", inputs={"follow_up_0_text": text})
        with local_teams.bot.ports.uow() as uow:
            return [f for f in uow.follow_ups.for_crisis(1) if f.created_by == maria.id]

    (first,) = save("Train backups")
    with local_teams.bot.ports.uow() as uow:  # a later row: the edit cannot get the same id back by chance
        uow.follow_ups.add(replace(first, text="Someone else's", created_by="UOTHER", id=None))
        uow.commit()
    (again,) = save("Train the backups twice a year")
    assert (again.id, again.text) == (first.id, "Train the backups twice a year")
