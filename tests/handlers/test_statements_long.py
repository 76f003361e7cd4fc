"""A statement longer than one Slack text box (3,000 characters) is edited, corrected and drafted in parts that are
joined again on submit: its end is never cut off, and a submission missing a part saves nothing."""
import json
from datetime import UTC, datetime

import pytest

from crisis.statements.model import Statement, StatementVersion
from handlers import ids
from handlers.statements import blocks as statement_blocks
from sandbox.local_bot import SettableClock, start_local_bot, team_plan, team_plan_data
from tests.handlers.flows import last_view
from tests.handlers.test_statements import card, draft, room, select, statements_of

LONG = "\n\n".join(f"Paragraph {i}: we are reviewing every order placed since Monday and will refund in full."
                   for i in range(45)) + "\n\nContact press@acme.example for interviews. — {organisation}"

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def bot(uow_factory, sleeps):
    def made(users):
        statements = team_plan_data(users)["statements"]
        statements = statements | {"templates": statements["templates"] | {"release": {"name": "Press release",
                                                                                        "text": LONG}}}
        return team_plan(users, statements=statements)
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=made, sleep=sleeps.append)
    yield local
    local.stop()
    assert local.executor.failures == []


def text_parts(view):
    return [(b["block_id"], b["element"]) for b in view["blocks"] if b["block_id"].startswith(ids.TEXT_BLOCK)]


def submitted(parts, change=lambda n, text: text):
    return {block: {ids.TEXT_INPUT: change(n, element["initial_value"])} for n, (block, element) in enumerate(parts)}


@pytest.mark.parametrize("text", [
    LONG,
    " ".join(["refund"] * 6000),  # one paragraph
    "x" * 40_000,  # no place to break at all
    ("Line one of many.\n" * 700).strip(),
])
def test_a_long_text_is_split_into_boxes_slack_takes_and_joined_back_exactly(text):
    statement = Statement(1, "press", "U1", T0, versions=[StatementVersion(1, text, "U1", T0)])
    view = statement_blocks.edit_modal(statement, {"statement": 1})
    parts = text_parts(view)
    assert len(parts) > 1 and len(view["blocks"]) <= 100
    assert all(e["max_length"] == 3000 and len(e["initial_value"]) <= statement_blocks.PART_SIZE for _, e in parts)
    values = {block: {ids.TEXT_INPUT: {"type": "plain_text_input", "value": e["initial_value"]}} for block, e in parts}
    assert statement_blocks.submitted_text(values, json.loads(view["private_metadata"])) == text


def test_a_long_statement_is_edited_in_parts_and_saved_whole(bot):
    channel = room(bot)
    draft(bot, channel, who="comms", text="", template="release", target="press")
    [statement] = statements_of(bot)
    whole = statement.current.text
    assert len(whole) > 3000
    bot.click("comms", channel, card(bot, channel)["ts"], ids.EDIT)
    view = last_view(bot)
    parts = text_parts(view)
    assert len(parts) == 2 and "part 1 of 2" in json.dumps(view["blocks"][0]["label"])
    bot.submit("comms", view["id"], submitted(parts, lambda n, text: text.replace("Paragraph 0", "Paragraph zero")
                                              if n == 0 else text))
    [statement] = statements_of(bot)
    assert statement.current.number == 2
    assert statement.current.text == whole.replace("Paragraph 0", "Paragraph zero")


def test_a_submission_missing_a_part_of_the_text_saves_nothing(bot):
    channel = room(bot)
    draft(bot, channel, who="comms", text="", template="release", target="press")
    bot.click("comms", channel, card(bot, channel)["ts"], ids.EDIT)
    view = last_view(bot)
    first = text_parts(view)[:1]
    _status, body = bot.submit("comms", view["id"], submitted(first))
    answer = json.loads(body)
    assert answer["response_action"] == "errors" and "nothing was saved" in answer["errors"][ids.TEXT_BLOCK]
    [statement] = statements_of(bot)
    assert statement.current.number == 1 and len(statement.current.text) > 3000


def test_a_correction_of_a_long_statement_starts_from_all_of_it(bot):
    channel = room(bot)
    draft(bot, channel, who="lead", text="", template="release", target="press")
    bot.click("legal", channel, card(bot, channel)["ts"], ids.APPROVE)
    bot.click("comms", channel, card(bot, channel)["ts"], ids.APPROVE)
    [original] = statements_of(bot)
    bot.click("lead", channel, card(bot, channel)["ts"], ids.CORRECT)
    view = last_view(bot)
    bot.submit("lead", view["id"], submitted(text_parts(view), lambda n, text: text.replace("in full", "in full, today")))
    correction = statements_of(bot)[-1]
    assert correction.amends == original.id
    assert correction.current.text == original.current.text.replace("in full", "in full, today")


def test_a_draft_from_a_long_message_keeps_all_of_it(bot):
    channel = room(bot)
    message = LONG.replace("{organisation}", "Acme")
    ts = bot.sandbox.add_message(channel, message, bot.users["legal"])
    bot.slack.message_shortcut(bot.users["lead"], channel, ts, ids.DRAFT_SHORTCUT)
    bot.settle()
    view = last_view(bot)
    bot.submit("lead", view["id"], submitted(text_parts(view)) | {
        ids.TARGET_BLOCK: {ids.TARGET_INPUT: select("press")}, ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: select(None)},
        ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": None}}})
    [statement] = statements_of(bot)
    assert statement.current.text == message
