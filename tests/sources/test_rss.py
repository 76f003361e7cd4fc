"""RSS and Atom feeds over loopback HTTP: entries as mentions, conditional GETs, broken feeds as SourceDown."""
import json
from datetime import UTC, datetime

import pytest

from crisis.errors import PlanError
from crisis.monitor.mentions import SourceDown
from sources.http import HttpClient
from sources.rss import RssSource
from tests.sources.helpers import NOW, Reply, fixture_bytes, source_config

FAST = HttpClient(timeout=0.2)
LATER = datetime(2024, 11, 5, tzinfo=UTC)


def feed_source(fake_http, path="/feed"):
    return RssSource(source_config("rss", name="news", url=fake_http.url(path)), FAST)


def test_rss_entries_become_mentions_in_utc_with_html_stripped(fake_http):
    fake_http.serve("/feed", Reply(200, fixture_bytes("feed.rss"), {"Content-Type": "application/rss+xml"}))
    poll = feed_source(fake_http).poll(None, LATER)
    first, second = poll.mentions
    assert first.source.startswith("rss:127.0.0.1") and first.feed == "news" and first.term == "acme"
    assert first.source_id == "news-1001"
    assert first.text == "Acme customers report lost luggage\n\nDozens of Acme travellers say their bags vanished."
    assert first.created_at == datetime(2024, 11, 4, 13, 30, tzinfo=UTC)
    assert (first.author, first.url, first.language) == ("Pat Reporter", "https://news.example/acme-luggage", "en-gb")
    assert second.source_id == "https://news.example/acme-responds"
    assert second.text == "Acme responds\n\nA spokesperson said sorry & promised refunds."
    assert poll.rejected == ["entry 3: created_at is missing"]


def test_entries_from_the_future_are_rejected(fake_http):
    fake_http.serve("/feed", Reply(200, fixture_bytes("feed.rss")))
    poll = feed_source(fake_http).poll(None, datetime(2024, 11, 4, 13, 45, tzinfo=UTC))
    assert [m.source_id for m in poll.mentions] == ["news-1001"]
    assert poll.rejected[0] == "entry 2: created_at 2024-11-04T14:00:00Z is in the future"


def test_atom_entry(fake_http):
    fake_http.serve("/atom", Reply(200, fixture_bytes("feed.atom"), {"Content-Type": "application/atom+xml"}))
    [entry] = feed_source(fake_http, "/atom").poll(None, NOW).mentions
    assert entry.source_id == "tag:blog.example,2024:outage-2"
    assert entry.text == "Acme outage day two\n\nStill down. 😴"
    assert entry.created_at == datetime(2024, 11, 4, 9, 0, tzinfo=UTC)
    assert (entry.author, entry.url) == ("Alex Blogger", "https://blog.example/outage-2")


def test_etag_and_last_modified_make_the_next_poll_conditional(fake_http):
    def feed(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        validators = {"ETag": '"v1"', "Last-Modified": "Mon, 04 Nov 2024 09:00:00 GMT"}
        return Reply(200, fixture_bytes("feed.atom"), validators)

    fake_http.serve("/atom", feed)
    source = feed_source(fake_http, "/atom")
    first = source.poll(None, NOW)
    assert json.loads(first.cursor) == {"etag": '"v1"', "modified": "Mon, 04 Nov 2024 09:00:00 GMT"}
    second = source.poll(first.cursor, NOW)
    assert second.mentions == [] and second.cursor == first.cursor
    assert fake_http.requests[-1].headers["if-modified-since"] == "Mon, 04 Nov 2024 09:00:00 GMT"


RELATIVE = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>acme one</title><link>#comments</link><pubDate>Mon, 04 Nov 2024 09:00:00 GMT</pubDate></item>
<item><title>acme two</title><link>?page=2</link><pubDate>Mon, 04 Nov 2024 09:00:00 GMT</pubDate></item>
<item><title>acme three</title><link>story/3</link><pubDate>Mon, 04 Nov 2024 09:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_relative_links_resolve_against_the_feed_without_its_secret(fake_http):
    fake_http.serve("/news/feed", Reply(200, RELATIVE, {"Content-Type": "application/rss+xml"}))
    source = RssSource(source_config("rss", name="news", url=fake_http.url("/news/feed?api_key=SECRET123")), FAST)
    mentions = source.poll(None, LATER).mentions
    assert [m.url for m in mentions] == [fake_http.url("/news/feed#comments"), fake_http.url("/news/feed?page=2"),
                                         fake_http.url("/news/story/3")]
    assert not [m for m in mentions if "SECRET123" in m.url + m.source_id]


def test_invalid_xml_without_entries_is_source_down(fake_http):
    fake_http.serve("/feed", Reply(200, b"<?xml version='1.0'?><rss><channel><title>broken</channel"))
    with pytest.raises(SourceDown, match="invalid XML"):
        feed_source(fake_http).poll(None, NOW)


def test_a_page_that_is_not_a_feed_is_source_down(fake_http):
    fake_http.serve("/feed", Reply(200, b"<html><body>Log in</body></html>", {"Content-Type": "text/html"}))
    with pytest.raises(SourceDown, match="did not answer with an RSS or Atom feed"):
        feed_source(fake_http).poll(None, NOW)


def test_a_valid_empty_feed_is_an_empty_poll(fake_http):
    fake_http.serve("/feed", Reply(200, b"<rss version='2.0'><channel><title>quiet</title></channel></rss>"))
    assert feed_source(fake_http).poll(None, NOW).mentions == []


@pytest.mark.parametrize("reply,reason", [
    (Reply(500, b"oops"), "HTTP 500"),
    (Reply(302, headers={"Location": "/feed"}), "redirect loop"),
])
def test_server_failures_are_source_down(fake_http, reply, reason):
    fake_http.serve("/feed", reply)
    with pytest.raises(SourceDown, match=reason):
        feed_source(fake_http).poll(None, NOW)


def test_a_feed_that_never_answers_times_out(fake_http):
    fake_http.serve("/feed", fake_http.blocked)
    with pytest.raises(SourceDown, match="within 0.2 s"):
        feed_source(fake_http).poll(None, NOW)


def test_the_url_must_be_http():
    with pytest.raises(PlanError, match="monitor.sources.test.url: 'ftp://x' is not an http"):
        RssSource(source_config("rss", url="ftp://x"))
