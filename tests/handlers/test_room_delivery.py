"""End to end against the sandbox: an edit of the crisis room that Slack fails (the card, a page's acknowledged
mark) or a page acknowledged before its delivery was recorded is shown by the tick later, exactly once."""
import json

from handlers import ids
from tests.handlers.flows import messages_with_button, open_crisis, page_to
from tests.handlers.test_crisis_room import card_of, crisis_in_db


def edits_of(bot, channel: str, ts: str) -> list:
    return [c for c in bot.sandbox.calls_to("chat.update")
            if c.args.get("channel") == channel and c.args.get("ts") == ts and c.response.get("ok")]


def legal_line(bot, channel: str) -> str:
    return json.dumps(card_of(bot, channel)).split("Legal:")[1].split("\\n")[0]


def test_a_card_edit_slack_fails_is_made_by_the_tick_once(bot):
    channel = open_crisis(bot)["id"]
    card_ts = card_of(bot, channel)["ts"]
    page = page_to(bot, channel, "legal")
    bot.sandbox.fail_next("chat.update", status=500, times=4, when=lambda args: args.get("ts") == card_ts)
    bot.click("legal", channel, page["ts"], ids.ACKNOWLEDGE)
    assert edits_of(bot, channel, card_ts) == []
    assert "not yet acknowledged" in legal_line(bot, channel)
    bot.clock.advance(seconds=10)
    assert bot.tick().shown == 1
    assert len(edits_of(bot, channel, card_ts)) == 1
    assert "not yet acknowledged" not in legal_line(bot, channel)
    bot.clock.advance(minutes=1)
    assert bot.tick().shown == 0 and len(edits_of(bot, channel, card_ts)) == 1


def test_an_acknowledged_mark_slack_fails_is_made_by_the_tick_once(bot):
    channel = open_crisis(bot)["id"]
    dm = bot.sandbox.dm_channel(bot.users["legal"])
    [page] = messages_with_button(bot, dm, ids.ACKNOWLEDGE)
    bot.sandbox.fail_next("chat.update", status=500, times=4, when=lambda args: args.get("channel") == dm)
    bot.click("legal", dm, page["ts"], ids.ACKNOWLEDGE)
    assert messages_with_button(bot, dm, ids.ACKNOWLEDGE) == [page]  # still shows its button
    bot.clock.advance(seconds=10)
    bot.tick()
    assert messages_with_button(bot, dm, ids.ACKNOWLEDGE) == []
    assert len(edits_of(bot, dm, page["ts"])) == 1
    bot.clock.advance(minutes=1)
    bot.tick()
    assert len(edits_of(bot, dm, page["ts"])) == 1
    _, pages, _ = crisis_in_db(bot, channel)
    assert next(p for p in pages if p.role == "legal").ack_shown_at is not None


def test_a_click_on_a_page_whose_answer_was_lost_marks_that_page(bot):
    legal = bot.users["legal"]
    bot.sandbox.fail_next("chat.postMessage", status=429, retry_after=0, times=8,  # the mention, 4 tries
                          when=lambda args: "paged" in args.get("text", "") and legal in args.get("text", "")
                          and args.get("channel") != legal)
    channel = open_crisis(bot)["id"]
    dm = bot.sandbox.dm_channel(legal)
    [page] = messages_with_button(bot, dm, ids.ACKNOWLEDGE)
    _, pages, _ = crisis_in_db(bot, channel)
    assert next(p for p in pages if p.role == "legal").delivered_at is None  # its channel copy is still due
    bot.click("legal", dm, page["ts"], ids.ACKNOWLEDGE)
    assert messages_with_button(bot, dm, ids.ACKNOWLEDGE) == []
    assert len(edits_of(bot, dm, page["ts"])) == 1


def test_an_escalation_notice_whose_poster_died_after_posting_is_not_posted_twice(bot):
    """The notice reached Slack but its sender died before recording it: the tick finds it by its key."""
    channel = open_crisis(bot)["id"]
    bot.clock.advance(minutes=11)
    bot.tick()

    def notices() -> list[dict]:
        return [m for m in bot.sandbox.messages(channel) if "did not acknowledge" in m.get("text", "")]

    posted = notices()
    assert len(posted) == 4
    with bot.ports.uow() as uow:  # the record of every notice lost, as if the process died after posting
        for page in uow.pages.for_crisis(crisis_in_db(bot, channel)[0].id):
            if page.escalated_at is not None:
                page.notice_due_at = bot.clock.now()
                uow.pages.save(page)
        uow.commit()
    bot.clock.advance(seconds=10)
    bot.tick()
    assert notices() == posted
