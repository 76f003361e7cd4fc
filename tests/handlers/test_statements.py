"""End to end: statements drafted, approved by the plan's roles, published once; paused posts; updates; press."""
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from crisis.statements.model import StatementState
from handlers import ids
from tests.handlers.flows import last_view, open_crisis, replies_to


def select(value):
    return {"type": "static_select", "selected_option": {"value": value} if value else None}


def draft(bot, channel, who="comms", text="We are sorry. We pulled the ad and are talking to nurses' groups.",
          target="x", template=None, deadline=None):
    bot.command(who, "draft", channel)
    values = {ids.TARGET_BLOCK: {ids.TARGET_INPUT: select(target)},
              ids.TEXT_BLOCK: {ids.TEXT_INPUT: text},
              ids.TEMPLATE_BLOCK: {ids.TEMPLATE_INPUT: select(template)},
              ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker",
                                                        "selected_date_time": deadline}}}
    return bot.submit(who, last_view(bot)["id"], values)


def card(bot, channel):
    cards = [m for m in bot.sandbox.messages(channel) if "*Statement #" in m.get("text", "")]
    return cards[-1]


def statements_of(bot):
    with bot.ports.uow() as uow:
        crisis = uow.crises.open_for_term("x") or uow.crises.by_channel(bot._channel)
        return uow.statements.for_crisis(crisis.id)


def published_messages(bot):
    channel = bot.sandbox.channel_by_name("statements")["id"]
    return bot.sandbox.messages(channel)


def room(bot):
    channel = open_crisis(bot)["id"]
    bot._channel = channel
    return channel


def test_draft_card_shows_version_author_target_and_length(bot):
    channel = room(bot)
    status, _ = draft(bot, channel)
    assert status == 200
    text = json.dumps(card(bot, channel), ensure_ascii=False)
    for expected in ("Statement #1", "X / Twitter", "version 1", "waiting for approval", "/280 characters",
                     bot.users["comms"], ids.APPROVE, ids.REQUEST_CHANGES, ids.EDIT, ids.REJECT):
        assert expected in text


def test_own_approval_refused_two_roles_approve_and_it_is_published_once(bot):
    channel = room(bot)
    draft(bot, channel, who="comms")
    message = card(bot, channel)
    bot.click("comms", channel, message["ts"], ids.APPROVE)
    assert any("four eyes" in r for r in replies_to(bot, "comms"))
    bot.click("social", channel, message["ts"], ids.APPROVE)
    assert any("Only holders of" in r for r in replies_to(bot, "social"))
    bot.click("legal", channel, message["ts"], ids.APPROVE)
    assert statements_of(bot)[0].state is StatementState.PENDING
    # the comms lead role must approve too; hand it to someone who did not write the text
    bot.command("lead", f"assign comms_lead <@{bot.users['comms_backup']}|sam>", channel)
    bot.click("comms_backup", channel, card(bot, channel)["ts"], ids.APPROVE)
    [statement] = statements_of(bot)
    assert statement.state is StatementState.PUBLISHED
    assert [m["text"] for m in published_messages(bot)] == [statement.current.text.replace("'", "'")]
    assert "Published" in json.dumps(card(bot, channel))


def test_two_approvers_at_the_same_instant_publish_once(bot):
    channel = room(bot)
    draft(bot, channel, who="lead")
    message = card(bot, channel)
    bodies = [bot.slack.click_body(bot.users[who], channel, message["ts"], ids.APPROVE) for who in ("legal", "comms")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(bot.slack.post, bodies))
    bot.settle()
    assert statements_of(bot)[0].state is StatementState.PUBLISHED
    assert len(published_messages(bot)) == 1


def test_over_the_limit_is_shown_and_blocks_approval_until_edited(bot):
    channel = room(bot)
    draft(bot, channel, who="lead", text="x" * 300)
    assert "300/280 characters: 20 too many" in json.dumps(card(bot, channel))
    bot.click("legal", channel, card(bot, channel)["ts"], ids.APPROVE)
    assert any("more than" in r for r in replies_to(bot, "legal"))
    bot.click("lead", channel, card(bot, channel)["ts"], ids.EDIT)
    bot.submit("lead", last_view(bot)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Short and sorry."}})
    assert "version 2" in json.dumps(card(bot, channel))
    old = card(bot, channel)
    bot.click("legal", channel, old["ts"], ids.APPROVE)
    bot.click("comms", channel, old["ts"], ids.APPROVE)
    assert statements_of(bot)[0].state is StatementState.PUBLISHED


def test_request_changes_and_reject_need_a_reason(bot):
    channel = room(bot)
    draft(bot, channel, who="lead")
    bot.click("legal", channel, card(bot, channel)["ts"], ids.REQUEST_CHANGES)
    _status, body = bot.submit("legal", last_view(bot)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: " "}})
    assert json.loads(body)["response_action"] == "errors"
    bot.submit("legal", last_view(bot)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Do not admit liability"}})
    assert statements_of(bot)[0].state is StatementState.CHANGES_REQUESTED
    assert "Do not admit liability" in json.dumps(card(bot, channel))
    bot.click("legal", channel, card(bot, channel)["ts"], ids.REJECT)
    bot.submit("legal", last_view(bot)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Wrong tone"}})
    assert statements_of(bot)[0].state is StatementState.REJECTED
    assert ids.APPROVE not in json.dumps(card(bot, channel))


def test_holding_template_is_filled_from_the_crisis(bot):
    channel = room(bot)
    draft(bot, channel, who="lead", text="", template="holding", target="press")
    text = statements_of(bot)[0].current.text
    assert "Offensive ad video" in text and "Acme Coffee" in text and "{" not in text


def test_publisher_failure_keeps_it_approved_and_retry_publishes_once(bot):
    channel = room(bot)
    draft(bot, channel, who="lead")
    bot.sandbox.fail_next("chat.postMessage", status=500, times=4,
                          when=lambda args: args.get("channel") in ("#statements",
                                                                    bot.sandbox.channel_by_name("statements")["id"]))
    message = card(bot, channel)
    bot.click("legal", channel, message["ts"], ids.APPROVE)
    bot.click("comms", channel, message["ts"], ids.APPROVE)
    [statement] = statements_of(bot)
    assert statement.state is StatementState.APPROVED and statement.publish_error
    assert "not published" in json.dumps(bot.sandbox.messages(channel))
    assert ids.RETRY_PUBLISH in json.dumps(card(bot, channel))
    bot.click("lead", channel, card(bot, channel)["ts"], ids.RETRY_PUBLISH)
    bot.click("lead", channel, card(bot, channel)["ts"], ids.RETRY_PUBLISH) if ids.RETRY_PUBLISH in json.dumps(
        card(bot, channel)) else None
    assert statements_of(bot)[0].state is StatementState.PUBLISHED
    assert len(published_messages(bot)) == 1


def test_scheduled_brand_posts_are_paused_then_resumed_or_discarded(bot):
    brand = bot.sandbox.channel_by_name("brand-social")["id"]
    later = (bot.clock.now() + timedelta(hours=5)).timestamp()
    soon = (bot.clock.now() + timedelta(minutes=30)).timestamp()
    bot.sandbox.add_scheduled_message(brand, "Happy Latte Day! 20% off", later)  # scheduled with the app token
    bot.sandbox.add_scheduled_message(brand, "New ad out now!", soon)
    channel = room(bot)
    assert [m for m in bot.sandbox.scheduled_messages() if m["channel_id"] == brand] == []
    assert "2 scheduled brand post(s) paused" in json.dumps(bot.sandbox.messages(channel))
    with bot.ports.uow() as uow:
        posts = uow.paused_posts.for_crisis(uow.crises.by_channel(channel).id)
    assert {p.text for p in posts} == {"Happy Latte Day! 20% off", "New ad out now!"} and all(p.deleted for p in posts)
    bot.clock.advance(hours=1)
    bot.command("lead", "close", channel)
    bot.submit("lead", last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Done"}})
    dm = bot.sandbox.dm_channel(bot.users["lead"])
    offer = next(m for m in bot.sandbox.messages(dm) if ids.RESUME_POST in json.dumps(m))
    latte = next(p for p in posts if p.text.startswith("Happy"))
    ad = next(p for p in posts if p.text.startswith("New ad"))
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(latte.id))
    scheduled = [m for m in bot.sandbox.scheduled_messages() if m["channel_id"] == brand]
    assert [m["content"]["text"] for m in scheduled] == ["Happy Latte Day! 20% off"]
    bot.click("lead", dm, offer["ts"], ids.RESUME_POST, str(ad.id))  # its time has passed: asks for a new one
    assert last_view(bot)["callback_id"] == ids.RESUME_MODAL
    bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, str(ad.id))
    bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, str(ad.id))
    assert any("already discarded" in r for r in replies_to(bot, "lead"))
    with bot.ports.uow() as uow:
        outcomes = {p.text: p.outcome for p in uow.paused_posts.for_crisis(posts[0].crisis_id)}
    assert outcomes == {"Happy Latte Day! 20% off": "resumed", "New ad out now!": "discarded"}


def test_update_command_and_cadence_reminder(bot):
    channel = room(bot)
    bot.clock.advance(minutes=61)
    bot.tick()
    assert any("no update in the last" in m.get("text", "") for m in bot.sandbox.messages(channel))
    bot.command("comms", "update Ad pulled everywhere", channel)
    stakeholders = bot.sandbox.channel_by_name("stakeholders")["id"]
    assert any("Ad pulled everywhere" in m.get("text", "") for m in bot.sandbox.messages(stakeholders))
    reminders = sum("no update in the last" in m.get("text", "") for m in bot.sandbox.messages(channel))
    bot.clock.advance(minutes=30)
    bot.tick()
    assert sum("no update in the last" in m.get("text", "") for m in bot.sandbox.messages(channel)) == reminders


def test_press_inquiry_is_assigned_reminded_and_answered_with_a_statement(bot):
    channel = room(bot)
    bot.command("lead", "press", channel)
    deadline = int((bot.clock.now() + timedelta(hours=2)).timestamp())
    bot.submit("lead", last_view(bot)["id"], {
        ids.OUTLET_BLOCK: {ids.OUTLET_INPUT: "Daily Planet"}, ids.CONTACT_BLOCK: {ids.CONTACT_INPUT: "L. Lane"},
        ids.QUESTION_BLOCK: {ids.QUESTION_INPUT: "Will you apologise?"},
        ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": deadline}}})
    inquiry = next(m for m in bot.sandbox.messages(channel) if "Press inquiry" in m.get("text", ""))
    assert "Daily Planet" in inquiry["text"] and bot.users["comms"] in inquiry["text"]
    assert "1 open press inquiry" in json.dumps(bot.sandbox.messages(channel))
    bot.clock.advance(minutes=95)
    bot.tick()
    assert any("is due in" in m.get("text", "") for m in bot.sandbox.messages(channel))
    draft(bot, channel, who="lead")
    bot.click("legal", channel, card(bot, channel)["ts"], ids.APPROVE)
    bot.click("comms", channel, card(bot, channel)["ts"], ids.APPROVE)
    bot.click("comms", channel, inquiry["ts"], ids.ANSWER_INQUIRY)
    statement = statements_of(bot)[0]
    bot.submit("comms", last_view(bot)["id"], {ids.STATEMENT_BLOCK: {ids.STATEMENT_INPUT: select(str(statement.id))}})
    with bot.ports.uow() as uow:
        [answered] = uow.inquiries.for_crisis(statement.crisis_id)
    assert answered.statement_id == statement.id


def test_approving_a_stale_card_after_an_edit_is_refused(bot):
    channel = room(bot)
    draft(bot, channel, who="lead")
    stale = bot.slack.click_body(bot.users["legal"], channel, card(bot, channel)["ts"], ids.APPROVE)
    bot.click("lead", channel, card(bot, channel)["ts"], ids.EDIT)
    bot.submit("lead", last_view(bot)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "A better text."}})
    bot.slack.post(stale)
    bot.settle()
    assert any("now at version 2" in r for r in replies_to(bot, "legal"))
    assert statements_of(bot)[0].approvals == []


def test_approval_deadline_reminds_approvers_then_tells_the_lead(bot):
    channel = room(bot)
    deadline = int((bot.clock.now() + timedelta(minutes=30)).timestamp())
    draft(bot, channel, who="lead", deadline=deadline)
    assert "approve by" in json.dumps(card(bot, channel))
    bot.clock.advance(minutes=20)
    bot.tick()
    texts = [m.get("text", "") for m in bot.sandbox.messages(channel)]
    assert any(bot.users["legal"] in t and "needs your decision" in t for t in texts)
    bot.clock.advance(minutes=15)
    bot.tick()
    bot.tick()
    told = [t for t in (m.get("text", "") for m in bot.sandbox.messages(channel)) if "passed" in t]
    assert len(told) == 1 and bot.users["lead"] in told[0]
