"""The core flow on Teams, through the same use cases as Slack: `crisis open` as a message, the open form,
the crisis channel with its card, pages with Acknowledge in 1:1 chats (the app installed for people who never
spoke to the bot) and the page's card updated in place; the group-chat fallback when Channel.Create is missing."""
from __future__ import annotations

import json

from crisis.statements.ports import ScheduledMessages
from teams_sandbox.cards import activity_lines, card_lines
from tests.teams.conftest import ANNOUNCE


def _open(local_teams, title="Printer fire"):
    opener = local_teams.person("opener")
    assert opener.say(f"crisis open {title}").status_code == 200
    chat = local_teams.sandbox.state.personal_chat(opener.id)
    form_id, form = next(iter(chat.activities.items()))
    card = form["attachments"][0]["content"]
    assert any(e.get("id") == "title" and e.get("value") == title for e in card["body"])
    response = opener.click(chat.id, form_id, "Open crisis", inputs={"severity": "SEV2", "kind": "other"})
    assert response.status_code == 200
    return opener, response.json()


def _room(state):
    return next(c for c in state.conversations.values() if c.kind in ("channel", "groupChat") and c.id != ANNOUNCE)


def _cards(conversation):
    return ["\n".join(card_lines(a["attachments"][0]["content"])) for a in conversation.activities.values()
            if a.get("attachments")]


def test_open_page_and_acknowledge_in_place(local_teams):
    state = local_teams.sandbox.state
    opener, answer = _open(local_teams)
    assert answer["type"] == "application/vnd.microsoft.card.adaptive"
    assert "is open" in " ".join(card_lines(answer["value"]))
    room = _room(state)
    assert room.kind == "channel" and room.name.startswith("crisis-")
    text = _cards(room)[0]
    assert "Printer fire" in text and "Dana Reyes" in text and "SEV2" in text

    lea = local_teams.person("comms")
    assert lea.user["app_installed"], "the app was installed for her through Graph to page her"
    dm = state.personal_chat(lea.id)
    page_id, page = next(iter(dm.activities.items()))
    assert "[Acknowledge]" in card_lines(page["attachments"][0]["content"])[-1]
    response = lea.click(dm.id, page_id, "Acknowledge")
    assert response.status_code == 200
    assert "Comms lead is acknowledged" in " ".join(card_lines(response.json()["value"]))
    updated = "\n".join(card_lines(dm.activities[page_id]["attachments"][0]["content"]))
    assert "Acknowledge]" not in updated, "the page's card is updated in place, without its button"
    assert ("PUT", f"/v3/conversations/{dm.id}/activities/{page_id}", 200) in state.calls
    with local_teams.bot.ports.uow() as uow:
        crisis = uow.crises.get(1)
        assert crisis.role("comms_lead").acked_by == lea.id
        assert crisis.opened_by == opener.id and crisis.channel_id == room.id
    room_page = next(i for i, a in room.activities.items() if a.get("attachments") and lea.user["displayName"] in
                     "\n".join(card_lines(a["attachments"][0]["content"])) and "Comms lead" in
                     "\n".join(card_lines(a["attachments"][0]["content"])) and i != next(iter(room.activities)))
    assert "Acknowledge]" not in "\n".join(card_lines(room.activities[room_page]["attachments"][0]["content"]))


def test_without_channel_create_the_room_is_a_group_chat_that_says_why(local_teams):
    state = local_teams.sandbox.state
    state.granted.discard("Channel.Create")
    _open(local_teams)
    room = _room(state)
    assert room.kind == "groupChat"
    first = next(iter(room.activities.values()))
    assert "Channel.Create" in first["text"]
    assert {local_teams.person("comms").id, local_teams.person("legal").id} <= room.members
    assert any("Printer fire" in "\n".join(card_lines(a["attachments"][0]["content"]))
               for a in room.activities.values() if a.get("attachments"))


def test_a_person_the_bot_cannot_reach_is_named_and_the_rest_goes_on(local_teams):
    state = local_teams.sandbox.state
    state.granted.discard("TeamsAppInstallation.ReadWriteForUser.All")
    _open(local_teams)
    room = _room(state)
    pages = [a for a in room.activities.values() if "[Acknowledge]" in "\n".join(
        card_lines(a["attachments"][0]["content"]) if a.get("attachments") else [])]
    assert len(pages) >= 4, "every role holder is paged in the room even when their 1:1 chat cannot be made"
    assert not local_teams.person("comms").user["app_installed"]


def test_a_person_without_a_licence_is_named_in_the_room_once_and_their_page_posted_once(local_teams):
    state = local_teams.sandbox.state
    maria = local_teams.person("legal")
    maria.user["licensed"] = False
    _open(local_teams)
    for _ in range(4):  # the 1:1 chat is tried again (a partly delivered page); the room's copy stands
        local_teams.clock.advance(seconds=45)
        local_teams.bot.tick()
    room = _room(state)
    said = ["\n".join(activity_lines(a)) for a in room.activities.values()]
    assert sum("@Maria Rossi cannot be reached directly" in text for text in said) == 1, "named, mentioned"
    pages = [a for a in room.activities.values() if a.get("attachments") and "Maria Rossi: you are paged" in
             "\n".join(card_lines(a["attachments"][0]["content"]))]
    assert len(pages) == 1, "the room's copy is not sent again with each try of the 1:1 chat"


def test_a_stale_or_unknown_click_is_refused_and_changes_nothing(local_teams):
    opener = local_teams.person("opener")
    chat = local_teams.sandbox.state.personal_chat(opener.id)
    activity = {"type": "invoke", "name": "adaptiveCard/action",
                "value": {"action": {"type": "Action.Execute", "verb": "acknowledge_page", "data": {"value": "999"}}}}
    answer = opener.send(activity, chat.id).json()
    assert "no longer exists" in " ".join(card_lines(answer["value"]))
    activity["value"]["action"]["verb"] = "launch_missiles"
    assert "not one I know" in " ".join(card_lines(opener.send(activity, chat.id).json()["value"]))



def test_close_by_the_lead_updates_the_card_and_a_stale_click_is_refused(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    room = _room(state)
    card_id = next(i for i, a in room.activities.items() if a.get("attachments"))
    jo = local_teams.person("social")
    assert jo.say("crisis close Sorted", room.id).status_code == 200
    assert "Only the crisis lead" in list(room.activities.values())[-1]["text"], "refused, told in the room"
    dana = local_teams.person("lead")
    assert dana.say("crisis close Printer replaced, statement out.", room.id).status_code == 200
    assert "Printer replaced" in "\n".join(card_lines(room.activities[card_id]["attachments"][0]["content"]))
    lea = local_teams.person("comms")
    dm = state.personal_chat(lea.id)
    page_id = next(iter(dm.activities))
    answer = lea.click(dm.id, page_id, "Acknowledge").json()["value"]
    assert "closed" in " ".join(card_lines(answer))
    with local_teams.bot.ports.uow() as uow:
        crisis = uow.crises.get(1)
        assert not crisis.is_open and crisis.role("comms_lead").acked_at is None


def test_teams_has_no_scheduled_brand_posts_so_the_close_offers_none(local_teams):
    assert not isinstance(local_teams.bot.ports.chat, ScheduledMessages)
    state = local_teams.sandbox.state
    _open(local_teams)
    dana = local_teams.person("lead")
    assert dana.say("crisis close Printer replaced.", _room(state).id).status_code == 200
    with local_teams.bot.ports.uow() as uow:
        assert not uow.crises.get(1).is_open and uow.paused_posts.for_crisis(1) == []
    said = [json.dumps(a) for c in state.conversations.values() for a in c.activities.values()]
    assert not any("Resume" in text for text in said), "no Resume / Discard card on Teams"


def test_the_message_extension_opens_a_crisis_from_its_dialog(local_teams):
    opener = local_teams.person("opener")
    chat = local_teams.sandbox.state.personal_chat(opener.id).id
    task = opener.send({"type": "invoke", "name": "composeExtension/fetchTask",
                        "value": {"commandId": "openCrisis", "commandContext": "compose"}}, chat).json()
    form = task["task"]["value"]["card"]["content"]
    assert form["actions"][0]["type"] == "Action.Submit"
    done = opener.send({"type": "invoke", "name": "composeExtension/submitAction", "value": {
        "commandId": "openCrisis", "data": {"title": "Ad backlash", "severity": "SEV3", "kind": "other"}}}, chat)
    assert "is open" in " ".join(card_lines(done.json()["task"]["value"]["card"]["content"]))
    with local_teams.bot.ports.uow() as uow:
        assert uow.crises.get(1).title == "Ad backlash"


def test_an_unanswered_page_escalates_to_the_backup_through_the_same_tick(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    omar = local_teams.person("lead_backup")
    assert not state.personal_chat(omar.id).activities
    local_teams.clock.advance(minutes=11)
    local_teams.bot.tick()
    page = "\n".join(card_lines(next(iter(state.personal_chat(omar.id).activities.values()))["attachments"][0][
        "content"]))
    assert "[Acknowledge]" in page and "Crisis lead" in page


def test_a_rate_limited_page_is_sent_again_after_its_retry_after(local_teams):
    state = local_teams.sandbox.state
    lea = local_teams.person("comms")
    dm = state.personal_chat(lea.id)
    state.fail("POST", f"/v3/conversations/{dm.id}/activities", 429, retry_after=30, times=1)
    _open(local_teams)
    assert not dm.activities, "the 1:1 copy was refused (429); the room's copy landed"
    local_teams.clock.advance(seconds=31)
    local_teams.bot.tick()
    assert any("[Acknowledge]" in "\n".join(card_lines(a["attachments"][0]["content"])) for a in dm.activities.values())
