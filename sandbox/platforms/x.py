"""A fake X API v2 for one user: POST /2/tweets (replies too), GET and DELETE /2/tweets/:id, GET /2/users/me and
GET /2/users/{id}/tweets, with X's problem bodies ({title, detail, type, status}), x-rate-limit-reset on 429 and its
duplicate refusal (403). Posts read back as X shows them: links as t.co links, &, < and > as HTML entities."""
from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from crisis.statements.length import count_characters, url_spans
from sandbox.platforms.base import Answer, FakePlatform, Request

_TITLES = {400: "Invalid Request", 401: "Unauthorized", 403: "Forbidden", 429: "Too Many Requests",
           500: "Internal Server Error", 503: "Service Unavailable"}


def problem(status: int, detail: str) -> dict[str, Any]:
    return {"title": _TITLES.get(status, "Error"), "detail": detail, "type": "about:blank", "status": status}


class FakeX(FakePlatform):
    """The user `user_id` (@acme) posts with the OAuth 2 user token `token`; `posts` newest last."""

    user_id = "1500000000000000001"

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[dict[str, Any]] = []
        self.usernames: dict[str, str] = {}
        """Other accounts' handles by their id (add_post's author_id)."""
        self._made = 0

    def error_body(self, status: int, text: str) -> Any:
        return problem(status, _TITLES.get(status, "Error"))

    def answer(self, request: Request) -> Answer:
        if not self.authorised(request):
            return 401, problem(401, "Unauthorized"), {}
        if request.path == "/2/users/me":
            return 200, {"data": {"id": self.user_id, "name": "Acme", "username": "acme"}}, {}
        if request.path == f"/2/users/{self.user_id}/tweets":
            start = _time(request.query.get("start_time", "1970-01-01T00:00:00Z"))
            data = [p for p in reversed(self.posts) if _time(p["created_at"]) >= start]
            offset = int(request.query.get("pagination_token", "0") or 0)
            size = int(request.query.get("max_results", "10"))
            data, more = data[offset:offset + size], len(data) > offset + size
            meta: dict[str, Any] = {"result_count": len(data), **({"next_token": str(offset + size)} if more else {})}
            return 200, ({"data": data, "meta": meta} if data else {"meta": meta}), {}
        if request.path == "/2/tweets" and request.method == "POST":
            return self._create(request.body or {})
        if request.path.startswith("/2/tweets/") and request.method in ("GET", "DELETE"):
            return self._one(request.method, request.path.rpartition("/")[2], request.query)
        return 404, problem(404, "Not Found"), {}

    def _create(self, body: dict[str, Any]) -> Answer:
        text = body.get("text", "")
        if not isinstance(text, str) or not text or count_characters(text, "x") > 280:
            return 400, {**problem(400, "One or more parameters to your request was invalid."),
                         "errors": [{"parameters": {"text": [text]}, "message": "text is too long or empty"}]}, {}
        shown = _as_shown(text)
        if any(p["text"] == shown for p in self.posts):
            return 403, problem(403, "You are not allowed to create a Tweet with duplicate content."), {}
        post: dict[str, Any] = {"id": self._new_id(), "text": shown,
                                "created_at": self.now().strftime("%Y-%m-%dT%H:%M:%S.000Z")}
        parent = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        if parent:
            if not any(p["id"] == parent for p in self.posts):
                return 400, problem(400, "Invalid Request: in_reply_to_tweet_id does not exist"), {}
            post["referenced_tweets"] = [{"type": "replied_to", "id": parent}]
        post["edit_history_tweet_ids"] = [post["id"]]
        self.posts.append(post)
        return 201, {"data": {"id": post["id"], "text": shown, "edit_history_tweet_ids": [post["id"]]}}, {}


    def add_post(self, text: str, author_id: str = "") -> dict[str, Any]:
        """A post already there (another account's when `author_id` is given), with its public metrics."""
        post = {"id": self._new_id(), "text": _as_shown(text),
                "created_at": "2026-12-05T09:00:00.000Z", "author_id": author_id or self.user_id,
                "public_metrics": {"retweet_count": 31, "reply_count": 7, "like_count": 2, "quote_count": 1}}
        self.posts.append(post)
        return post

    def _new_id(self) -> str:
        """A growing id, never one a deleted post had (X's ids are snowflakes: later posts, larger ids)."""
        self._made += 1
        return str(1860000000000000000 + self._made)

    def _one(self, method: str, post_id: str, query: dict[str, str] | None = None) -> Answer:
        """A post that is not there: 200 with a resource-not-found error (GET), {"deleted": false} (DELETE), as X."""
        post = next((p for p in self.posts if p["id"] == post_id), None)
        query = query or {}
        if method == "GET":
            if post is None:
                return 200, {"errors": [{"value": post_id, "detail": f"Could not find tweet with id: [{post_id}].",
                                         "title": "Not Found Error", "resource_type": "tweet", "parameter": "id",
                                         "type": "https://api.twitter.com/2/problems/resource-not-found"}]}, {}
            data = {"author_id": self.user_id, **post}
            if "author_id" in query.get("expansions", ""):  # the author's handle, as X includes it
                name = self.usernames.get(data["author_id"], "acme" if data["author_id"] == self.user_id else "")
                return 200, {"data": data, "includes": {"users": [{"id": data["author_id"], "username": name}]}}, {}
            return 200, {"data": data}, {}
        if post is not None and post.get("author_id", self.user_id) != self.user_id:
            return 403, problem(403, "You are not allowed to delete this Tweet."), {}
        if post is not None:
            self.posts.remove(post)
        return 200, {"data": {"deleted": post is not None}}, {}


def _as_shown(text: str) -> str:
    for index, (start, end) in enumerate(reversed(url_spans(text))):
        text = f"{text[:start]}https://t.co/a{index}B2c3D{text[end:]}"
    return html.escape(text, quote=False)


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
