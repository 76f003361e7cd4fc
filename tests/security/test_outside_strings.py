"""Every outside string is safe where it is shown: links only to http(s) URLs that cannot break out of the link,
every text capped to Slack's limits (Slack accepts every call, however long and hostile the input), and a
statement too long for its card marked as cut, with the whole text one click away and approvals bound to the
version shown."""
import copy
import json
import re
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crisis.i18n import msg
from handlers import ids
from handlers.block_kit import cut, link
from sandbox.blockkit import block_errors
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from sandbox.slack_user import block_actions_body
from tests.handlers.flows import OPEN_VALUES, last_view, replies_to
from tests.handlers.mention_stream import (
    SPIKE_AT,
    START,
    monitor_plan_section,
    write_stream,
)

HOSTILE = "<!channel> &amp; <@U0CRISISBOT> <https://evil.example|Your bank> *b* `c` &<>| é😡 "
"""Slack markup a person (or a feed) could type: a ping, an entity, a mention, a spoofed link."""
SPOOF_URL = "https://evil.example/a|Your-bank-login"
"""Passes the open modal's check (http(s), no spaces or angle brackets) but would relabel a raw link."""


def hostile(length: int) -> str:
    return (HOSTILE * (length // len(HOSTILE) + 1))[:length]


def markup_sent(bot) -> list[str]:
    """Every text the bot sent that Slack reads as markup: message texts and mrkdwn text objects (Web API calls
    and response_url replies); plain_text and input values are shown as typed."""
    def walk(value, top=False):
        if isinstance(value, dict):
            if value.get("type") == "mrkdwn" or (top and isinstance(value.get("text"), str)):
                yield value["text"]
            for inner in value.values():
                yield from walk(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner)
    return [text for sent in [c.args for c in bot.sandbox.calls] + [r["body"] for r in bot.sandbox.responses()]
            for text in walk(sent, top=True)]


def assert_slack_accepted_everything(bot) -> None:
    bot.settle()
    refused = [(c.method, c.response.get("error"), c.response.get("response_metadata"))
               for c in bot.sandbox.calls if not c.response.get("ok")]
    assert refused == []
    assert not any("something went wrong on our side" in r for r in replies_to_everyone(bot))
    for text in markup_sent(bot):
        assert "<!channel>" not in text and "<https://evil.example|" not in text


def replies_to_everyone(bot) -> list[str]:
    return [json.dumps(m) for m in bot.sandbox.ephemeral_messages()]


def open_hostile_crisis(bot) -> str:
    bot.command("opener", "open " + hostile(400), "general")
    values = dict(OPEN_VALUES)
    values[ids.TITLE_BLOCK] = {ids.TITLE_INPUT: hostile(150)}
    values[ids.DESCRIPTION_BLOCK] = {ids.DESCRIPTION_INPUT: hostile(3000)}
    values[ids.LINK_BLOCK] = {ids.LINK_INPUT: {"type": "url_text_input", "value": SPOOF_URL}}
    status, body = bot.submit("opener", last_view(bot)["id"], values)
    assert status == 200, body
    return [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")][-1].response["channel"]["id"]


def select(value):
    return {"type": "static_select", "selected_option": {"value": value}}


def draft(bot, channel, text, who="lead", target="press"):
    bot.command(who, "draft " + text[:3000], channel)
    values = {ids.TARGET_BLOCK: {ids.TARGET_INPUT: select(target)}, ids.TEXT_BLOCK: {ids.TEXT_INPUT: text}}
    status, body = bot.submit(who, last_view(bot)["id"], values)
    assert status == 200, body


def statement_card(bot, channel):
    return [m for m in bot.sandbox.messages(channel) if ids.APPROVE in json.dumps(m)
            or ids.SHOW_STATEMENT in json.dumps(m) or "*Statement #" in m.get("text", "")][-1]


def full_text(bot, channel, who="legal") -> str:
    """Click the card's Show full text; the text of the modal that opens."""
    bot.click(who, channel, statement_card(bot, channel)["ts"], ids.SHOW_STATEMENT)
    view = last_view(bot)
    assert view["callback_id"] == ids.FULL_TEXT_MODAL
    return "".join(block["text"]["text"] for block in view["blocks"])


def statement_of(bot):
    with bot.ports.uow() as uow:
        return uow.statements.get(1)


# --- the link and capping helpers ------------------------------------------------------------


def test_a_link_cannot_break_out_ping_or_relabel():
    label = msg("warning.link")
    assert link("https://x.example/a|b<!channel>&c=1>", label) == "<https://x.example/a%7Cb%3C!channel%3E&amp;c=1%3E|open>"
    assert link("https://x.example/ü v", label) == "<https://x.example/%C3%BC%20v|open>"
    for not_web in ("javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.example", "https://", " https://x.example"):
        shown = link(not_web, label)
        assert "<" not in shown.replace("&lt;", "") and "|" not in shown


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "<", ">", "&", "|", "@", "!", "#", "h", "amp;", "lt;", "<@U1>",
                                  "<!date^1^{time}|x y>", "<https://x.example|a b>", "\n", "😡"]), max_size=60)
       .map("".join), st.integers(min_value=2, max_value=80))
def test_cut_fits_marks_the_cut_and_never_splits_markup(text, limit):
    shown = cut(text, limit)
    assert len(shown) <= limit
    if shown != text:
        assert shown.endswith("…")
        head = shown[:-1]
        assert not re.search(r"<(?:[@#!]|https?:)[^<>]*$", head) and not re.search(r"&(?:a|am|amp|l|lt|g|gt)?$", head)


# --- end to end: hostile input of maximal length everywhere, and Slack accepts every call ----------------


def test_a_crisis_full_of_hostile_maximal_text_is_accepted_by_slack_everywhere(bot):
    channel = open_hostile_crisis(bot)
    card = json.dumps(bot.sandbox.messages(channel)[0])
    assert "<https://evil.example/a%7CYour-bank-login|Link to what happened>" in card
    for command in ("note " + hostile(3000), "update " + hostile(3000), "timeline", "status",
                    "severity " + hostile(200), "assign " + hostile(300), "started " + hostile(300),
                    hostile(300), "help"):
        bot.command("lead", command, channel)
    bot.command("comms", "press", channel)
    bot.submit("comms", last_view(bot)["id"], {
        ids.OUTLET_BLOCK: {ids.OUTLET_INPUT: hostile(200)}, ids.CONTACT_BLOCK: {ids.CONTACT_INPUT: hostile(200)},
        ids.QUESTION_BLOCK: {ids.QUESTION_INPUT: hostile(3000)},
        ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": int(
            (bot.clock.now() + timedelta(hours=2)).timestamp())}}})
    draft(bot, channel, hostile(3000))
    inquiry = next(m for m in bot.sandbox.messages(channel) if ids.ANSWER_INQUIRY in json.dumps(m))
    bot.click("comms", channel, inquiry["ts"], ids.ANSWER_INQUIRY)
    bot.click("legal", channel, statement_card(bot, channel)["ts"], ids.REQUEST_CHANGES)
    bot.submit("legal", last_view(bot)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: hostile(3000)}})
    bot.click("lead", channel, statement_card(bot, channel)["ts"], ids.EDIT)
    bot.submit("lead", last_view(bot)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: hostile(40_000)}})
    assert full_text(bot, channel) == hostile(40_000)
    bot.clock.advance(hours=3)
    bot.tick()
    bot.command("lead", "close", channel)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: hostile(3000)}})
    dm = bot.sandbox.dm_channel(bot.users["comms"])
    invitation = next(m for m in bot.sandbox.messages(dm) if ids.DEBRIEF_START in json.dumps(m))
    bot.click("comms", dm, invitation["ts"], ids.DEBRIEF_START)
    questionnaire = last_view(bot)
    answers = {"went_well": {"went_well": hostile(3000)}, "response_speed": {"response_speed": select("4")}}
    for row in range(ids.FOLLOW_UP_ROWS):
        answers[ids.follow_up_block(row, "text")] = {"text": hostile(3000)}
    bot.submit("comms", questionnaire["id"], answers)
    bot.click("comms", dm, invitation["ts"], ids.DEBRIEF_START)  # the questionnaire again, with those answers
    bot.command("comms", "followups", channel)
    bot.command("lead", "debrief", channel)
    assert_slack_accepted_everything(bot)


def test_a_statement_too_long_for_its_card_says_so_and_shows_the_whole_text_in_one_click(bot):
    channel = open_hostile_crisis(bot)
    text = "We are sorry. " * 399 + "We are sorry."  # 5,599 characters: more than one section holds
    draft(bot, channel, text)
    section = next(b for b in statement_card(bot, channel)["blocks"] if b.get("accessory", {}).get("action_id")
                   == ids.SHOW_STATEMENT)
    assert "The text is cut here" in section["text"]["text"] and f"of {len(text)} characters shown" in \
        section["text"]["text"]
    assert full_text(bot, channel) == text
    assert_slack_accepted_everything(bot)


def test_a_short_statement_of_markup_characters_is_cut_visibly_too(bot):
    channel = open_hostile_crisis(bot)
    text = "&<>" * 900  # 2,700 characters, 8,100 once escaped for Slack
    draft(bot, channel, text)
    card = json.dumps(statement_card(bot, channel))
    assert "The text is cut here" in card and ids.SHOW_STATEMENT in card
    assert full_text(bot, channel) == text
    assert_slack_accepted_everything(bot)


def test_a_statement_that_fits_is_shown_whole_without_the_button(bot):
    channel = open_hostile_crisis(bot)
    draft(bot, channel, "We are sorry & we fixed it <today>.")
    card = statement_card(bot, channel)
    assert [b["text"]["text"] for b in card["blocks"] if b.get("text", {}).get("text", "").startswith(">")] == [
        "> We are sorry &amp; we fixed it &lt;today&gt;."]
    assert ids.SHOW_STATEMENT not in json.dumps(card) and "cut here" not in json.dumps(card)


def test_approving_a_version_no_longer_on_the_card_is_refused_and_approvals_name_their_version(bot):
    channel = open_hostile_crisis(bot)
    draft(bot, channel, "Version one.")
    first = copy.deepcopy(statement_card(bot, channel))
    bot.click("lead", channel, first["ts"], ids.EDIT)
    bot.submit("lead", last_view(bot)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Version two."}})
    approve = next(e for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]
                   if e["action_id"] == ids.APPROVE)
    assert approve["value"] == "1:1"
    stale = block_actions_body(bot.users["legal"], [{"action_id": ids.APPROVE, "block_id": "statement-1",
                                                     "value": approve["value"]}],
                               team_id=bot.sandbox.team_id, trigger_id=bot.sandbox.issue_trigger_id(),
                               channel_id=channel, message=first,
                               response_url=bot.sandbox.response_url(bot.users["legal"], channel))
    assert bot.slack.post(stale)[0] == 200
    bot.settle()
    assert any("version" in r for r in replies_to(bot, "legal"))
    assert statement_of(bot).approvals == []
    bot.click("legal", channel, statement_card(bot, channel)["ts"], ids.APPROVE)
    assert [(a.user, a.version) for a in statement_of(bot).approvals] == [(bot.users["legal"], 2)]
    # the full text of the old card is still the text of version 1, whatever came after
    assert full_text_of(bot, channel, first) == "Version one."


def full_text_of(bot, channel, message) -> str:
    button = {"action_id": ids.SHOW_STATEMENT, "block_id": "x", "value": "1:1"}
    body = block_actions_body(bot.users["legal"], [button], team_id=bot.sandbox.team_id,
                              trigger_id=bot.sandbox.issue_trigger_id(bot.users["legal"]), channel_id=channel,
                              message=message, response_url=bot.sandbox.response_url(bot.users["legal"], channel))
    assert bot.slack.post(body)[0] == 200
    bot.settle()
    return "".join(b["text"]["text"] for b in last_view(bot)["blocks"])


def test_show_full_text_of_a_statement_of_another_channel_is_refused(bot):
    channel = open_hostile_crisis(bot)
    draft(bot, channel, "Internal only.")
    general = bot.sandbox.channel_by_name("general")["id"]
    opened = len(bot.sandbox.views_opened())
    assert full_text_of_elsewhere(bot, general) == 200
    assert len(bot.sandbox.views_opened()) == opened
    assert any("no longer exists" in r for r in replies_to(bot, "social"))


def full_text_of_elsewhere(bot, channel) -> int:
    user = bot.users["social"]
    body = block_actions_body(user, [{"action_id": ids.SHOW_STATEMENT, "block_id": "x", "value": "1:1"}],
                              team_id=bot.sandbox.team_id, trigger_id=bot.sandbox.issue_trigger_id(user),
                              channel_id=channel, message={"ts": "1.1", "blocks": []},
                              response_url=bot.sandbox.response_url(user, channel))
    status = bot.slack.post(body)[0]
    bot.settle()
    return status


def test_the_sandbox_refuses_what_slack_refuses():
    too_long = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}
    assert block_errors([too_long])
    assert block_errors([{"type": "section", "fields": [{"type": "mrkdwn", "text": "x" * 2001}]}])
    assert block_errors([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}])
    assert block_errors([{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}])
    assert block_errors([{"type": "actions", "elements": [
        {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "x" * 76}}]}])
    assert block_errors([{"type": "input", "label": {"type": "plain_text", "text": "x"}, "element": {
        "type": "plain_text_input", "action_id": "a", "max_length": 10, "initial_value": "x" * 11}}])
    assert block_errors([{"type": "input", "label": {"type": "plain_text", "text": "x"}, "element": {
        "type": "static_select", "action_id": "a", "options": [
            {"text": {"type": "plain_text", "text": "x"}, "value": "v" * 151}]}}])
    assert block_errors([{"type": "divider"}] * 51)


# --- mentions from outside: feeds and webhooks write the authors, texts and links of spike warnings ----------


def test_a_spike_of_hostile_mentions_is_posted_escaped_and_accepted(uow_factory, tmp_path):
    path = write_stream(tmp_path / "mentions.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    for n, row in enumerate(rows):
        if row["created_at"] >= SPIKE_AT.isoformat().replace("+00:00", "Z"):
            row.update(author=hostile(2000), text="acme boycott " + hostile(6000),
                       url=(SPOOF_URL + "<!channel>", "javascript:alert(1)", "https://x.example/" + "é" * 1990)[n % 3])
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    bot = start_local_bot(uow_factory, clock=SettableClock(START),
                          plan=lambda users: team_plan(users, monitor=monitor_plan_section(path)),
                          tokens={"PUSH_TOKEN": "push-secret"})
    try:
        bot.poll("replay")
        while bot.clock.now() < SPIKE_AT + timedelta(minutes=20):
            bot.clock.current = min(bot.clock.now() + timedelta(hours=6), SPIKE_AT - timedelta(minutes=5)) \
                if bot.clock.now() < SPIKE_AT - timedelta(minutes=5) else bot.clock.now() + timedelta(minutes=5)
            bot.poll("replay")
            bot.monitor_tick()
        alerts = bot.sandbox.channel_by_name("brand-alerts")["id"]
        warnings = [m for m in bot.sandbox.messages(alerts) if ids.LABEL_MENTION in json.dumps(m)]
        assert warnings
        assert "evil.example/a%7CYour-bank-login%3C!channel%3E|open>" in json.dumps(warnings)
        assert "javascript:" not in json.dumps(warnings)
        assert_slack_accepted_everything(bot)
        assert bot.executor.failures == []
    finally:
        bot.stop()
