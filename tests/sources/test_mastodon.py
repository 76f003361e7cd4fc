"""Mastodon against recorded API answers on a loopback server: statuses as mentions, min_id paging, rate limits."""
import json
from datetime import UTC, datetime

import pytest

from crisis.monitor.mentions import SourceDown
from sources.http import HttpClient
from sources.mastodon import PAGE_SIZE, MastodonSource
from tests.sources.helpers import NOW, Reply, fixture_bytes, source_config

FAST = HttpClient(timeout=0.2)
TAG = "/api/v1/timelines/tag/acme"


def tag_source(fake_http, environ=None, **options):
    config = source_config("mastodon", name="toots", instance=fake_http.url(""), **({"hashtag": "#acme"} | options))
    return MastodonSource(config, FAST, environ or {})


def status(number):
    return {"id": str(number), "created_at": "2024-11-04T09:00:00.000Z", "content": f"<p>acme {number}</p>",
            "account": {"acct": "a"}, "url": f"https://m.example/@a/{number}", "spoiler_text": "", "language": "en"}


def test_tag_timeline_statuses_become_mentions(fake_http):
    fake_http.serve(TAG, Reply(200, fixture_bytes("mastodon_tag_acme.json"), {"Content-Type": "application/json"}))
    poll = tag_source(fake_http).poll(None, NOW)
    dana, jo = poll.mentions
    assert (dana.source, dana.feed, dana.source_id) == ("mastodon:127.0.0.1", "toots", "113400000000000003")
    assert dana.text == "Three hours on hold with #Acme and still no refund & no answer. Never again."
    assert (dana.author, dana.url, dana.language) == (
        "dana@127.0.0.1", "https://social.example/@dana/113400000000000003", "en")
    assert dana.created_at == datetime(2024, 11, 4, 9, 58, 12, tzinfo=UTC)
    assert (jo.author, jo.language) == ("jo@other.example", "de")
    assert jo.text == "rant\n\nMein Paket von #acme ist wieder nicht angekommen 😡"
    assert poll.rejected == ["status 113400000000000001: created_at 2099-01-01T00:00:00Z is in the future"]
    assert poll.cursor == "113400000000000003"
    assert fake_http.requests[0].query == {"limit": str(PAGE_SIZE)}


def test_next_poll_reads_forward_from_the_cursor_page_by_page(fake_http):
    newest = 1_000 + PAGE_SIZE + 3

    def timeline(request):
        start = int(request.query["min_id"]) + 1
        return Reply(200, json.dumps([status(n) for n in reversed(range(start, min(start + PAGE_SIZE, newest + 1)))]
                                     ).encode())

    fake_http.serve(TAG, timeline)
    poll = tag_source(fake_http).poll("1000", NOW)
    assert len(poll.mentions) == PAGE_SIZE + 3 and poll.cursor == str(newest)
    assert [r.query["min_id"] for r in fake_http.requests] == ["1000", str(1_000 + PAGE_SIZE)]
    assert tag_source(fake_http).poll(poll.cursor, NOW).cursor == str(newest)


def test_search_uses_the_token_from_the_environment(fake_http):
    fake_http.serve("/api/v2/search", Reply(200, fixture_bytes("mastodon_search_acme.json")))
    config = source_config("mastodon", instance=fake_http.url("/"), query="acme support", token_env="MASTO_TOKEN")
    poll = MastodonSource(config, FAST, {"MASTO_TOKEN": "s3cret"}).poll(None, NOW)
    assert [m.text for m in poll.mentions] == ["Acme support fixed it in ten minutes, well done"]
    request = fake_http.requests[0]
    assert request.query == {"q": "acme support", "type": "statuses", "limit": "40"}
    assert request.headers["authorization"] == "Bearer s3cret"


def test_a_configured_but_unset_token_is_source_down(fake_http):
    config = source_config("mastodon", instance=fake_http.url(""), hashtag="acme", token_env="MASTO_TOKEN")
    with pytest.raises(SourceDown, match="MASTO_TOKEN"):
        MastodonSource(config, FAST, {}).poll(None, NOW)
    assert fake_http.requests == []


def test_rate_limit_is_source_down_with_the_wait(fake_http):
    fake_http.serve(TAG, Reply(429, b'{"error":"Too many requests"}', {"Retry-After": "300"}))
    with pytest.raises(SourceDown, match="retry after 300 s"):
        tag_source(fake_http).poll(None, NOW)


@pytest.mark.parametrize("body", [b'{"error": "no"}', b"[1, 2", b"<html>"])
def test_unexpected_answers_are_source_down(fake_http, body):
    fake_http.serve(TAG, Reply(200, body))
    with pytest.raises(SourceDown, match="unexpected answer|invalid JSON"):
        tag_source(fake_http).poll(None, NOW)


def test_odd_statuses_are_rejected_not_crashed(fake_http):
    fake_http.serve(TAG, Reply(200, json.dumps(["x", {"id": "5", "content": "<p>no date</p>"}, status(6)]).encode()))
    poll = tag_source(fake_http).poll(None, NOW)
    assert [m.source_id for m in poll.mentions] == ["6"]
    assert poll.rejected == ["status ?: a status must be an object", "status 5: created_at is missing"]
    assert poll.cursor == "6"
