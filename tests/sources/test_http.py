"""The shared HTTP client: every way a server can fail becomes SourceDown with a short reason."""
import logging
import socket

import pytest

from crisis.errors import PublishFailed
from crisis.monitor.mentions import SourceDown
from sources.http import HttpClient
from tests.sources.helpers import Reply

FAST = HttpClient(timeout=0.2, max_bytes=1_000)


def test_get_follows_redirects_and_sends_headers(fake_http):
    fake_http.serve("/old", Reply(301, headers={"Location": "/new"}))
    fake_http.serve("/new", Reply(200, b'{"ok": true}', {"Content-Type": "application/json"}))
    assert FAST.get_json(fake_http.url("/old"), {"Authorization": "Bearer t"}) == {"ok": True}
    assert fake_http.requests[-1].headers["authorization"] == "Bearer t"
    assert fake_http.requests[-1].headers["user-agent"].startswith("crisisbot/")


def test_redirect_loop_is_refused(fake_http):
    fake_http.serve("/a", Reply(302, headers={"Location": "/b"}))
    fake_http.serve("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(SourceDown, match="redirect loop"):
        FAST.get(fake_http.url("/a"))
    assert len(fake_http.requests) == 2


def test_more_than_five_redirects_are_refused(fake_http):
    for hop in range(7):
        fake_http.serve(f"/{hop}", Reply(307, headers={"Location": f"/{hop + 1}"}))
    with pytest.raises(SourceDown, match="more than 5 redirects"):
        FAST.get(fake_http.url("/0"))
    assert len(fake_http.requests) == 6


def test_redirect_to_another_scheme_is_refused(fake_http):
    fake_http.serve("/a", Reply(302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(SourceDown, match="non-HTTP"):
        FAST.get(fake_http.url("/a"))


def test_server_error_is_source_down(fake_http):
    fake_http.serve("/feed", Reply(500, b"oops"))
    with pytest.raises(SourceDown, match=r"HTTP 500 from 127\.0\.0\.1:\d+"):
        FAST.get(fake_http.url("/feed"))


def test_rate_limit_reports_the_wait(fake_http):
    fake_http.serve("/api", Reply(429, headers={"Retry-After": "120"}))
    with pytest.raises(SourceDown, match=r"HTTP 429\); retry after 120 s"):
        FAST.get(fake_http.url("/api"))


def test_unauthorised_hints_at_the_token(fake_http):
    fake_http.serve("/api", Reply(401))
    with pytest.raises(SourceDown, match="check the source's token"):
        FAST.get(fake_http.url("/api"))


def test_slow_server_times_out(fake_http):
    fake_http.serve("/slow", fake_http.blocked)
    with pytest.raises(SourceDown, match=r"no answer from .* within 0\.2 s"):
        FAST.get(fake_http.url("/slow"))


class SteppingClock:
    """A monotonic clock that moves `step` seconds each time it is read: a server that takes that long per read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_a_body_still_arriving_after_the_overall_deadline_fails(fake_http):
    fake_http.serve("/drip", Reply(200, b"x" * 50, declare_length=False))
    client = HttpClient(timeout=1.0, total=5.0, monotonic=SteppingClock(3.0))
    with pytest.raises(SourceDown, match=r"no complete answer from 127\.0\.0\.1:\d+ within 5 s"):
        client.get(fake_http.url("/drip"))


def test_a_publish_answer_still_arriving_after_the_deadline_fails(fake_http):
    fake_http.serve("/drip", Reply(200, b"x" * 50, declare_length=False))
    client = HttpClient(timeout=1.0, total=5.0, monotonic=SteppingClock(3.0))
    with pytest.raises(PublishFailed, match="within 5 s"):
        client.send("GET", fake_http.url("/drip"), {})


def test_an_answer_within_the_deadline_passes(fake_http):
    fake_http.serve("/drip", Reply(200, b"x" * 50, declare_length=False))
    assert HttpClient(timeout=1.0, total=5.0, monotonic=SteppingClock(1.0)).get(fake_http.url("/drip")).body == b"x" * 50


def test_the_overall_deadline_defaults_to_a_few_timeouts():
    assert HttpClient(timeout=2.0).total == 6.0


def test_declared_size_over_the_cap_is_refused_unread(fake_http):
    fake_http.serve("/big", Reply(200, b"x" * 10, {"Content-Length": "5000"}))
    with pytest.raises(SourceDown, match="larger than 1000 bytes"):
        FAST.get(fake_http.url("/big"))


def test_undeclared_size_over_the_cap_is_refused(fake_http):
    fake_http.serve("/big", Reply(200, b"x" * 5_000, declare_length=False))
    with pytest.raises(SourceDown, match="larger than 1000 bytes"):
        FAST.get(fake_http.url("/big"))


def test_invalid_json_is_source_down(fake_http):
    fake_http.serve("/api", Reply(200, b"<html>maintenance</html>"))
    with pytest.raises(SourceDown, match="invalid JSON from"):
        FAST.get_json(fake_http.url("/api"))


def test_connection_refused_is_source_down():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(SourceDown, match="cannot reach 127.0.0.1"):
        FAST.get(f"http://127.0.0.1:{port}/feed")


def test_a_redirect_to_another_origin_drops_the_credentials(fake_http, other_http):
    other_http.serve("/feed", Reply(200, b"{}"))
    fake_http.serve("/feed", Reply(302, headers={"Location": other_http.url("/feed")}))
    FAST.get(fake_http.url("/feed"), {"Authorization": "Bearer secret", "Cookie": "s=1", "X-Api-Key": "k"})
    assert fake_http.requests[-1].headers["authorization"] == "Bearer secret"
    [followed] = other_http.requests
    assert not {"authorization", "cookie", "x-api-key"} & set(followed.headers)


def test_a_redirect_within_the_origin_keeps_the_token(fake_http):
    fake_http.serve("/old", Reply(308, headers={"Location": fake_http.url("/new")}))
    fake_http.serve("/new", Reply(200, b"{}"))
    FAST.get(fake_http.url("/old"), {"Authorization": "Bearer secret"})
    assert [r.headers.get("authorization") for r in fake_http.requests] == ["Bearer secret", "Bearer secret"]


def test_secrets_in_the_url_stay_out_of_every_failure(fake_http):
    fake_http.serve("/a", Reply(302, headers={"Location": "/b?access_token=s3cret"}))
    fake_http.serve("/b", Reply(302, headers={"Location": "/a?access_token=s3cret"}))
    base = fake_http.url("/").replace("http://", "http://user:pa55@")
    for url in (f"{base}a?token=s3cret", f"{base}missing?api_key=s3cret"):
        with pytest.raises(SourceDown) as caught:
            FAST.get(url)
        assert "s3cret" not in caught.value.reason and "pa55" not in caught.value.reason
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(SourceDown) as caught:
        FAST.get(f"http://user:pa55@127.0.0.1:{port}/feed?key=s3cret")
    assert "s3cret" not in caught.value.reason and "pa55" not in caught.value.reason


def test_request_log_lines_carry_no_secrets(fake_http, caplog):
    fake_http.serve("/feed", Reply(200, b"{}"))
    with caplog.at_level(logging.DEBUG, logger="httpx"):
        FAST.get(fake_http.url("/feed?q=acme&access_token=s3cret"))
    assert "access_token=***" in caplog.text and "q=acme" in caplog.text and "s3cret" not in caplog.text
