"""End to end: `/crisis reply <url>` in a SEV2 crisis room against a fake Mastodon: the form shows the post (its
hostile text escaped) and the plan's lines; the reply is recorded, approved by the statements' roles (never who
asked) and goes out once as a reply to the post; `/crisis donotengage` makes the author refused; an unknown
platform's link is refused with nothing recorded; a post that escaping makes longer than a section is cut after
escaping."""
import json
import re
from functools import partial

import pytest

from crisis.i18n import msg
from crisis.views import Action, Button, Buttons, Card
from crisis.webcare.model import ReplyState
from handlers import ids
from tests.handlers.flows import last_view, mastodon_bot, replies_to
from tests.handlers.post_actions import newest_card, of_room, room

WEBCARE = {"approval_from_severity": "SEV2", "lines": {
    "sorry": {"name": "Apology", "text": "{author} we are sorry. Please DM us so we can help."},
    "looking": {"name": "Looking into it", "text": "{author} thanks for telling us, we are looking into it."}}}


@pytest.fixture
def bot(uow_factory, mastodon):
    with mastodon_bot(uow_factory, mastodon, webcare=WEBCARE) as local:
        yield local


replies = partial(of_room, records=lambda uow: uow.replies)
card = partial(newest_card, heading="*Reply #")


def test_a_reply_is_drafted_from_a_line_approved_by_four_eyes_and_sent_once_as_a_reply(bot, mastodon):
    channel = room(bot)
    status = mastodon.add_status("Your ad is vile &lt;!channel&gt; &amp; friends", acct="jane")
    opened = len(bot.sandbox.views_opened())
    bot.command("social", f"reply <{status['url']}>", channel)
    assert len(bot.sandbox.views_opened()) == opened + 1
    form = last_view(bot)
    shown = json.dumps(form, ensure_ascii=False)
    assert "&lt;!channel&gt; &amp; friends" in shown and "<!channel>" not in shown and "@jane" in shown
    assert "Apology" in shown and "waits for approval" in shown
    status_code, _ = bot.submit("social", form["id"], {ids.REPLY_LINE_BLOCK: {ids.REPLY_LINE_INPUT: {
        "type": "static_select", "selected_option": {"value": "sorry"}}}, ids.REPLY_TEXT_BLOCK: {
        ids.REPLY_TEXT_INPUT: ""}})
    assert status_code == 200
    [reply] = replies(bot)
    assert (reply.state, reply.text) == (ReplyState.PENDING, "@jane we are sorry. Please DM us so we can help.")
    assert any(f"Reply #{reply.id} recorded" in r for r in replies_to(bot, "social"))
    message = card(bot, channel)
    assert ids.APPROVE_REPLY in json.dumps(message) and "<!channel>" not in json.dumps(message)
    bot.click("social", channel, message["ts"], ids.APPROVE_REPLY)
    assert any("your approval does not count" in r for r in replies_to(bot, "social"))
    bot.click("comms", channel, message["ts"], ids.APPROVE_REPLY)
    assert len(mastodon.statuses) == 1  # legal has not approved yet
    bot.click("legal", channel, card(bot, channel)["ts"], ids.APPROVE_REPLY)
    [reply] = replies(bot)
    ours = [s for s in mastodon.statuses if s.get("in_reply_to_id")]
    assert reply.state is ReplyState.SENT and [(s["in_reply_to_id"], s["content"]) for s in ours] == [
        (status["id"], reply.text)]
    assert "Sent on Mastodon" in json.dumps(card(bot, channel)) and ids.APPROVE_REPLY not in json.dumps(card(bot, channel))
    assert any(f"Reply #{reply.id} to @jane is out" in m.get("text", "") for m in bot.sandbox.messages(channel))


def test_an_account_marked_do_not_engage_is_refused_and_unknown_platforms_too(bot, mastodon):
    channel = room(bot)
    status = mastodon.add_status("troll troll", acct="troll")
    bot.command("lead", "donotengage @Troll", channel)
    assert any("troll is marked do not engage" in r for r in replies_to(bot, "lead"))
    opened = len(bot.sandbox.views_opened())
    bot.command("social", f"reply {status['url']}", channel)
    assert "is marked do not engage" in replies_to(bot, "social")[-1]
    bot.command("social", "reply https://tiktok.example/@jane/video/1", channel)
    assert "not a post on a platform crisisbot can reply on" in replies_to(bot, "social")[-1]
    bot.command("stranger", "donotengage @jane", channel)
    assert "Only the holders of a role" in replies_to(bot, "stranger")[-1]
    assert len(bot.sandbox.views_opened()) == opened and replies(bot) == []
    bot.command("lead", "donotengage", channel)
    assert "Do not engage: troll" in replies_to(bot, "lead")[-1]
    bot.command("lead", "donotengage undo @troll", channel)
    bot.command("social", f"reply {status['url']}", channel)
    assert len(bot.sandbox.views_opened()) == opened + 1


def test_reply_under_a_warnings_example_opens_the_form_and_outside_a_crisis_sends_at_once(bot, mastodon):
    alerts = bot.sandbox.channel_by_name("brand-alerts")["id"] if bot.sandbox.channel_by_name("brand-alerts") \
        else bot.sandbox.add_channel("brand-alerts")
    status = mastodon.add_status("Where is my refund?", acct="jane")
    _, ref = bot.ports.chat.send_view(alerts, Card(msg("reply.button"), (Buttons("reply-mention-0", (
        Button(Action.REPLY_MENTION, msg("reply.button"), status["url"]),)),)), "warning-like")
    bot.click("social", alerts, ref, ids.REPLY_MENTION)
    assert "Outside a crisis room, only the people who answer spike warnings" in replies_to(bot, "social")[-1]
    bot.click("lead", alerts, ref, ids.REPLY_MENTION)
    form = last_view(bot)
    assert "goes out as soon as you send it" in json.dumps(form)
    bot.submit("lead", form["id"], {ids.REPLY_LINE_BLOCK: {ids.REPLY_LINE_INPUT: {
        "type": "static_select", "selected_option": {"value": "looking"}}}, ids.REPLY_TEXT_BLOCK: {
        ids.REPLY_TEXT_INPUT: "@jane your refund left today"}})
    [ours] = [s for s in mastodon.statuses if s.get("in_reply_to_id")]
    assert (ours["in_reply_to_id"], ours["content"]) == (status["id"], "@jane your refund left today")
    assert any("Sent on Mastodon" in json.dumps(m) for m in bot.sandbox.messages(alerts))


@pytest.mark.parametrize("html", ["&amp;" * 600, "a &amp; b\n" * 300, "&lt;" * 2_000])
def test_the_form_quotes_a_post_full_of_characters_to_escape_escaped_then_cut_to_fit(bot, mastodon, html):
    channel = room(bot)
    status = mastodon.add_status(html, acct="jane")
    opened = len(bot.sandbox.views_opened())
    bot.command("social", f"reply <{status['url']}>", channel)
    assert len(bot.sandbox.views_opened()) == opened + 1, replies_to(bot, "social")[-1:]
    quote = last_view(bot)["blocks"][1]["text"]["text"]
    assert quote.startswith("> ") and quote.endswith("…") and len(quote) <= 3_000
    unescaped = re.sub(r"&(amp|lt|gt);", "", quote)
    assert "<" not in unescaped and "&" not in unescaped  # nothing left raw, no escape cut in two


def test_a_drills_reply_form_says_it_is_a_drill_and_nothing_is_sent(uow_factory, mastodon):
    with mastodon_bot(uow_factory, mastodon, webcare={**WEBCARE, "approval_from_severity": None}) as bot:
        bot.command("lead", "drill", bot.sandbox.channel_by_name("general")["id"])
        drill = next(c.response["channel"]["id"] for c in reversed(bot.sandbox.calls_to("conversations.create"))
                     if c.response["ok"])
        status = mastodon.add_status("Where is my refund?", acct="jane")
        bot.command("social", f"reply {status['url']}", drill)
        shown = json.dumps(last_view(bot))
        assert "This is a drill: nothing is sent to the person" in shown and "as soon as you send" not in shown
