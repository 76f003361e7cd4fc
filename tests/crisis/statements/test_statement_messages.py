"""A statement's card and the notice of its publish are due work: recorded with the change, sent by whoever
claims them, retried after a failure, given up after repeated refusals; a process killed after a commit leaves
them to the tick, another sender never says them twice, and a resumed publish counts as the crisis's update."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.due import MAX_REFUSALS
from crisis.errors import ChatFailure
from crisis.room import updates
from crisis.statements import delivery, services
from crisis.statements.rules import PUBLISH_LEASE
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved


class Killed(RuntimeError):
    """The process dies here (kill -9): the use case goes no further."""


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x"))]}


@pytest.fixture
def crisis(ports):
    return open_one(ports)


def the_statement(ports, crisis):
    with ports.uow() as uow:
        (statement,) = uow.statements.for_crisis(crisis.id)
    return statement


def test_a_draft_killed_before_its_card_is_posted_keeps_its_channel_and_the_tick_posts_the_card(
        ports, chat, clock, crisis):
    chat.fail["post_statement"] = [Killed()]
    with pytest.raises(Killed):
        draft(ports, crisis)
    statement = the_statement(ports, crisis)
    assert (statement.channel_id, statement.message_ts) == (crisis.channel_id, None)
    services.publish_tick(ports=ports)
    assert chat.named("post_statement") == []  # its lease holds: the killed sender might still be sending
    clock.advance(seconds=delivery.SEND_LEASE.total_seconds())
    services.publish_tick(ports=ports)
    kept = saved(ports, statement)
    assert chat.named("post_statement") == [("post_statement", statement.id, "pending", 1, kept.message_ts)]
    assert (kept.channel_id, kept.card_due_at, kept.card_changes) == (crisis.channel_id, None, 0)


def test_a_card_edit_that_failed_is_sent_again_after_a_back_off_and_a_refused_one_is_given_up(
        ports, chat, clock, crisis):
    statement = draft(ports, crisis)
    chat.fail["update_statement"] = ["timeout"]
    decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).card_due_at == clock.now() + timedelta(seconds=10)
    clock.advance(seconds=10)
    services.publish_tick(ports=ports)
    assert [c[2] for c in chat.named("update_statement")] == ["pending"]
    chat.fail["update_statement"] = [ChatFailure("invalid_blocks", permanent=True)] * MAX_REFUSALS
    decide(ports, statement, "ULEGAL", decision=services.Decision.REQUEST_CHANGES, note="too vague")
    for _ in range(MAX_REFUSALS):
        clock.advance(minutes=5)
        services.publish_tick(ports=ports)
    kept = saved(ports, statement)
    assert (kept.card_due_at, kept.card_changes, len(chat.named("update_statement"))) == (None, 0, 1)


def test_a_publish_resumed_by_another_sender_says_it_was_published_once(ports, chat, clock, crisis, publishers):
    """The first publisher is so slow that its claim's lease ends: the tick (another replica) publishes
    meanwhile; both finish, the channel hears it once."""
    (_, x), = publishers["x"]
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")

    class Slow(FakePublisher):
        def publish(self, published, text):
            publishers["x"] = [("x", x)]
            clock.advance(seconds=PUBLISH_LEASE.total_seconds())
            services.publish_tick(ports=ports)
            return super().publish(published, text)

    publishers["x"] = [("x", Slow("x"))]
    decide(ports, statement, "ULEGAL")
    assert chat.posted(crisis.channel_id).count("statement.published") == 1
    assert saved(ports, statement).notice == ""


def test_a_notice_that_failed_is_posted_by_the_tick_after_its_back_off(ports, chat, clock, crisis):
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    chat.fail["post"] = ["ratelimited"]
    decide(ports, statement, "ULEGAL")
    assert "statement.published" not in chat.posted(crisis.channel_id)
    clock.advance(seconds=10)
    services.publish_tick(ports=ports)
    services.publish_tick(ports=ports)
    assert chat.posted(crisis.channel_id).count("statement.published") == 1


def test_a_resumed_publish_counts_as_the_update_from_its_approval(ports, chat, clock, crisis, publishers):
    """Approved 50 min into a SEV2 crisis (an update every hour), its publisher killed: no "no update"
    reminder at the hour, while the publish waits for its lease to end, nor after it is resumed."""
    (_, x), = publishers["x"]
    clock.advance(minutes=50)
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    x.fail = [Killed()]
    with pytest.raises(Killed):
        decide(ports, statement, "ULEGAL")
    approved_at = clock.now()
    clock.advance(minutes=11)
    assert updates.cadence_tick(ports=ports) == 0
    clock.advance(seconds=PUBLISH_LEASE.total_seconds())
    assert services.publish_tick(ports=ports) == 1
    assert updates.cadence_tick(ports=ports) == 0
    with ports.uow() as uow:
        assert uow.crises.get(crisis.id).next_update_due_at == approved_at + timedelta(hours=1)
    assert "update.reminder" not in chat.posted(crisis.channel_id)
