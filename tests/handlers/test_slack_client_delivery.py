"""Every way a Slack call fails ends as one ChatFailure (429 with its Retry-After, 5xx, content refusals,
timeouts, dropped connections); the leases outlast the client's worst case; a timeout in one page of a batch
costs the other pages nothing and sends nothing twice."""
from __future__ import annotations

import pytest

from crisis.debrief.services import REPORT_LEASE
from crisis.due import CALL_LIMIT, lease
from crisis.errors import ChatFailure, PublishFailed
from crisis.i18n import msg
from crisis.monitor.delivery import POST_LEASE
from crisis.room.rules import DELIVERY_LEASE
from crisis.statements.rules import PUBLISH_LEASE
from handlers import ids
from handlers.slack_chat import SlackChat
from handlers.slack_client import make_web_client, worst_case_seconds
from publishers.slack_channel import SlackChannelPublisher
from sandbox.faults import RandomFaults
from sandbox.local_bot import SettableClock, start_local_bot
from sandbox.slack_api import SlackSandbox
from tests.handlers.flows import open_crisis
from tests.publishers.statements import approved

SHORT = 0.3
"""The client's timeout where the sandbox holds calls unanswered (seconds)."""


def test_leases_outlast_the_clients_worst_case_by_a_margin():
    worst = worst_case_seconds()
    assert worst <= CALL_LIMIT.total_seconds()
    for held, calls in ((DELIVERY_LEASE, 2), (POST_LEASE, 4), (PUBLISH_LEASE, 2), (REPORT_LEASE, 7)):
        assert held == lease(calls) and held.total_seconds() >= calls * worst + 60


@pytest.fixture
def sandbox():
    with SlackSandbox() as started:
        yield started


@pytest.fixture
def channel(sandbox):
    return sandbox.add_channel("crisis-outage")


def chat_on(sandbox, timeout: float = 10) -> SlackChat:
    return SlackChat(make_web_client(sandbox.token, sandbox.api_url, sleep=lambda seconds: None, timeout=timeout))


def failure_of(chat: SlackChat, channel: str) -> ChatFailure:
    with pytest.raises(ChatFailure) as caught:
        chat.post(channel, msg("page.level.primary"))
    return caught.value


@pytest.mark.parametrize("fault, reason, permanent, retry_after", [
    ({"status": 429, "retry_after": 7, "times": 4}, "ratelimited", False, 7.0),
    ({"status": 500, "times": 4}, "internal_error", False, None),
    ({"error": "invalid_blocks"}, "invalid_blocks", True, None),
    ({"error": "msg_too_long"}, "msg_too_long", True, None),
    ({"error": "channel_not_found"}, "channel_not_found", True, None),
])
def test_slack_answers_become_one_failure(sandbox, channel, fault, reason, permanent, retry_after):
    sandbox.fail_next("chat.postMessage", **fault)
    failure = failure_of(chat_on(sandbox), channel)
    assert (failure.reason, failure.permanent, failure.retry_after) == (reason, permanent, retry_after)


@pytest.mark.parametrize("kind, reason", [("timeout", "timeout"), ("dropped", "connection_error")])
def test_timeouts_and_dropped_connections_become_the_same_failure(sandbox, channel, kind, reason):
    sandbox.inject_faults(RandomFaults(1.0, 0, (kind,), routes=frozenset({"chat.postMessage"}), hold_seconds=5))
    failure = failure_of(chat_on(sandbox, timeout=SHORT), channel)
    assert (failure.reason, failure.permanent) == (reason, False)
    assert sandbox.messages(channel) == []


def test_the_slack_channel_publisher_fails_the_same_way(sandbox, channel):
    sandbox.inject_faults(RandomFaults(1.0, 0, ("timeout",), hold_seconds=5))
    publisher = SlackChannelPublisher(make_web_client(sandbox.token, sandbox.api_url, timeout=SHORT), channel)
    with pytest.raises(PublishFailed) as caught:
        publisher.publish(approved(), "We are on it.")
    assert caught.value.reason == "cannot reach Slack (timeout)" and not caught.value.permanent


def test_a_user_lookup_slack_did_not_answer_is_not_remembered_as_a_missing_person(sandbox):
    sandbox.add_user("alice", email="alice@example.com")
    sandbox.inject_faults(RandomFaults(1.0, 0, ("server_error",)))
    chat = chat_on(sandbox)
    assert chat.resolve_user("alice@example.com") is None
    sandbox.inject_faults(None)
    assert chat.resolve_user("alice@example.com") is not None
    assert chat.resolve_user("nobody@example.com") is None  # Slack answered: no such person


class TimeOutPagesTo(RandomFaults):
    """Holds unanswered every page (a message with an Acknowledge button) that names `user`."""

    def __init__(self, user: str) -> None:
        super().__init__(1.0, 0, ("timeout",), hold_seconds=5)
        self.user = user

    def draw(self, route: str, content: str = "") -> str | None:
        hit = route == "chat.postMessage" and self.user in content and ids.ACKNOWLEDGE in content
        return "timeout" if hit else None


@pytest.fixture
def bot(uow_factory):
    local = start_local_bot(uow_factory, clock=SettableClock(), sleep=lambda seconds: None, timeout=SHORT)
    yield local
    local.stop()


def test_a_timeout_in_one_page_of_a_batch_is_recorded_and_sends_no_page_twice(bot):
    legal = bot.users["legal"]
    bot.sandbox.inject_faults(TimeOutPagesTo(legal))
    crisis = open_crisis(bot)
    with bot.ports.uow() as uow:
        pages = {p.user_id: p for p in uow.pages.for_crisis(uow.crises.by_channel(crisis["id"]).id)}
    assert pages[legal].delivered_at is None and pages[legal].last_error == "timeout"
    assert all(p.delivered_at for user, p in pages.items() if user != legal)
    bot.sandbox.inject_faults(None)
    bot.clock.advance(seconds=10)
    assert bot.tick().delivered == 1
    bot.clock.advance(seconds=DELIVERY_LEASE.total_seconds() + 1)
    assert bot.tick().delivered == 0
    for user in pages:
        assert len([m for m in bot.sandbox.messages(bot.sandbox.dm_channel(user))
                    if ids.ACKNOWLEDGE in str(m.get("blocks"))]) == 1
