"""A statement drafted from a message (the message shortcut) starts with the message as it reads, never with the
markup Slack stores (escapes, links, mentions), so none of that markup is published."""
import pytest

from handlers import ids
from handlers.statements.slack_markup import plain_text
from tests.handlers.flows import last_view, mastodon_bot
from tests.handlers.post_actions import room
from tests.handlers.test_statements import select


@pytest.fixture
def bot(uow_factory, mastodon):
    with mastodon_bot(uow_factory, mastodon) as local:
        yield local


@pytest.mark.parametrize("stored,reads", [
    ("Refunds &amp; returns &lt;3 &gt; all", "Refunds & returns <3 > all"),
    ("typed &amp;lt; literally", "typed &lt; literally"),
    ("see <https://acme.example/refunds|our refund page>.", "see our refund page (https://acme.example/refunds)."),
    ("see <https://acme.example/a?b=1&amp;c=2>", "see https://acme.example/a?b=1&c=2"),
    ("visit <http://acme.example|acme.example> or <mailto:press@acme.example|press@acme.example>",
     "visit acme.example or press@acme.example"),
    ("Ask <@U0SAM|sam> or <@W0ANA|@ana>", "Ask sam or ana"),
    ("Ask <@U0NONAME> today", "Ask today"),
    ("<!here> We are on it <!subteam^S0COMMS|@comms>.", "We are on it."),
    ("<@U0NONAME>\n<!channel> Update", "\nUpdate"),
    ("In <#C0ROOM|crisis-ad> and <#C0OTHER|>", "In #crisis-ad and"),
    ("Since <!date^1392734382^{date_short}|Feb 18, 2014>", "Since Feb 18, 2014"),
])
def test_slack_markup_reads_as_it_was_typed(stored, reads):
    assert plain_text(stored) == reads


def test_a_person_slack_named_no_one_for_is_named_from_the_lookup():
    assert plain_text("Ask <@U0SAM>, or <@U0GONE>.", {"U0SAM": "Sam Rivera", "U0GONE": "U0GONE"}) == \
        "Ask Sam Rivera, or."


def test_a_draft_from_a_message_publishes_its_words_not_slacks_markup(bot, mastodon):
    channel = room(bot)
    comms = bot.users["comms"]
    stored = (f"<!here> Refunds &amp; returns &lt;3 see <https://acme.example/refunds|our refund page>. "
              f"Ask <@{comms}>")
    ts = bot.sandbox.add_message(channel, stored, bot.users["legal"])
    bot.slack.message_shortcut(bot.users["lead"], channel, ts, ids.DRAFT_SHORTCUT)
    bot.settle()
    view = last_view(bot)
    text = next(b["element"] for b in view["blocks"] if b.get("block_id") == ids.TEXT_BLOCK)["initial_value"]
    reads = (f"Refunds & returns <3 see our refund page (https://acme.example/refunds). "
             f"Ask {bot.sandbox.user(comms)['real_name']}")
    assert text == reads
    bot.submit("lead", view["id"], {ids.TARGET_BLOCK: {ids.TARGET_INPUT: select("mastodon")},
                                    ids.TEXT_BLOCK: {ids.TEXT_INPUT: text},
                                    ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: select(None)},
                                    ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker",
                                                                              "selected_date_time": None}}})
    card = [m for m in bot.sandbox.messages(channel) if "*Statement #" in m.get("text", "")][-1]
    bot.click("legal", channel, card["ts"], ids.APPROVE)
    bot.click("comms", channel, card["ts"], ids.APPROVE)
    assert [s["content"] for s in mastodon.statuses] == [reads]
