"""Nothing from an unverified request is used: malformed, missing, stale or wrong signatures are a 401, signed
but malformed bodies a 400, oversized ones a 413 before they are read; none of them makes any outbound call."""
import hashlib
import hmac
import http.client
import io
import json
import socket
import time
from urllib.parse import quote, urlparse
from wsgiref.util import setup_testing_defaults

import pytest
from slack_bolt.adapter.wsgi import SlackRequestHandler

from handlers.app import build_app
from handlers.http_server import MAX_SLACK_BODY
from handlers.slack_client import make_web_client
from sandbox.local_bot import SIGNING_SECRET
from sandbox.slack_user import slash_command_body

FORM = "application/x-www-form-urlencoded"


def sign(body: bytes, timestamp: str | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's v0 signature over the raw bytes (sandbox.slack_user signs text only)."""
    timestamp = timestamp or str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}


def send(bot, body: bytes, headers: dict[str, str | bytes], *, content_type: str = FORM, length: str | bytes | None = None,
         method: str = "POST") -> tuple[int, dict]:
    """POST raw bytes with raw headers (http.client sends what urllib would refuse); the app's status and JSON."""
    url = urlparse(bot.app_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.putrequest(method, url.path)
        for name, value in {"Content-Type": content_type, **headers}.items():
            connection.putheader(name, value)
        if length != "":
            connection.putheader("Content-Length", str(len(body)) if length is None else length)
        connection.endheaders(body if length is None else None)
        connection.sock.shutdown(socket.SHUT_WR)  # all sent: a server waiting for more sees the end
        answer = connection.getresponse()
        text = answer.read()
        return answer.status, json.loads(text) if text.startswith(b"{") else {}
    finally:
        connection.close()


def attack(bot) -> bytes:
    """A slash command naming a real response_url and a real person: what an attacker wants the bot to answer."""
    legal = bot.users["legal"]
    return slash_command_body("/crisis", "assign legal @me", legal, "C123", team_id=bot.sandbox.team_id,
                              trigger_id="1.2.x", response_url=bot.sandbox.response_url(legal, "C123")).encode()


def assert_nothing_went_out(bot):
    bot.settle()
    assert bot.sandbox.calls == []
    assert bot.sandbox.responses() == []


UNSIGNED = {
    "no headers": lambda body, now: {},
    "timestamp not a number": lambda body, now: {"X-Slack-Request-Timestamp": "abc",
                                                 "X-Slack-Signature": "v0=" + "0" * 64},
    "timestamp with underscores": lambda body, now: sign(body, f"{now[:4]}_{now[4:]}"),
    "timestamp with spaces": lambda body, now: sign(body, f" {now} "),
    "timestamp in other digits": lambda body, now: {**sign(body), "X-Slack-Request-Timestamp": "١٧٠٠".encode()},
    "timestamp of 5000 digits": lambda body, now: sign(body, "9" * 5000),
    "non-ASCII signature": lambda body, now: {**sign(body), "X-Slack-Signature": "v0=é".encode() + b"0" * 62},
    "empty signature": lambda body, now: {**sign(body), "X-Slack-Signature": ""},
    "signature without v0=": lambda body, now: {**sign(body), "X-Slack-Signature": sign(body)["X-Slack-Signature"][3:]},
}


@pytest.mark.parametrize("case", UNSIGNED)
def test_a_malformed_or_missing_signature_is_401_and_nothing_goes_out(bot, case):
    body = attack(bot)
    status, answer = send(bot, body, UNSIGNED[case](body, str(int(time.time()))))
    assert status == 401 and "signature" in answer["error"]
    assert_nothing_went_out(bot)


@pytest.mark.parametrize("case", ["stale", "future", "other secret", "other body"])
def test_a_stale_or_wrong_signature_is_401_and_nothing_goes_out(bot, case):
    body = attack(bot)
    # 5 minutes is Slack's window; 30 s past it both ways, so a slow machine still sends outside it (301 s ahead
    # came inside the window once a request took over a second under load)
    headers = {"stale": lambda: sign(body, str(int(time.time()) - 330)),
               "future": lambda: sign(body, str(int(time.time()) + 330)),
               "other secret": lambda: sign(body, secret="not-the-secret"),
               "other body": lambda: sign(body + b"&text=close")}[case]()
    assert send(bot, body, headers)[0] == 401
    assert_nothing_went_out(bot)


def test_a_correctly_signed_request_still_works(bot):
    body = slash_command_body("/crisis", "help", bot.users["legal"], bot.sandbox.channel("general")["id"],
                              team_id=bot.sandbox.team_id, trigger_id="1.2.x",
                              response_url=bot.sandbox.response_url(bot.users["legal"])).encode()
    assert send(bot, body, sign(body))[0] == 200
    bot.settle()
    assert len(bot.sandbox.responses()) == 1


SIGNED_BUT_MALFORMED = {
    "not UTF-8": (b"command=/crisis&text=\xff\xfe", FORM),
    "payload not JSON": (b"payload=" + quote("{not json").encode(), FORM),
    "payload a list": (b"payload=" + quote("[1, 2]").encode(), FORM),
    "payload null": (b"payload=null", FORM),
    "payload a number": (b"payload=5", FORM),
    "payload a string": (b"payload=" + quote('"block_actions"').encode(), FORM),
    "form without command": (b"text=close&user_id=U1&response_url=http%3A%2F%2F127.0.0.1%3A9%2F", FORM),
    "JSON not an object": (b"[1, 2]", "application/json"),
    "JSON broken": (b'{"type": "event_callback"', "application/json"),
    "JSON without type": (b'{"event": {}}', "application/json"),
    "team not an object": (b'{"type": "block_actions", "team": 5, "user": {"id": "U1"}}', "application/json"),
}


@pytest.mark.parametrize("case", SIGNED_BUT_MALFORMED)
def test_a_signed_but_malformed_body_is_400_and_nothing_goes_out(bot, case):
    body, content_type = SIGNED_BUT_MALFORMED[case]
    status, answer = send(bot, body, sign(body), content_type=content_type)
    assert status == 400 and answer["error"].startswith("Bad request")
    assert_nothing_went_out(bot)


def test_a_body_over_the_limit_is_413_before_it_is_read(bot):
    body = attack(bot)
    status, answer = send(bot, body, sign(body), length=str(MAX_SLACK_BODY + 1))
    assert status == 413 and str(MAX_SLACK_BODY) in answer["error"]
    assert_nothing_went_out(bot)


@pytest.mark.parametrize("length,status", [("", 411), ("12abc", 400), ("١٢".encode(), 400), ("99999", 400)])
def test_a_missing_or_wrong_content_length_is_refused(bot, length, status):
    body = attack(bot)
    assert send(bot, body, sign(body), length=length)[0] == status
    assert_nothing_went_out(bot)


def test_only_post_reaches_slack_events(bot):
    assert send(bot, b"", {}, method="GET")[0] == 405
    assert_nothing_went_out(bot)


def test_the_error_handler_never_answers_a_request_that_failed_verification(bot):
    """Defence in depth: straight into Bolt (no WSGI guard), a timestamp Bolt's verifier chokes on."""
    client = make_web_client(bot.sandbox.token, bot.sandbox.api_url)
    bolt = SlackRequestHandler(build_app(bot.ports, client, SIGNING_SECRET, after_acks=bot.executor))
    body = attack(bot)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/slack/events", "wsgi.input": io.BytesIO(body),
               "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": FORM,
               "HTTP_X_SLACK_REQUEST_TIMESTAMP": "abc", "HTTP_X_SLACK_SIGNATURE": "v0=" + "0" * 64}
    setup_testing_defaults(environ)
    statuses = []
    b"".join(bolt(environ, lambda status, headers: statuses.append(status)))
    assert statuses and not statuses[0].startswith("2")
    assert_nothing_went_out(bot)
