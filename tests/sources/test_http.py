"""The shared HTTP client: every way a server can fail becomes SourceDown with a short reason."""
import socket

import pytest

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
