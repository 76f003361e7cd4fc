"""Bluesky: app.bsky.feed.searchPosts (newest first), paged back until the posts are older than the cursor, a burst
longer than a poll's pages finished by the next poll."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from crisis.monitor.mentions import (
    BadMention,
    Mention,
    SourceDown,
    SourcePoll,
    parse_mention,
    parse_time,
)
from crisis.plan import SourceConfig
from sources.http import HttpClient
from sources.options import bearer_headers, http_url

DEFAULT_SERVICE = "https://public.api.bsky.app"
PAGE_SIZE = 100
MAX_PAGES = 5


class BlueskySource:
    """A search query; the cursor is the newest indexedAt (or createdAt, never past now) seen, as ISO 8601, or
    while a burst is still being read back, a JSON object (`Gap`) holding where to go on."""

    def __init__(self, config: SourceConfig, http: HttpClient | None = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        self.name = config.name
        self._config = config
        self._endpoint = f"{http_url(config, 'service', DEFAULT_SERVICE)}/xrpc/app.bsky.feed.searchPosts"
        self._http = http or HttpClient()
        self._environ = environ

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll:
        """Posts seen at or after the cursor (storage deduplicates the boundary), at most MAX_PAGES pages;
        the first poll takes the newest page only. When the pages run out before the cursor is reached, the next
        poll goes on from the last page's token (a `Gap`) before it reads the newest posts again."""
        gap = Gap.read(cursor)
        since, newest, page = gap.since, gap.newest, gap.page
        headers = bearer_headers(self._config, self._environ)
        mentions: list[Mention] = []
        rejected: list[str] = []
        reached_cursor = False
        for _ in range(MAX_PAGES if since else 1):
            params: dict[str, object] = {"q": self._config.options["query"], "limit": PAGE_SIZE, "sort": "latest"}
            if page:
                params["cursor"] = page
            data = self._http.get_json(f"{self._endpoint}?{urlencode(params)}", headers)
            posts = data.get("posts") if isinstance(data, dict) else None
            if not isinstance(posts, list):
                raise SourceDown("unexpected answer from Bluesky: no list of posts")
            for post in posts:
                seen_at = _seen_at(post)
                if since and seen_at and seen_at < since:
                    reached_cursor = True
                    continue
                if seen_at:
                    capped = min(seen_at, now)
                    newest = capped if newest is None else max(newest, capped)
                try:
                    mentions.append(parse_mention(_raw(post), source="bluesky", feed=self.name,
                                                  term=self._config.term, now=now))
                except BadMention as error:
                    rejected.append(f"post {post.get('uri', '?') if isinstance(post, dict) else '?'}: {error}")
            next_page = data.get("cursor")
            page = next_page if isinstance(next_page, str) and next_page else None
            if reached_cursor or not posts or page is None:
                break
        if since and page and not reached_cursor:
            return SourcePoll(mentions, Gap(since, newest, page).write(), rejected)
        return SourcePoll(mentions, newest.isoformat() if newest else gap.since_text(cursor), rejected)


@dataclass(frozen=True)
class Gap:
    """Where a poll stands: read back to `since`; while `page` is set, a burst is half read (posts from
    `page` on, down to `since`, are still to come) and `newest` is where the cursor goes once it is done."""

    since: datetime | None
    newest: datetime | None = None
    page: str | None = None

    @classmethod
    def read(cls, cursor: str | None) -> Gap:
        """A cursor as written by `write`, or the plain ISO 8601 time every cursor was before."""
        if not cursor or not cursor.startswith("{"):
            since = _time_or_none(cursor)
            return cls(since, since)
        try:
            fields = json.loads(cursor)
        except ValueError:
            return cls(None)
        if not isinstance(fields, dict):
            return cls(None)
        page = fields.get("page")
        return cls(_time_or_none(fields.get("since")), _time_or_none(fields.get("newest")),
                   page if isinstance(page, str) and page else None)

    def write(self) -> str:
        return json.dumps({"since": self.since.isoformat() if self.since else None,
                           "newest": self.newest.isoformat() if self.newest else None, "page": self.page})

    def since_text(self, cursor: str | None) -> str | None:
        """The cursor to keep when nothing newer was seen: a finished gap leaves its plain time."""
        return self.since.isoformat() if self.page and self.since else cursor


def _raw(post: Any) -> dict[str, Any]:
    """A PostView in parse_mention's shape, with the post's bsky.app address."""
    if not isinstance(post, dict):
        raise BadMention("a post must be an object")
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    langs = record.get("langs")
    return {
        "id": post.get("uri"), "text": record.get("text", ""), "author": author.get("handle") or author.get("did"),
        "url": _web_url(post.get("uri")), "created_at": record.get("createdAt"),
        "language": langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None,
    }


def _web_url(uri: object) -> str:
    """at://<did>/app.bsky.feed.post/<rkey> -> https://bsky.app/profile/<did>/post/<rkey>."""
    parts = uri[len("at://"):].split("/") if isinstance(uri, str) and uri.startswith("at://") else []
    if len(parts) != 3 or parts[1] != "app.bsky.feed.post":
        return ""
    return f"https://bsky.app/profile/{parts[0]}/post/{parts[2]}"


def _seen_at(post: Any) -> datetime | None:
    """When the network indexed the post (its claimed createdAt when indexedAt is missing)."""
    if not isinstance(post, dict):
        return None
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    return _time_or_none(post.get("indexedAt")) or _time_or_none(record.get("createdAt"))


def _time_or_none(value: object) -> datetime | None:
    try:
        return parse_time(value) if value else None
    except BadMention:
        return None
