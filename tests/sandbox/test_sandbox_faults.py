"""Fault injection (429 with Retry-After, 5xx, targeted failures), recorded calls, concurrency and the CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_retry_jitter(monkeypatch):
    """slack_sdk's RateLimitErrorRetryHandler sleeps Retry-After plus random() (0..1 s): drop the jitter."""
    monkeypatch.setattr(builtin_handlers.random, "random", lambda: 0.0)


def test_429_carries_retry_after_and_ratelimited(client, sandbox, channel, refused):
    sandbox.fail_next("chat.postMessage", status=429, retry_after=7)
    answer = refused(client.chat_postMessage, channel=channel, text="page")
    assert (answer.status_code, answer["error"], answer.headers["Retry-After"]) == (429, "ratelimited", "7")
    assert sandbox.messages(channel) == []


def test_the_rate_limit_retry_handler_honours_retry_after(sandbox, channel, no_retry_jitter):
    client = WebClient(token=sandbox.token, base_url=sandbox.api_url,
                       retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
    sandbox.fail_next("chat.postMessage", status=429, retry_after=0, times=2)
    assert client.chat_postMessage(channel=channel, text="page")["ok"]
    assert [c.status for c in sandbox.calls_to("chat.postMessage")] == [429, 429, 200]
    assert [m["text"] for m in sandbox.messages(channel)] == ["page"]


def test_a_server_error(client, sandbox, channel, refused):
    sandbox.fail_next("conversations.invite", status=500)
    answer = refused(client.conversations_invite, channel=channel, users="U1")
    assert (answer.status_code, answer["error"]) == (500, "internal_error")


def test_a_slack_error_on_the_call_a_predicate_picks(client, sandbox, alice, refused):
    sandbox.fail_next("chat.postMessage", error="channel_not_found", when=lambda args: args["channel"] == alice)
    other = sandbox.add_user("bob")
    assert client.chat_postMessage(channel=other, text="hi")["ok"]
    assert refused(client.chat_postMessage, channel=alice, text="hi")["error"] == "channel_not_found"
    assert client.chat_postMessage(channel=alice, text="hi")["ok"]


def test_a_fault_needs_an_error_unless_its_status_implies_one(sandbox):
    with pytest.raises(ValueError):
        sandbox.fail_next("chat.postMessage")


def test_calls_are_recorded_with_decoded_args(client, sandbox, channel, clock):
    client.chat_postMessage(channel=channel, text="hi", blocks=[{"type": "divider"}])
    [call] = sandbox.calls_to("chat.postMessage")
    assert call.args == {"channel": channel, "text": "hi", "blocks": [{"type": "divider"}]}
    assert (call.status, call.response["ok"], call.at) == (200, True, clock.now)


def test_concurrent_posts_get_distinct_increasing_ts(sandbox, channel):
    sandbox.latency = 0.01
    client = WebClient(token=sandbox.token, base_url=sandbox.api_url)
    threads = [threading.Thread(target=client.chat_postMessage, kwargs={"channel": channel, "text": str(i)})
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stamps = [m["ts"] for m in sandbox.messages(channel)]
    assert len(set(stamps)) == 8 and stamps == sorted(stamps, key=float)


def test_latency_is_added_to_web_api_calls_response_urls_and_uploads_alike(client, sandbox, channel, alice):
    waited: list[float] = []
    sandbox.latency, sandbox.sleep, before = 0.25, waited.append, len(sandbox.calls)
    client.chat_postMessage(channel=channel, text="hi")
    WebhookClient(sandbox.response_url(alice, channel)).send(text="Try /crisis help")
    client.files_upload_v2(channel=channel, content="notes", filename="notes.txt")
    web_api = len(sandbox.calls) - before  # chat.postMessage and the upload's three steps
    assert web_api >= 3 and len(sandbox.responses()) == 1
    assert waited == [0.25] * (web_api + 1 + 1), "each Web API call, the response URL and the upload URL"


def test_runs_standalone_and_prints_its_url_and_token():
    process = subprocess.Popen([sys.executable, "-m", "sandbox.slack_api", "--port", "0", "--token", "xoxb-t"],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        url = line.split(" at ")[1].split()[0]
        assert WebClient(token="xoxb-t", base_url=url).auth_test()["ok"]
    finally:
        process.terminate()
        process.wait(timeout=5)
    assert "xoxb-t" in line
