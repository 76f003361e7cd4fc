"""Bluesky searchPosts against recorded answers on a loopback server: posts as mentions, paging back to the cursor."""
import json
from datetime import UTC, datetime, timedelta

import pytest

from crisis.monitor.mentions import SourceDown
from sources.bluesky import BlueskySource
from sources.http import HttpClient
from tests.sources.helpers import NOW, Reply, fixture_bytes, source_config

FAST = HttpClient(timeout=0.2)
SEARCH = "/xrpc/app.bsky.feed.searchPosts"


def search_source(fake_http, environ=None, **options):
    config = source_config("bluesky", name="sky", service=fake_http.url(""), **({"query": "acme"} | options))
    return BlueskySource(config, FAST, environ or {})


def post(number, indexed_at):
    return {"uri": f"at://did:plc:p{number}/app.bsky.feed.post/r{number}", "author": {"handle": f"p{number}.test"},
            "record": {"text": f"acme {number}", "createdAt": indexed_at}, "indexedAt": indexed_at}


def test_posts_become_mentions_and_the_cursor_is_the_newest_index_time(fake_http):
    fake_http.serve(SEARCH, Reply(200, fixture_bytes("bluesky_search_acme.json"), {"Content-Type": "application/json"}))
    poll = search_source(fake_http).poll(None, NOW)
    river, kim = poll.mentions
    assert (river.source, river.feed, river.source_id) == (
        "bluesky", "sky", "at://did:plc:abc123xyz/app.bsky.feed.post/3lbq2xk7m2c2a")
    assert (river.author, river.text, river.language) == (
        "river.bsky.social", "acme lost my bag again. third time this year", "en")
    assert river.url == "https://bsky.app/profile/did:plc:abc123xyz/post/3lbq2xk7m2c2a"
    assert river.created_at == datetime(2024, 11, 4, 9, 59, 30, 123000, tzinfo=UTC)
    assert kim.created_at == datetime(2024, 11, 4, 9, 50, tzinfo=UTC)
    assert poll.rejected == ["post at://did:plc:ghi789rst/app.bsky.feed.post/3lbq2vxyz1a2c: created_at is missing"]
    assert poll.cursor == "2024-11-04T09:59:31.456000+00:00"
    assert fake_http.requests[0].query == {"q": "acme", "limit": "100", "sort": "latest"}
    assert len(fake_http.requests) == 1


def test_pages_back_until_posts_are_older_than_the_cursor(fake_http):
    since = NOW - timedelta(minutes=10)
    pages = {
        None: {"cursor": "p2", "posts": [post(4, "2024-11-04T09:58:00Z"), post(3, "2024-11-04T09:55:00Z")]},
        "p2": {"cursor": "p3", "posts": [post(2, "2024-11-04T09:51:00Z"), post(1, "2024-11-04T09:40:00Z")]},
    }
    fake_http.serve(SEARCH, lambda request: Reply(200, json.dumps(pages[request.query.get("cursor")]).encode()))
    poll = search_source(fake_http).poll(since.isoformat(), NOW)
    assert [m.text for m in poll.mentions] == ["acme 4", "acme 3", "acme 2"]
    assert [r.query.get("cursor") for r in fake_http.requests] == [None, "p2"]
    assert poll.cursor == "2024-11-04T09:58:00+00:00"


def test_nothing_new_keeps_the_cursor(fake_http):
    fake_http.serve(SEARCH, Reply(200, json.dumps({"posts": [post(1, "2024-11-04T09:40:00Z")]}).encode()))
    poll = search_source(fake_http).poll("2024-11-04T09:50:00+00:00", NOW)
    assert poll.mentions == [] and poll.cursor == "2024-11-04T09:50:00+00:00"


def burst(fake_http, count):
    """`count` posts, newest first, one a second up to NOW, served 100 a page with an offset page token."""
    posts = [post(n, (NOW - timedelta(seconds=count - n)).strftime("%Y-%m-%dT%H:%M:%SZ")) for n in range(count, 0, -1)]

    def reply(request):
        start = int(request.query.get("cursor") or 0)
        more = {"cursor": str(start + 100)} if start + 100 < count else {}
        return Reply(200, json.dumps({"posts": posts[start:start + 100], **more}).encode())

    fake_http.serve(SEARCH, reply)


def test_a_burst_longer_than_the_page_limit_is_finished_by_the_next_poll(fake_http):
    burst(fake_http, 700)
    since = (NOW - timedelta(minutes=20)).isoformat()
    first = search_source(fake_http).poll(since, NOW)
    second = search_source(fake_http).poll(first.cursor, NOW)
    assert len(first.mentions) == 500 and len(second.mentions) == 200
    assert {m.text for m in first.mentions} | {m.text for m in second.mentions} == {f"acme {n}" for n in range(1, 701)}
    assert [r.query.get("cursor") for r in fake_http.requests[5:]] == ["500", "600"]
    assert second.cursor == NOW.isoformat()


def test_a_half_read_burst_keeps_its_place_over_several_polls(fake_http):
    burst(fake_http, 1200)
    cursor = (NOW - timedelta(hours=1)).isoformat()
    texts = set()
    for _ in range(3):
        poll = search_source(fake_http).poll(cursor, NOW)
        texts |= {m.text for m in poll.mentions}
        cursor = poll.cursor
    assert len(texts) == 1200 and cursor == NOW.isoformat()


def test_a_post_claiming_a_future_time_is_rejected_and_does_not_move_the_cursor_past_now(fake_http):
    future = {"uri": "at://did:plc:f/app.bsky.feed.post/x",
              "record": {"text": "hi", "createdAt": "2099-01-01T00:00:00Z"}}
    fake_http.serve(SEARCH, Reply(200, json.dumps({"posts": [future, "junk"]}).encode()))
    poll = search_source(fake_http).poll(None, NOW)
    assert poll.rejected == [
        "post at://did:plc:f/app.bsky.feed.post/x: created_at 2099-01-01T00:00:00Z is in the future",
        "post ?: a post must be an object"]
    assert poll.cursor == NOW.isoformat()


def test_a_post_whose_created_at_is_out_of_range_is_rejected_and_the_poll_goes_on(fake_http):
    hostile = post(9, "2024-11-04T09:58:00Z")
    hostile["record"]["createdAt"] = "0001-01-01T00:30:00+01:00"
    page = {"posts": [post(4, "2024-11-04T09:59:00Z"), hostile, post(3, "2024-11-04T09:55:00Z")]}
    fake_http.serve(SEARCH, Reply(200, json.dumps(page).encode()))
    poll = search_source(fake_http).poll(None, NOW)
    assert [m.text for m in poll.mentions] == ["acme 4", "acme 3"]
    assert poll.rejected == [
        "post at://did:plc:p9/app.bsky.feed.post/r9: created_at: '0001-01-01T00:30:00+01:00' is out of range"]
    assert poll.cursor == "2024-11-04T09:59:00+00:00"


def test_the_token_is_sent_as_bearer(fake_http):
    fake_http.serve(SEARCH, Reply(200, b'{"posts": []}'))
    search_source(fake_http, {"BSKY_TOKEN": "jwt"}, token_env="BSKY_TOKEN").poll(None, NOW)
    assert fake_http.requests[0].headers["authorization"] == "Bearer jwt"


def test_the_public_app_view_is_the_default_service():
    class RecordingHttp:
        def get_json(self, url, headers=None):
            self.url = url
            raise SourceDown("offline")

    http = RecordingHttp()
    with pytest.raises(SourceDown):
        BlueskySource(source_config("bluesky", query="acme corp"), http, {}).poll(None, NOW)
    assert http.url.startswith("https://public.api.bsky.app/xrpc/app.bsky.feed.searchPosts?q=acme+corp&")


@pytest.mark.parametrize("reply,reason", [
    (Reply(500), "HTTP 500"), (Reply(200, b'{"cursor": "x"}'), "no list of posts"),
    (Reply(403, b'{"error": "Forbidden"}'), "check the source's token"),
])
def test_failures_are_source_down(fake_http, reply, reason):
    fake_http.serve(SEARCH, reply)
    with pytest.raises(SourceDown, match=reason):
        search_source(fake_http).poll(None, NOW)
