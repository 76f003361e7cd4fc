"""Read and take down the brand's own Mastodon statuses (GET /api/v1/accounts/verify_credentials, GET and DELETE
/api/v1/statuses/:id): the post remover of a Mastodon target (crisis.takedowns.ports.PostRemover)."""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from crisis.errors import PublishFailed
from crisis.takedowns.model import PostCopy
from crisis.takedowns.ports import PostUnavailable
from publishers.answers import failure, iso_time, success
from sources.http import HttpClient

_STATUS_PATHS = (re.compile(r"^/@[^/]+/(\d{1,30})/?$"), re.compile(r"^/users/[^/]+/statuses/(\d{1,30})/?$"),
                 re.compile(r"^/web/(?:@[^/]+|statuses)/(\d{1,30})/?$"))
_BREAKS = re.compile(r"<br\s*/?>|</p>\s*<p>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
METRICS = {"replies_count": "replies", "reblogs_count": "reposts", "favourites_count": "likes"}


class MastodonPosts:
    """The statuses of the account of `token` on `instance`; only its own statuses are read as ours and removed
    (Mastodon itself deletes nothing else: another account's status answers 404 to DELETE)."""

    def __init__(self, instance: str, token: str, http: HttpClient | None = None) -> None:
        self._instance = instance.rstrip("/")
        self._host = urlsplit(self._instance).netloc.lower()
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()
        self._account: str | None = None

    def recognise(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.netloc.lower() != self._host:
            return None
        return next((m.group(1) for m in (p.match(parts.path) for p in _STATUS_PATHS) if m), None)

    def fetch(self, post_id: str) -> PostCopy:
        response = self._http.send("GET", f"{self._instance}/api/v1/statuses/{post_id}", self._headers)
        if response.status == 404:
            raise PostUnavailable("gone", "Mastodon answered 404")
        status = success("Mastodon", response, _error)
        account = status.get("account") if isinstance(status, dict) else None
        if not isinstance(account, dict):
            raise PublishFailed("Mastodon answered without the status's account")
        if str(account.get("id")) != self._own_account():
            raise PostUnavailable("not_ours", f"@{account.get('acct', '?')}")
        return PostCopy(text=_plain(str(status.get("content") or "")), author=f"@{account.get('acct', '')}",
                        posted_at=iso_time(status.get("created_at")), url=str(status.get("url") or ""),
                        metrics={name: status[key] for key, name in METRICS.items()
                                 if isinstance(status.get(key), int)})

    def remove(self, post_id: str) -> bool:
        """DELETE is idempotent here: a 404 is a status that is gone (by us earlier, or by someone else)."""
        response = self._http.send("DELETE", f"{self._instance}/api/v1/statuses/{post_id}", self._headers)
        if response.status == 404:
            return False
        success("Mastodon", response, _error)
        return True

    def _own_account(self) -> str:
        if self._account is None:
            response = self._http.send("GET", f"{self._instance}/api/v1/accounts/verify_credentials", self._headers)
            answer = success("Mastodon", response, _error)
            if not isinstance(answer, dict) or "id" not in answer:
                raise failure("Mastodon", response, "no account in verify_credentials")
            self._account = str(answer["id"])
        return self._account


def _error(answer: object) -> str | None:
    return str(answer.get("error")) if isinstance(answer, dict) and answer.get("error") else None


def _plain(content: str) -> str:
    """A status's HTML as the text people read."""
    return html.unescape(_TAGS.sub("", _BREAKS.sub("\n", content))).strip()

