"""RSS and Atom feeds: a conditional GET (ETag / Last-Modified in the cursor), entries parsed by feedparser."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import feedparser

from crisis.monitor.mentions import (
    BadMention,
    Mention,
    SourceDown,
    SourcePoll,
    parse_mention,
)
from crisis.plan import SourceConfig
from sources.html_text import html_to_text
from sources.http import HttpClient
from sources.options import http_url


class RssSource:
    """One feed URL; every poll returns the feed's current entries (storage deduplicates by entry id)."""

    def __init__(self, config: SourceConfig, http: HttpClient | None = None) -> None:
        self.name = config.name
        self._config = config
        self._url = http_url(config, "url")
        self._host = urlsplit(self._url).hostname
        self._source = f"rss:{self._host}"
        self._http = http or HttpClient()

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll:
        response = self._http.get(self._url, _conditional_headers(cursor))
        if response.status == 304:
            return SourcePoll([], cursor)
        content_type = response.headers.get("Content-Type")
        feed = feedparser.parse(response.body, response_headers={
            "content-location": _base(response.url), **({"content-type": content_type} if content_type else {})})
        if not feed.entries:
            self._check_empty(feed)
        mentions: list[Mention] = []
        rejected: list[str] = []
        language = feed.feed.get("language")
        for index, entry in enumerate(feed.entries, start=1):
            try:
                mentions.append(parse_mention(_raw(entry, language), source=self._source, feed=self.name,
                                              term=self._config.term, now=now))
            except BadMention as error:
                rejected.append(f"entry {index}: {error}")
        validators = {"etag": response.headers.get("ETag"), "modified": response.headers.get("Last-Modified")}
        return SourcePoll(mentions, json.dumps(validators), rejected)

    def _check_empty(self, feed: Any) -> None:
        """A feed without entries is fine when it parsed as RSS or Atom; otherwise the source is down."""
        error = feed.get("bozo_exception")
        if feed.bozo and not isinstance(error, feedparser.NonXMLContentType):
            raise SourceDown(f"invalid XML: {str(error)[:150]}")
        if not feed.version:
            raise SourceDown(f"{self._host} did not answer with an RSS or Atom feed")


def _base(url: str) -> str:
    """The feed's address as the base of its relative links, without its query, fragment or userinfo: a feed URL's
    secret (`?api_key=...`) would otherwise show in every mention's URL and id."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _conditional_headers(cursor: str | None) -> dict[str, str]:
    """Accept plus If-None-Match / If-Modified-Since from the cursor's validators."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1"}
    try:
        validators = json.loads(cursor or "{}")
    except ValueError:
        return headers
    if isinstance(validators, dict) and isinstance(validators.get("etag"), str):
        headers["If-None-Match"] = validators["etag"]
    if isinstance(validators, dict) and isinstance(validators.get("modified"), str):
        headers["If-Modified-Since"] = validators["modified"]
    return headers


def _raw(entry: Any, language: str | None) -> dict[str, Any]:
    """A feedparser entry in parse_mention's shape: title and summary as plain text, published time in UTC."""
    title, summary = html_to_text(entry.get("title")), html_to_text(entry.get("summary"))
    text = "\n\n".join(part for part in (title, summary if summary != title else "") if part)
    link = entry.get("link") or ""
    return {
        "id": entry.get("id") or link or hashlib.sha1(text.encode()).hexdigest()[:24],
        "text": text, "author": entry.get("author") or "", "url": link, "created_at": _published(entry),
        "language": language,
    }


def _published(entry: Any) -> datetime | str | None:
    """feedparser's parsed publication time (UTC); the raw text when it could not parse it."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        try:
            return datetime(*parsed[:6], tzinfo=UTC)
        except ValueError:
            pass
    return entry.get("published") or entry.get("updated")
