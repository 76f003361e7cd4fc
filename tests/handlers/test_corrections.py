"""End to end: Correct and Retract on a published statement's card, each through the same approval, then applied
once to the published Slack message (edited, then deleted); both on the timeline."""
import json

from crisis.events import EventKind
from crisis.statements.model import Amendment, StatementState
from handlers import ids
from tests.handlers.flows import last_view, replies_to
from tests.handlers.test_statements import card, draft, published_messages, room, statements_of

FIXED = "We are sorry. We pulled the ad & we talk to nurses' groups today."


def publish(bot, channel):
    draft(bot, channel, who="lead")
    for who in ("legal", "comms"):
        bot.click(who, channel, card(bot, channel)["ts"], ids.APPROVE)
    [statement] = statements_of(bot)
    assert statement.state is StatementState.PUBLISHED
    return card(bot, channel)


def amend(bot, channel, message, action_id, text, who="lead"):
    bot.click(who, channel, message["ts"], action_id)
    view = last_view(bot)
    assert view["callback_id"] == ids.AMEND_MODAL
    return bot.submit(who, view["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: text}})


def approve_last(bot, channel):
    for who in ("legal", "comms"):
        bot.click(who, channel, card(bot, channel)["ts"], ids.APPROVE)


def timeline_kinds(bot):
    with bot.ports.uow() as uow:
        return [e.kind for e in uow.timeline.for_crisis(statements_of(bot)[0].crisis_id)]


def test_a_correction_is_approved_then_edits_the_published_message_and_a_retraction_deletes_it(bot):
    channel = room(bot)
    published = publish(bot, channel)
    assert ids.CORRECT in json.dumps(published) and ids.RETRACT in json.dumps(published)
    status, _ = amend(bot, channel, published, ids.CORRECT, FIXED)
    assert status == 200
    correction = statements_of(bot)[-1]
    assert (correction.amends, correction.amendment, correction.state) == \
        (statements_of(bot)[0].id, Amendment.CORRECTION, StatementState.PENDING)
    assert "Correction of statement #1" in json.dumps(card(bot, channel))
    [message] = published_messages(bot)
    assert "pulled the ad and" in message["text"]  # nothing changes before approval
    bot.click("lead", channel, card(bot, channel)["ts"], ids.APPROVE)
    assert any("four eyes" in r for r in replies_to(bot, "lead"))
    approve_last(bot, channel)
    [message] = published_messages(bot)
    assert message["text"] == FIXED.replace("&", "&amp;") and "edited" in message
    assert statements_of(bot)[-1].state is StatementState.PUBLISHED

    amend(bot, channel, published, ids.RETRACT, "We withdraw this statement.")
    approve_last(bot, channel)
    assert published_messages(bot) == []
    original = next(m for m in bot.sandbox.messages(channel) if m["ts"] == published["ts"])
    assert "Retracted by statement #3" in json.dumps(original) and ids.RETRACT not in json.dumps(original)
    assert timeline_kinds(bot)[-8:].count(EventKind.STATEMENT_RETRACTED) == 1
    assert {EventKind.CORRECTION_DRAFTED, EventKind.STATEMENT_CORRECTED, EventKind.RETRACTION_DRAFTED} <= \
        set(timeline_kinds(bot))

