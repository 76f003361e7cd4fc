"""End to end, docs/security.md's rows of statements, the press desk and paused brand posts: who drafts, edits,
approves, asks for changes, rejects, retries, logs and answers inquiries, and resumes or discards paused posts."""
from datetime import timedelta

import pytest

from crisis.statements.model import StatementState
from handlers import ids
from tests.handlers.flows import last_view, open_crisis
from tests.handlers.test_statements import card, draft, select
from tests.security.permission_steps import (
    close,
    crisis_in,
    join,
    message_with,
    refused,
    start_crew,
    stop_crew,
    timeline,
)

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def room(crew):
    channel = open_crisis(crew)["id"]
    join(crew, "outsider", channel)
    return channel


def statement(bot, channel):
    with bot.ports.uow() as uow:
        [found] = uow.statements.for_crisis(crisis_in(bot, channel).id)
    return found


def test_any_channel_member_drafts_and_never_approves_their_own(crew, room):
    draft(crew, room, who="outsider")
    assert timeline(crew, room)[-1] == ("statement_drafted", crew.users["outsider"])
    crew.click("outsider", room, card(crew, room)["ts"], ids.APPROVE)
    refused(crew, "outsider", "four eyes")
    assert statement(crew, room).approvals == []


def test_approvals_count_only_from_current_holders_of_the_named_roles(crew, room):
    draft(crew, room, who="lead")
    for who in ("social", "outsider", "admin"):
        crew.click(who, room, card(crew, room)["ts"], ids.APPROVE)
        refused(crew, who, "Only holders of")
    assert statement(crew, room).approvals == []
    crew.click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    crew.command("legal", f"assign legal <@{crew.users['comms_backup']}>", room)  # legal's approval lapses
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    assert statement(crew, room).state is StatementState.PENDING
    crew.click("comms_backup", room, card(crew, room)["ts"], ids.APPROVE)
    assert statement(crew, room).state is StatementState.PUBLISHED
    approved = [actor for kind, actor in timeline(crew, room) if kind == "statement_approved"]
    assert approved == [crew.users[w] for w in ("legal", "comms", "comms_backup")]
    assert timeline(crew, room)[-1] == ("statement_published", None)


def test_only_the_author_or_the_comms_lead_edits(crew, room):
    draft(crew, room, who="lead")
    for who in ("social", "outsider"):
        crew.click(who, room, card(crew, room)["ts"], ids.EDIT)
        crew.submit(who, last_view(crew)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Nothing to see here."}})
        refused(crew, who, "Only the author")
    assert statement(crew, room).current.number == 1
    crew.click("comms", room, card(crew, room)["ts"], ids.EDIT)
    crew.submit("comms", last_view(crew)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "We are sorry."}})
    assert statement(crew, room).current.number == 2
    assert timeline(crew, room)[-1] == ("statement_edited", crew.users["comms"])


@pytest.mark.parametrize("button,state", [(ids.REQUEST_CHANGES, StatementState.CHANGES_REQUESTED),
                                          (ids.REJECT, StatementState.REJECTED)])
def test_changes_and_rejections_come_from_the_rule_roles_or_the_lead(crew, room, button, state):
    draft(crew, room, who="comms")
    for who in ("social", "outsider", "admin"):
        crew.click(who, room, card(crew, room)["ts"], button)
        crew.submit(who, last_view(crew)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Too soft"}})
        refused(crew, who, "Only holders of")
    assert statement(crew, room).state is StatementState.PENDING and statement(crew, room).approvals == []
    crew.click("lead", room, card(crew, room)["ts"], button)
    crew.submit("lead", last_view(crew)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Name the nurses"}})
    assert statement(crew, room).state is state
    assert timeline(crew, room)[-1] == (f"statement_{state.value}", crew.users["lead"])


def test_any_channel_member_retries_publishing_an_approved_statement(crew, room):
    draft(crew, room, who="lead")
    crew.sandbox.fail_next("chat.postMessage", status=500, times=4,
                           when=lambda args: args.get("channel") in ("#statements",
                                                                     crew.sandbox.channel_by_name("statements")["id"]))
    crew.click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    assert statement(crew, room).state is StatementState.APPROVED
    crew.click("outsider", room, card(crew, room)["ts"], ids.RETRY_PUBLISH)
    assert statement(crew, room).state is StatementState.PUBLISHED
    assert timeline(crew, room)[-1] == ("statement_published", None)


def test_the_rule_roles_or_the_lead_withdraw_an_approved_statement_that_is_not_out(crew, room):
    draft(crew, room, who="lead")
    crew.sandbox.fail_next("chat.postMessage", status=500, times=10_000,
                           when=lambda args: args.get("channel") in ("#statements",
                                                                     crew.sandbox.channel_by_name("statements")["id"]))
    crew.click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    assert statement(crew, room).state is StatementState.APPROVED
    before = timeline(crew, room)
    for who in ("social", "outsider", "admin"):
        crew.click(who, room, card(crew, room)["ts"], ids.REJECT)
        crew.submit(who, last_view(crew)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Stop it"}})
        refused(crew, who, "Only holders of")
    assert statement(crew, room).state is StatementState.APPROVED and timeline(crew, room) == before
    crew.click("lead", room, card(crew, room)["ts"], ids.REJECT)
    crew.submit("lead", last_view(crew)["id"], {ids.NOTE_BLOCK: {ids.NOTE_INPUT: "Facts changed"}})
    assert statement(crew, room).state is StatementState.REJECTED
    assert timeline(crew, room)[-1] == ("statement_rejected", crew.users["lead"])


def test_any_channel_member_logs_and_answers_press_inquiries(crew, room):
    crew.command("outsider", "press", room)
    deadline = int((crew.clock.now() + timedelta(hours=2)).timestamp())
    crew.submit("outsider", last_view(crew)["id"], {
        ids.OUTLET_BLOCK: {ids.OUTLET_INPUT: "Daily Planet"}, ids.CONTACT_BLOCK: {ids.CONTACT_INPUT: "L. Lane"},
        ids.QUESTION_BLOCK: {ids.QUESTION_INPUT: "Will you apologise?"},
        ids.DEADLINE_BLOCK: {ids.DEADLINE_INPUT: {"type": "datetimepicker", "selected_date_time": deadline}}})
    assert timeline(crew, room)[-1] == ("press_logged", crew.users["outsider"])
    draft(crew, room, who="lead")
    crew.click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    crew.click("outsider", room, message_with(crew, room, ids.ANSWER_INQUIRY)["ts"], ids.ANSWER_INQUIRY)
    crew.submit("outsider", last_view(crew)["id"], {
        ids.STATEMENT_BLOCK: {ids.STATEMENT_INPUT: select(str(statement(crew, room).id))}})
    assert ("press_answered", crew.users["outsider"]) in timeline(crew, room)


def test_paused_posts_are_resumed_or_discarded_by_the_lead_the_opener_or_an_admin(uow_factory):
    bot = start_crew(uow_factory)
    try:
        brand = bot.sandbox.channel_by_name("brand-social")["id"]
        for text in ("Happy Latte Day!", "New ad out now!", "Autumn menu"):
            bot.sandbox.add_scheduled_message(brand, text, (bot.clock.now() + timedelta(hours=5)).timestamp())
        channel = open_crisis(bot)["id"]
        close(bot, channel)
        dm = bot.sandbox.dm_channel(bot.users["lead"])
        offer = message_with(bot, dm, ids.RESUME_POST)
        with bot.ports.uow() as uow:
            posts = {p.text: p.id for p in uow.paused_posts.for_crisis(crisis_in(bot, channel).id)}
        before = timeline(bot, channel)
        for who in ("comms", "outsider"):
            bot.click(who, dm, offer["ts"], ids.DISCARD_POST, str(posts["New ad out now!"]))
            refused(bot, who, "decides about paused posts")
        assert timeline(bot, channel) == before
        bot.click("admin", dm, offer["ts"], ids.DISCARD_POST, str(posts["New ad out now!"]))
        bot.click("opener", dm, offer["ts"], ids.RESUME_POST, str(posts["Happy Latte Day!"]))
        bot.click("lead", dm, offer["ts"], ids.DISCARD_POST, str(posts["Autumn menu"]))
        assert timeline(bot, channel)[-3:] == [("post_discarded", bot.users["admin"]),
                                               ("post_resumed", bot.users["opener"]),
                                               ("post_discarded", bot.users["lead"])]
    finally:
        stop_crew(bot)
