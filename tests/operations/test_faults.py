"""Faults (issue 10, point 5): the sandbox fails a seeded share of calls as Slack and networks do, before
applying them (429 with Retry-After, 500, timeouts, dropped connections) or after (the answer lost), records
each one, and a whole crisis played under 20% of them ends exactly where the same story ends without faults."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from sandbox.crisis_story import play_in_process
from sandbox.faults import ANSWER_LOST, BEFORE_APPLYING, KINDS, RandomFaults
from sandbox.slack_api import SlackSandbox

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
CLIENT_TIMEOUT = 0.3
"""The bot's Slack client timeout in these runs; a `timeout` fault holds the connection longer."""
HOLD = CLIENT_TIMEOUT + 0.3


@pytest.fixture
def sandbox():
    with SlackSandbox() as started:
        yield started


def bare_client(sandbox: SlackSandbox) -> WebClient:
    """No retries: each call meets its fault."""
    return WebClient(token=sandbox.token, base_url=sandbox.api_url, timeout=CLIENT_TIMEOUT, retry_handlers=[])


@pytest.mark.parametrize("kind", BEFORE_APPLYING)
def test_a_fault_before_applying_changes_nothing_and_is_recorded(sandbox, kind):
    channel = sandbox.add_channel("crisis-x")
    sandbox.inject_faults(RandomFaults(1.0, seed=7, kinds=(kind,), hold_seconds=HOLD))
    with pytest.raises((SlackApiError, OSError)) as failed:
        bare_client(sandbox).chat_postMessage(channel=channel, text="page")
    if kind == "ratelimited":
        answer = failed.value.response
        assert (answer.status_code, answer["error"], answer.headers["Retry-After"]) == (429, "ratelimited", "0")
    elif kind == "server_error":
        assert failed.value.response.status_code == 500
    elif kind == "timeout":
        assert isinstance(failed.value, TimeoutError)
    assert sandbox.messages(channel) == []
    [fault] = sandbox.injected_faults()
    assert (fault.route, fault.kind, fault.applied) == ("chat.postMessage", kind, False)
    assert sandbox.calls_to("chat.postMessage")[-1].fault == kind


@pytest.mark.parametrize("kind", ANSWER_LOST)
def test_a_lost_answer_leaves_the_call_applied(sandbox, kind):
    channel = sandbox.add_channel("crisis-x")
    sandbox.inject_faults(RandomFaults(1.0, seed=7, kinds=(kind,), hold_seconds=HOLD))
    with pytest.raises(OSError):
        bare_client(sandbox).chat_postMessage(channel=channel, text="page")
    assert [m["text"] for m in sandbox.messages(channel)] == ["page"]
    assert [(f.kind, f.applied) for f in sandbox.injected_faults()] == [(kind, True)]


def test_response_urls_fail_too(sandbox):
    user = sandbox.add_user("dana")
    channel = sandbox.add_channel("general", members=[user])
    url = sandbox.response_url(user, channel)
    sandbox.inject_faults(RandomFaults(1.0, seed=7, kinds=("server_error",), routes=frozenset({"response"})))
    assert WebhookClient(url, retry_handlers=[]).send(text="done").status_code == 500
    assert sandbox.responses() == []
    sandbox.inject_faults(RandomFaults(1.0, seed=7, kinds=("lost_dropped",), routes=frozenset({"response"})))
    with pytest.raises(OSError):
        WebhookClient(url, retry_handlers=[]).send(text="done")
    assert [r["body"]["text"] for r in sandbox.responses()] == ["done"]


def test_faults_are_drawn_from_the_seed_per_call_not_per_arrival():
    calls = [("chat.postMessage", f'{{"text": "{n}", "ts": "1772442000.{n:06d}"}}') for n in range(2000)]
    first, again = RandomFaults(0.2, seed=3, kinds=KINDS), RandomFaults(0.2, seed=3, kinds=KINDS)
    drawn = [first.draw(*call) for call in calls]
    assert [again.draw(*call) for call in reversed(calls)] == list(reversed(drawn))
    assert 0.17 < sum(1 for d in drawn if d) / len(drawn) < 0.23
    assert {d for d in drawn if d} == set(KINDS)
    assert drawn != [RandomFaults(0.2, seed=4, kinds=KINDS).draw(*call) for call in calls]
    retries = [first.draw("chat.postMessage", "the same call") for _ in range(50)]
    assert 0 < retries.count(None) < 50  # a retry draws anew: a call is never failed for good


def test_routes_limit_faults_to_some_calls():
    faults = RandomFaults(1.0, seed=1, kinds=("dropped",), routes=frozenset({"chat.update"}))
    assert (faults.draw("chat.postMessage", "x"), faults.draw("chat.update", "x")) == (None, "dropped")
    with pytest.raises(ValueError):
        RandomFaults(0.2, seed=1, kinds=("meteor",))


@pytest.fixture(scope="module")
def without_faults(tmp_path_factory):
    state, stage = play_in_process(tmp_path_factory.mktemp("clean"), START)
    assert stage.nudges == 0, "without faults every step shows at once"
    return state


@pytest.mark.parametrize("kinds", [
    pytest.param(BEFORE_APPLYING, id="before-applying"),
    pytest.param(ANSWER_LOST, id="answer-lost"),
])
def test_a_whole_crisis_under_20_percent_faults_ends_as_without_faults(without_faults, kinds, tmp_path):
    """Open, pages, acknowledgements, escalation, statement with approvals and publish, update reminder,
    update, close, debrief questionnaire and reminder, report, follow-up reminder: nothing lost (every step's
    result shows), nothing duplicated (the same messages, once each, and the same rows as without faults)."""
    faults = RandomFaults(0.2, seed=1, kinds=kinds, hold_seconds=HOLD)
    state, stage = play_in_process(tmp_path, START, faults, timeout=CLIENT_TIMEOUT)
    assert {f.kind for f in stage.sandbox.injected_faults()} == set(kinds)
    differences = without_faults.differences(state)
    assert not differences, "\n".join(differences)
