"""Read and take down the brand's own X posts (API v2: GET /2/users/me, GET /2/tweets/:id, DELETE /2/tweets/:id with
an OAuth 2 user token, scopes tweet.read, tweet.write, users.read): the post remover of an X target
(crisis.takedowns.ports.PostRemover)."""
from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from crisis.errors import PublishFailed
from crisis.takedowns.model import PostCopy
from crisis.takedowns.ports import PostUnavailable
from publishers.answers import decode, failure, iso_time, success
from publishers.x import _detail
from sources.http import HttpClient, HttpResponse

HOSTS = frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"})
_STATUS = re.compile(r"^/[A-Za-z0-9_]{1,15}/status(?:es)?/(\d{1,25})/?$")
NOT_FOUND = "https://api.twitter.com/2/problems/resource-not-found"
METRICS = {"reply_count": "replies", "retweet_count": "reposts", "like_count": "likes"}


class XPosts:
    """The posts of the user of `token`; another account's post (its author_id is not the user's) is never
    removed."""

    def __init__(self, token: str, api: str = "https://api.x.com", http: HttpClient | None = None) -> None:
        self._api = f"{api.rstrip('/')}/2"
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()
        self._me: dict[str, str] | None = None

    def recognise(self, url: str) -> str | None:
        parts = urlsplit(url)
        match = _STATUS.match(parts.path) if parts.netloc.lower() in HOSTS else None
        return match.group(1) if match else None

    def fetch(self, post_id: str) -> PostCopy:
        response = self._http.send("GET", f"{self._api}/tweets/{post_id}?tweet.fields=author_id,created_at,"
                                   "public_metrics", self._headers)
        post = self._post(response)
        me = self._user()
        if str(post.get("author_id")) != me["id"]:
            raise PostUnavailable("not_ours", f"author {post.get('author_id', '?')}")
        counts = post.get("public_metrics") if isinstance(post.get("public_metrics"), dict) else {}
        return PostCopy(text=html.unescape(str(post.get("text") or "")), author=f"@{me['username']}",
                        posted_at=iso_time(post.get("created_at")),
                        url=f"https://x.com/{me['username']}/status/{post_id}",
                        metrics={name: counts[key] for key, name in METRICS.items()
                                 if isinstance(counts.get(key), int)})

    def remove(self, post_id: str) -> bool:
        """X answers {"data": {"deleted": true}}; a post that is not there is not deleted (or a 404)."""
        response = self._http.send("DELETE", f"{self._api}/tweets/{post_id}", self._headers)
        if response.status == 404:
            return False
        answer = success("X", response, _detail)
        data = answer.get("data") if isinstance(answer, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("deleted"), bool):
            raise PublishFailed("X answered the delete without saying whether it deleted")
        return data["deleted"]

    def _post(self, response: HttpResponse) -> dict[str, Any]:
        """X answers 200 with {"errors": [{"type": ...resource-not-found}]} for a post that is gone."""
        answer = decode(response)
        if response.status == 404 or (200 <= response.status < 300 and isinstance(answer, dict)
                                      and "data" not in answer and _gone(answer)):
            raise PostUnavailable("gone", _detail(answer) or "Not Found")
        answer = success("X", response, _detail)
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), dict):
            raise failure("X", response, "no post in the answer")
        return answer["data"]

    def _user(self) -> dict[str, str]:
        if self._me is None:
            me = success("X", self._http.send("GET", f"{self._api}/users/me", self._headers), _detail)
            data = me.get("data") if isinstance(me, dict) else None
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                raise PublishFailed("X answered /2/users/me without the user's id")
            self._me = {"id": data["id"], "username": str(data.get("username") or "")}
        return self._me


def _gone(answer: dict[str, Any]) -> bool:
    errors = answer.get("errors")
    return isinstance(errors, list) and any(isinstance(e, dict) and e.get("type") == NOT_FOUND for e in errors)
