"""End to end: `/crisis brief` opens the draft form on the all-staff target with the briefing's template; approved
under the plan's rule, it is posted once to the all-staff channel and on the timeline; and what goes wrong."""
import json

import pytest

from crisis.events import EventKind
from crisis.plan import ALL_STAFF_TARGET
from crisis.statements.model import StatementState
from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan, team_plan_data
from tests.handlers.flows import last_view, open_crisis, replies_to
from tests.handlers.test_statements import card, select


def staff_plan(users):
    data = team_plan_data(users)
    data["roles"]["customer_care"] = {"name": "Customer care", "primary": users["social"]}
    data["statements"]["all_staff_channel"] = "#all-staff"
    return team_plan(users, **data)


def briefing_bot(uow_factory, bot_is_member=True):
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=staff_plan)
    local.sandbox.add_channel("all-staff", bot_is_member=bot_is_member)
    return local


@pytest.fixture
def staff_bot(uow_factory):
    local = briefing_bot(uow_factory)
    yield local
    local.stop()
    assert local.executor.failures == []


def brief(bot, channel, who="social", added=""):
    """/crisis brief, then submit the form as it opened (with `added` at the end); returns the form and text."""
    status, _ = bot.command(who, "brief", channel)
    assert status == 200
    form = last_view(bot)
    [target, text] = [form["blocks"][0]["element"], next(b for b in form["blocks"]
                                                          if b["block_id"] == ids.TEXT_BLOCK)["element"]]
    values = {ids.TARGET_BLOCK: {ids.TARGET_INPUT: select(target["initial_option"]["value"])},
              ids.TEXT_BLOCK: {ids.TEXT_INPUT: text["initial_value"] + added},
              ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: select(None)},
              ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": None}}}
    status, body = bot.submit(who, form["id"], values)
    assert status == 200, body
    return form, text["initial_value"]


def approve_by_the_rule(bot, channel):
    for who in ("comms", "legal"):  # comms_lead AND legal
        bot.click(who, channel, card(bot, channel)["ts"], ids.APPROVE)


def statement_of(bot):
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(bot._channel)
        [statement] = uow.statements.for_crisis(crisis.id)
        return statement, [e.kind for e in uow.timeline.for_crisis(crisis.id)]


def test_brief_drafts_the_template_for_all_staff_and_posts_it_there_once_approved(staff_bot):
    bot = staff_bot
    channel = bot._channel = open_crisis(bot)["id"]
    form, text = brief(bot, channel, added="\n<!channel> & <@U999>")
    assert form["callback_id"] == ids.DRAFT_MODAL
    assert form["blocks"][0]["element"]["initial_option"]["value"] == ALL_STAFF_TARGET
    for expected in ("What happened: A video of our ad is going viral for the wrong reasons", "What not to say",
                     "to Lea Novak (Comms lead).", "refer them to Jo Kim (Customer care)."):
        assert expected in text
    assert "for All staff" in json.dumps(card(bot, channel))
    bot.click("social", channel, card(bot, channel)["ts"], ids.APPROVE)  # the author's approval never counts
    assert statement_of(bot)[0].state is StatementState.PENDING
    bot.click("comms", channel, card(bot, channel)["ts"], ids.APPROVE)
    bot.double_click("legal", channel, card(bot, channel)["ts"], ids.APPROVE)  # comms_lead AND legal: met, twice
    bot.tick()
    statement, events = statement_of(bot)
    assert statement.state is StatementState.PUBLISHED
    assert [m["text"] for m in bot.sandbox.messages("all-staff")] == [text + "\n&lt;!channel&gt; &amp; &lt;@U999&gt;"]
    assert bot.sandbox.messages("statements") == []  # never to the public statements channel
    assert EventKind.STATEMENT_PUBLISHED in events
    assert statement.published_ref.startswith("Slack #all-staff: ")


def test_without_an_all_staff_channel_the_person_is_told_which_plan_key_to_set(bot):
    channel = open_crisis(bot)["id"]
    opened = len(bot.sandbox.views_opened())
    status, _ = bot.command("social", "brief", channel)
    assert status == 200
    assert len(bot.sandbox.views_opened()) == opened
    assert any("statements.all_staff_channel" in r for r in replies_to(bot, "social"))


def test_the_bot_not_in_the_all_staff_channel_shows_on_the_card(uow_factory):
    bot = briefing_bot(uow_factory, bot_is_member=False)
    try:
        channel = bot._channel = open_crisis(bot)["id"]
        brief(bot, channel)
        approve_by_the_rule(bot, channel)
        statement, events = statement_of(bot)
        assert statement.state is StatementState.APPROVED
        assert "not_in_channel" in statement.publish_error
        assert "Not published yet" in json.dumps(card(bot, channel)) and "not_in_channel" in json.dumps(
            card(bot, channel))
        assert EventKind.STATEMENT_PUBLISH_FAILED in events
        assert bot.sandbox.messages("all-staff") == []
    finally:
        bot.stop()
    assert bot.executor.failures == []
