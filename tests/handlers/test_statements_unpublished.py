"""End to end: an approved statement the platform refuses for a while is withdrawn with Reject on its card, or
stopped by the crisis's close; either way it never goes out when the platform recovers."""
import json

from crisis.statements.model import StatementState
from handlers import ids
from tests.handlers.flows import last_view, replies_to
from tests.handlers.test_statements import card, draft, published_messages, room, statements_of
from tests.security.permission_steps import close


def statements_down(bot):
    """Slack answers 500 to every post in the publish channel until the returned switch is turned off."""
    down = {"on": True}
    publish_channel = bot.sandbox.channel_by_name("statements")["id"]
    bot.sandbox.fail_next("chat.postMessage", status=500, times=10_000,
                          when=lambda args: down["on"] and args.get("channel") in ("#statements", publish_channel))
    return down


def approved_but_failing(bot, channel):
    draft(bot, channel, who="lead", text="We will refund everybody today.")
    down = statements_down(bot)
    message = card(bot, channel)
    bot.click("legal", channel, message["ts"], ids.APPROVE)
    bot.click("comms", channel, message["ts"], ids.APPROVE)
    assert statements_of(bot)[0].state is StatementState.APPROVED
    return message, down


def actions_on(message):
    return [e["action_id"] for b in message.get("blocks", []) for e in b.get("elements", []) if "action_id" in e]


def hours_pass(bot, hours=2):
    for _ in range(hours * 10):
        bot.clock.advance(minutes=6)
        bot.tick()
        bot.settle()


def test_an_approved_statement_failing_to_publish_is_rejected_from_its_card_and_never_goes_out(bot):
    channel = room(bot)
    first, down = approved_but_failing(bot, channel)
    assert actions_on(card(bot, channel)) == [ids.RETRY_PUBLISH, ids.REJECT]
    bot.click("legal", channel, first["ts"], ids.REJECT)  # the card as it was before the approvals
    assert last_view(bot)["callback_id"] == ids.NOTE_MODAL
    bot.submit("legal", last_view(bot)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Refunds are not decided yet"}})
    assert statements_of(bot)[0].state is StatementState.REJECTED
    assert "rejected before it went out" in json.dumps(bot.sandbox.messages(channel))
    assert actions_on(card(bot, channel)) == []
    down["on"] = False
    hours_pass(bot)
    assert published_messages(bot) == [] and statements_of(bot)[0].state is StatementState.REJECTED


def test_a_statement_still_unpublished_at_the_close_is_not_published_when_the_platform_recovers(bot):
    channel = room(bot)
    _, down = approved_but_failing(bot, channel)
    stale_reject = bot.slack.click_body(bot.users["legal"], channel, card(bot, channel)["ts"], ids.REJECT)
    close(bot, channel)
    down["on"] = False
    hours_pass(bot)
    assert published_messages(bot) == []
    [statement] = statements_of(bot)
    assert (statement.state, statement.publish_due_at) == (StatementState.APPROVED, None)
    assert "crisis was closed before it went out" in json.dumps(card(bot, channel))
    assert actions_on(card(bot, channel)) == []
    bot.slack.post(stale_reject)  # from the card as it was before the close
    bot.settle()
    assert "closed" in replies_to(bot, "legal")[-1]
