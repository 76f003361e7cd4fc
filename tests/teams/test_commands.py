"""The rest of the `/crisis` commands as messages to the bot in the crisis room, each through Slack's use case,
and the update reminder of the same tick, posted in the room with the comms lead mentioned (Teams notifies her)."""
from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

import teams
from crisis.i18n import en, nl
from teams.commands import COMMANDS
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _last(room):
    activity = list(room.activities.values())[-1]
    return activity, ("\n".join(card_lines(activity["attachments"][0]["content"])) if activity.get("attachments")
                      else activity.get("text", ""))


def test_the_update_reminder_mentions_the_comms_lead_and_an_update_resets_it(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    room = _room(state)
    lea = local_teams.person("comms")
    local_teams.clock.advance(minutes=61)
    assert local_teams.bot.tick().update_reminders == 1
    reminder = next(a for a in room.activities.values() if "no update in the last" in a.get("text", ""))
    assert "<at>Lea Novak</at>" in reminder["text"] and "`crisis update <text>`" in reminder["text"]
    assert reminder["entities"] == [{"type": "mention", "text": "<at>Lea Novak</at>",
                                     "mentioned": {"id": lea.id, "name": "Lea Novak"}}]
    assert lea.say("crisis update Printer replaced; no injuries.", room.id).status_code == 200
    assert any("Printer replaced; no injuries." in a.get("text", "") for a in room.activities.values())
    local_teams.clock.advance(minutes=59)
    assert local_teams.bot.tick().update_reminders == 0, "the update reset the cadence"
    with local_teams.bot.ports.uow() as uow:
        assert any(e.data.get("text") == "Printer replaced; no injuries." for e in uow.timeline.for_crisis(1))


def test_note_severity_assign_timeline_and_started_in_the_room(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    room = _room(state)
    dana, jo = local_teams.person("lead"), local_teams.person("social")
    dana.say("crisis note Press called at 10:00", room.id)
    assert _last(room)[1] == "Note added to the timeline."
    jo.say("crisis severity SEV1", room.id)
    assert "Only the crisis lead" in _last(room)[1], "refused, nothing changed"
    dana.say("crisis severity SEV1", room.id)
    assert "Severity is now SEV1" in _last(room)[1]
    dana.say("crisis assign legal @maria", room.id)
    assert "email" in _last(room)[1]
    dana.say("crisis assign social_media sam@acme.example", room.id)
    assert "Sam Carter now holds the role Social-media manager" in _last(room)[1]
    started = local_teams.clock.now() - timedelta(hours=2)
    dana.say(f"crisis started {started:%Y-%m-%d %H:%M} UTC", room.id)
    assert "The impact start is now" in _last(room)[1]
    dana.say("crisis timeline", room.id)
    activity, text = _last(room)
    assert "Press called at 10:00" in text and "SEV1" in text and "Sam Carter" in text
    with local_teams.bot.ports.uow() as uow:
        crisis = uow.crises.get(1)
        assert crisis.severity == "SEV1" and crisis.role("social_media").user_id == local_teams.person("comms_backup").id
    dana.say("crisis launch", room.id)
    assert _last(room)[1] == "`crisis launch` is not a command I know. Type `crisis help` for the list of commands."


def test_help_lists_every_command_teams_answers_in_both_languages_and_drill_and_schedule_among_them(local_teams):
    for messages in (en.MESSAGES, nl.MESSAGES):
        listed = set(re.findall(r"`/crisis ([a-z]+)", messages["help.text"]))
        assert listed == set(COMMANDS), "the help and the Teams commands name the same commands"
    jo = local_teams.person("social")
    assert jo.say("crisis help").status_code == 200
    said = "\n".join(a.get("text", "") for a in local_teams.sandbox.state.personal_chat(jo.id).activities.values())
    assert "`crisis drill [type] [replay=<recording>]`" in said and "`crisis schedule <target>" in said


def test_the_manifests_command_list_names_commands_teams_answers_within_teams_limits():
    manifest = json.loads((Path(teams.__file__).parent / "manifest" / "manifest.json").read_text())
    [listed] = manifest["bots"][0]["commandLists"]
    assert len(listed["commands"]) <= 10, "Teams shows at most 10 commands per list"
    for command in listed["commands"]:
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
        assert command["title"].removeprefix("crisis ") in COMMANDS
    assert {"crisis drill", "crisis schedule"} <= {c["title"] for c in listed["commands"]}


def test_a_leading_mention_of_the_bot_is_dropped_and_a_person_mentioned_in_a_note_keeps_their_name(local_teams):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    dana = local_teams.person("lead")
    bot = {"id": f"28:{local_teams.sandbox.state.app_id}", "name": "crisisbot"}
    maria = {"id": local_teams.person("legal").id, "name": "Maria Rossi"}
    dana.send({"type": "message", "text": "<at>crisisbot</at> crisis note Called <at>Maria Rossi</at> about the recall",
               "recipient": bot, "entities": [{"type": "mention", "text": "<at>crisisbot</at>", "mentioned": bot},
                                              {"type": "mention", "text": "<at>Maria Rossi</at>", "mentioned": maria}]},
              room.id)
    dana.say("crisis note <at>Jo Kim</at> posts the FAQ", room.id)
    with local_teams.bot.ports.uow() as uow:
        notes = [e.data.get("text") for e in uow.timeline.for_crisis(1) if e.kind.value == "note"]
    assert notes == ["Called Maria Rossi about the recall", "Jo Kim posts the FAQ"]


def test_assign_names_a_person_by_a_plain_email_who_has_an_enabled_account(local_teams):
    state = local_teams.sandbox.state
    _open(local_teams)
    room = _room(state)
    dana = local_teams.person("lead")
    gone = state.add_user("left@acme.example", "Left Company")
    state.users[gone]["accountEnabled"] = False
    dana.say("crisis assign social_media left@acme.example", room.id)
    assert "cannot hold a role" in _last(room)[1]
    for ref in (f"x@y/../../teams/team-1/channels/{room.id}", "x@y.example/../../users/left@acme.example",
                "x@y.example?$select=id", "x@y.example#a"):
        before = len(state.calls)
        dana.say(f"crisis assign social_media {ref}", room.id)
        assert "Say which role and whose email" in _last(room)[1]
        assert not [c for c in state.calls[before:] if c[1].startswith("/v1.0/")], "nothing typed reaches Graph"
    dana.say("crisis assign social_media nobody@acme.example", room.id)
    assert "Nobody in this organisation has the email nobody@acme.example" in _last(room)[1]
    with local_teams.bot.ports.uow() as uow:
        holder = uow.crises.get(1).role("social_media").user_id
    assert holder == local_teams.person("social").id, "a disabled, unknown or forged address changes nothing"
    people = local_teams.bot.ports.chat
    assert people.is_person(local_teams.person("comms").id) is True
    state.fail("GET", "/v1.0/users/", 503, times=10)
    assert people.is_person(local_teams.person("comms").id) is None, "Graph did not answer: not held up"
