"""Mastodon: a hashtag timeline or status search on one instance, read forward from the newest status seen."""
from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

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
from sources.options import bearer_headers, http_url

PAGE_SIZE = 40
MAX_PAGES = 5


class MastodonSource:
    """`hashtag` reads /api/v1/timelines/tag/<tag>, `query` /api/v2/search; the cursor is the newest status id."""

    def __init__(self, config: SourceConfig, http: HttpClient | None = None,
                 environ: Mapping[str, str] = os.environ) -> None:
        self.name = config.name
        self._config = config
        instance = http_url(config, "instance")
        self._host = urlsplit(instance).hostname or ""
        self._source = f"mastodon:{self._host}"
        hashtag = config.options.get("hashtag", "").lstrip("#")
        self._search = not hashtag
        if hashtag:
            self._endpoint, self._params = f"{instance}/api/v1/timelines/tag/{quote(hashtag, safe='')}", {}
        else:
            self._endpoint = f"{instance}/api/v2/search"
            self._params = {"q": config.options["query"], "type": "statuses"}
        self._http = http or HttpClient()
        self._environ = environ

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll:
        """Up to MAX_PAGES pages of statuses newer than the cursor (min_id pages forward without gaps);
        the first poll takes the newest page only."""
        headers = bearer_headers(self._config, self._environ)
        mentions: list[Mention] = []
        rejected: list[str] = []
        newest = cursor
        for _ in range(MAX_PAGES if cursor else 1):
            params = {**self._params, "limit": PAGE_SIZE, **({"min_id": newest} if newest else {})}
            statuses = self._statuses(self._http.get_json(f"{self._endpoint}?{urlencode(params)}", headers))
            for status in statuses:
                try:
                    mentions.append(parse_mention(self._raw(status), source=self._source, feed=self.name,
                                                  term=self._config.term, now=now))
                except BadMention as error:
                    rejected.append(f"status {_status_id(status) or '?'}: {error}")
            newest = max([newest, *map(_status_id, statuses)], key=_id_order)
            if len(statuses) < PAGE_SIZE:
                break
        return SourcePoll(mentions, newest, rejected)

    def _statuses(self, data: Any) -> list[Any]:
        """The timeline's list, or the search result's `statuses`."""
        statuses = (data.get("statuses") if isinstance(data, dict) else None) if self._search else data
        if not isinstance(statuses, list):
            raise SourceDown(f"unexpected answer from {self._host}: no list of statuses")
        return statuses

    def _raw(self, status: Any) -> dict[str, Any]:
        """A Mastodon Status entity in parse_mention's shape (local accounts get @instance appended)."""
        if not isinstance(status, dict):
            raise BadMention("a status must be an object")
        account = status.get("account") if isinstance(status.get("account"), dict) else {}
        acct = str(account.get("acct") or "")
        text = html_to_text(status.get("content"))
        warning = html_to_text(status.get("spoiler_text"))
        return {
            "id": status.get("id"), "text": f"{warning}\n\n{text}" if warning else text,
            "author": acct if "@" in acct or not acct else f"{acct}@{self._host}",
            "url": status.get("url") or status.get("uri") or "", "created_at": status.get("created_at"),
            "language": status.get("language"),
        }


def _status_id(status: Any) -> str | None:
    value = status.get("id") if isinstance(status, dict) else None
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


def _id_order(status_id: str | None) -> tuple[int, str]:
    """Mastodon ids are numeric strings (other servers' are fixed-width sortable strings): longer is newer."""
    return (len(status_id), status_id) if status_id else (-1, "")
