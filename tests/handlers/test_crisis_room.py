"""End to end: signed Slack requests -> Bolt app over HTTP -> sandbox Slack over HTTP, and the database."""
import json

from crisis.ports import Ports
from crisis.room import services
from handlers import ids
from sandbox.local_bot import start_local_bot
from tests.handlers.flows import open_crisis, page_to, replies_to


def card_of(bot, channel_id):
    pins = bot.sandbox.pins(channel_id)
    assert len(pins) == 1
    ts = pins[0]["message"]["ts"] if "message" in pins[0] else pins[0]["ts"]
    return next(m for m in bot.sandbox.messages(channel_id) if m["ts"] == ts)


def crisis_in_db(bot, channel_id):
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
        return crisis, uow.pages.for_crisis(crisis.id), uow.timeline.for_crisis(crisis.id)


def test_open_creates_channel_card_invites_pages_and_notice(bot):
    channel = open_crisis(bot)
    assert channel["name"].startswith("crisis-") and channel["name"].endswith("-offensive-ad-video")
    info = bot.sandbox.channel(channel["id"])
    assert "SEV2" in info["topic"]["value"]
    card = json.dumps(card_of(bot, channel["id"]))
    for text in ("Offensive ad video", "SEV2", "Crisis lead", "Comms lead", "Legal", bot.users["opener"]):
        assert text in card
    members = set(bot.sandbox.calls_to("conversations.invite")[0].args["users"].split(","))
    assert members == {bot.users[k] for k in ("lead", "comms", "legal", "social", "opener")}
    for key in ("lead", "comms", "legal", "social"):
        assert page_to(bot, channel["id"], key)
        dm = bot.sandbox.dm_channel(bot.users[key])
        assert any(ids.ACKNOWLEDGE in json.dumps(m) for m in bot.sandbox.messages(dm))
    announce = bot.sandbox.channel_by_name("crisis-announce")["id"]
    assert channel["id"] in json.dumps(bot.sandbox.messages(announce))
    assert any(channel["id"] in r for r in replies_to(bot, "opener"))
    crisis, pages, _events = crisis_in_db(bot, channel["id"])
    assert crisis.set_up_at is not None and len(pages) == 4 and all(p.delivered_at for p in pages)


def test_acknowledge_updates_card_and_timeline_once_even_when_clicked_twice(bot):
    channel = open_crisis(bot)
    page = page_to(bot, channel["id"], "legal")
    assert [status for status, _ in bot.double_click("legal", channel["id"], page["ts"], ids.ACKNOWLEDGE)] == [200, 200]
    crisis, _, events = crisis_in_db(bot, channel["id"])
    assert crisis.role("legal").acked_by == bot.users["legal"]
    assert [e.kind.value for e in events].count("acknowledged") == 1
    assert "acknowledged" in json.dumps(card_of(bot, channel["id"]))
    assert any("already acknowledged" in r for r in replies_to(bot, "legal"))
    assert bot.sandbox.calls_to("chat.update")  # card and the page messages edited in place


def test_only_the_paged_person_can_acknowledge(bot):
    channel = open_crisis(bot)
    page = page_to(bot, channel["id"], "legal")
    bot.click("comms", channel["id"], page["ts"], ids.ACKNOWLEDGE)
    crisis, _, _ = crisis_in_db(bot, channel["id"])
    assert crisis.role("legal").acked_at is None
    assert any("only a person paged for this role" in r for r in replies_to(bot, "comms"))


def test_escalation_survives_a_restart_and_runs_once(bot, uow_factory):
    channel = open_crisis(bot)
    bot.clock.advance(minutes=11)
    # a freshly started process (nothing in memory) next to the old one, sharing the database:
    # both tick, and each due page escalates exactly once
    restarted = Ports(plan=bot.ports.plan, uow=uow_factory, chat=bot.ports.chat, clock=bot.clock)
    assert services.tick(ports=restarted).escalated == 4
    assert bot.tick().escalated == 0
    _, pages, _events = crisis_in_db(bot, channel["id"])
    comms = [p for p in pages if p.role == "comms_lead"]
    assert [p.user_id for p in comms] == [bot.users["comms"], bot.users["comms_backup"]]
    posts = json.dumps(bot.sandbox.messages(channel["id"]))
    assert "did not acknowledge" in posts and bot.users["comms_backup"] in posts


def test_page_answered_with_429_then_500_is_retried_not_lost(bot, sleeps):
    bot.sandbox.fail_next("chat.postMessage", status=429, retry_after=2, times=1)
    bot.sandbox.fail_next("chat.postMessage", status=500, times=1)
    channel = open_crisis(bot)
    assert 2.0 in sleeps  # Retry-After honoured
    _, pages, _ = crisis_in_db(bot, channel["id"])
    assert all(p.delivered_at for p in pages)


def test_page_that_keeps_failing_stays_due_and_goes_out_later(bot):
    legal = bot.users["legal"]
    bot.sandbox.fail_next("chat.postMessage", status=429, retry_after=0, times=8,  # DM + mention, 4 tries each
                          when=lambda args: args.get("channel") == legal or "paged" in args.get("text", "")
                          and legal in args.get("text", ""))
    channel = open_crisis(bot)
    _, pages, _ = crisis_in_db(bot, channel["id"])
    page = next(p for p in pages if p.role == "legal")
    assert page.delivered_at is None and page.last_error == "ratelimited"
    assert "could not be delivered yet" in json.dumps(bot.sandbox.messages(channel["id"]))
    bot.clock.advance(minutes=1)
    assert bot.tick().delivered == 1
    assert page_to(bot, channel["id"], "legal")


def test_deactivated_user_is_reported_in_the_channel_and_the_rest_are_invited(uow_factory):
    bot = start_local_bot(uow_factory, deactivated=("social",))
    try:
        channel = open_crisis(bot)
        posts = json.dumps(bot.sandbox.messages(channel["id"]))
        assert "Could not invite" in posts and bot.users["social"] in posts
        members = set(bot.sandbox.channel(channel["id"])["members"])
        assert {bot.users[k] for k in ("lead", "comms", "legal", "opener")} <= members
        assert page_to(bot, channel["id"], "legal")
    finally:
        bot.stop()
