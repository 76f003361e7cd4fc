"""End to end: the in-room commands, closing, and what happens with bad input or in the wrong place."""
import json

import pytest

from handlers import ids
from sandbox.slack_user import slash_command_body
from tests.handlers.flows import last_view, open_crisis, replies_to


def card_text(bot, channel_id):
    pin = bot.sandbox.pins(channel_id)[0]
    ts = pin["message"]["ts"] if "message" in pin else pin["ts"]
    return json.dumps(next(m for m in bot.sandbox.messages(channel_id) if m["ts"] == ts))


def mrkdwn_texts(value):
    """Every string Slack parses as mrkdwn (where a raw <!channel> would ping everyone)."""
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn" or isinstance(value.get("text"), str) and "type" not in value:
            yield value["text"]
        for child in value.values():
            yield from mrkdwn_texts(child)
    elif isinstance(value, list):
        for child in value:
            yield from mrkdwn_texts(child)


def timeline_kinds(bot, channel_id):
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        return [(e.kind.value, e.actor) for e in uow.timeline.for_crisis(crisis.id)]


def test_note_severity_assign_timeline_status_help(bot):
    channel = open_crisis(bot)["id"]
    bot.command("comms", "note Press desk got 3 calls", channel)
    bot.command("lead", "severity sev1", channel)
    bot.command("lead", f"assign legal <@{bot.users['comms_backup']}|sam>", channel)
    kinds = timeline_kinds(bot, channel)
    assert ("note", bot.users["comms"]) in kinds
    assert ("severity_changed", bot.users["lead"]) in kinds
    assert ("role_assigned", bot.users["lead"]) in kinds
    card = card_text(bot, channel)
    assert "SEV1" in card and bot.users["comms_backup"] in card
    bot.command("legal", "timeline", channel)
    assert any("Press desk got 3 calls" in r for r in replies_to(bot, "legal"))
    bot.command("legal", "status", channel)
    assert any("Offensive ad video" in r for r in replies_to(bot, "legal"))
    bot.command("legal", "help", channel)
    assert any("/crisis assign" in r for r in replies_to(bot, "legal"))
    bot.command("legal", "frobnicate", channel)
    assert any("not a command I know" in r for r in replies_to(bot, "legal"))


@pytest.mark.parametrize("gap", ["\n", "\t", "\u00a0", "  \n "])
def test_a_sub_command_followed_by_a_line_break_tab_or_no_break_space_is_understood(bot, gap):
    channel = open_crisis(bot)["id"]
    bot.command("comms", f"NOTE{gap}Press desk got 3 calls\nand 2 emails", channel)
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        notes = [e.data["text"] for e in uow.timeline.for_crisis(crisis.id) if e.kind.value == "note"]
    assert notes == ["Press desk got 3 calls and 2 emails"]
    assert not any("not a command I know" in r for r in replies_to(bot, "comms"))


def test_a_role_handed_to_someone_the_workspace_does_not_know_is_refused(bot):
    channel = open_crisis(bot)["id"]
    bot.command("lead", "assign legal <@UGHOST123|ghost>", channel)
    assert any("cannot hold a role" in r for r in replies_to(bot, "lead"))
    assert "role_assigned" not in [kind for kind, _ in timeline_kinds(bot, channel)]


def test_close_by_lead_updates_card_and_announces_duration(bot):
    channel = open_crisis(bot)["id"]
    bot.clock.advance(hours=2, minutes=5)
    bot.command("lead", "close", channel)
    view = last_view(bot)
    assert view["callback_id"] == ids.CLOSE_MODAL
    status, _ = bot.submit("lead", view["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Apology posted"}})
    assert status == 200
    assert "closed" in card_text(bot, channel) and "2 h 5 min" in card_text(bot, channel)
    announce = bot.sandbox.channel_by_name("crisis-announce")["id"]
    assert "2 h 5 min" in json.dumps(bot.sandbox.messages(announce))
    assert ("closed", bot.users["lead"]) in timeline_kinds(bot, channel)
    bot.command("lead", "note too late", channel)
    assert any("is closed" in r for r in replies_to(bot, "lead"))
    assert ("note", bot.users["lead"]) not in timeline_kinds(bot, channel)


def test_only_lead_or_opener_may_close(bot):
    channel = open_crisis(bot)["id"]
    views_before = len(bot.sandbox.views_opened())
    bot.command("legal", "close", channel)
    assert len(bot.sandbox.views_opened()) == views_before
    assert any("Only the crisis lead" in r for r in replies_to(bot, "legal"))


def test_empty_resolution_is_shown_in_the_modal(bot):
    channel = open_crisis(bot)["id"]
    bot.command("opener", "close", channel)
    status, body = bot.submit("opener", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "  "}})
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert ids.RESOLUTION_BLOCK in json.loads(body)["errors"]


def test_room_commands_outside_a_crisis_channel_explain_themselves(bot):
    for text in ("status", "note hello", "severity SEV1", "timeline", "close"):
        bot.command("legal", text, "general")
    answers = replies_to(bot, "legal")
    assert len(answers) == 5 and all("works in a crisis channel" in a for a in answers)


@pytest.mark.parametrize("title", ["", "x" * 10_000, "<!channel> & <@U123> hi", "🔥🚨🔥", "שלום עולם crisis"])
def test_hostile_or_odd_titles(bot, title):
    status, _ = bot.command("opener", f"open {title}", "general")
    assert status == 200
    view = last_view(bot)
    submitted = title if title.strip() else ""
    values = {ids.TITLE_BLOCK: {ids.TITLE_INPUT: submitted[:150]},
              ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV3"}}},
              ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "other"}}}}
    status, body = bot.submit("opener", view["id"], values)
    assert status == 200
    if not submitted:
        assert json.loads(body)["errors"][ids.TITLE_BLOCK].startswith("A crisis needs a title")
        return
    channel = [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")][-1].response["channel"]
    parsed = "\n".join(t for c in bot.sandbox.calls if c.method.startswith("chat.") for t in mrkdwn_texts(c.args))
    assert "<!channel>" not in parsed and "<@U123>" not in parsed
    if "<!channel>" in title:
        assert "&lt;!channel&gt;" in card_text(bot, channel["id"])
    if len(title) > 150:
        assert any("shortened" in r for r in replies_to(bot, "opener"))


def test_bad_or_stale_signature_is_refused_and_nothing_happens(bot):
    body = slash_command_body("/crisis", "help", bot.users["legal"], "C123", team_id="T1", trigger_id="1.2.x",
                              response_url="http://127.0.0.1:9/none")
    assert bot.slack.post(body, signature="v0=" + "0" * 64)[0] == 401
    assert bot.slack.post(body, timestamp=1_600_000_000)[0] == 401
    bot.settle()
    assert bot.sandbox.calls == []


def test_same_submission_delivered_twice_opens_one_channel(bot):
    bot.command("opener", "open Twice", "general")
    view = last_view(bot)
    values = {ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Twice"},
              ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV3"}}},
              ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "other"}}}}
    bot.submit("opener", view["id"], values)
    bot.submit("opener", view["id"], values, retry_num=1)
    assert len([c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]) == 1


def test_same_slash_command_delivered_twice_opens_one_modal_and_one_note(bot):
    channel = open_crisis(bot)["id"]
    opened = len(bot.sandbox.views_opened())
    body = slash_command_body("/crisis", "open Again", bot.users["opener"], "C0GENERAL", team_id="T1",
                              trigger_id=bot.sandbox.issue_trigger_id(bot.users["opener"]),
                              response_url=bot.sandbox.response_url(bot.users["opener"]))
    bot.slack.post(body)
    bot.slack.post(body, retry_num=1)
    bot.settle()
    assert len(bot.sandbox.views_opened()) == opened + 1
    note = slash_command_body("/crisis", "note once", bot.users["comms"], channel, team_id="T1",
                              trigger_id=bot.sandbox.issue_trigger_id(bot.users["comms"]),
                              response_url=bot.sandbox.response_url(bot.users["comms"]))
    bot.slack.post(note)
    bot.slack.post(note, retry_num=1)
    bot.settle()
    assert timeline_kinds(bot, channel).count(("note", bot.users["comms"])) == 1
