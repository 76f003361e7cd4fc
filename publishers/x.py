"""Publish a statement on X (API v2: POST /2/tweets with an OAuth 2 user token); a text longer than a post goes
out as a thread (reply.in_reply_to_tweet_id). X has no idempotency key: on a retry, and when X calls a post a
duplicate (403), the account's recent posts (GET /2/users/me, /2/users/{id}/tweets) are searched for each
part's exact text (and, in a thread, its parent) first."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from crisis.errors import PublishFailed
from crisis.statements.length import count_characters, split_posts
from crisis.statements.model import Statement
from publishers.answers import decode, failure, success
from publishers.once import retried, same_text, since
from sources.http import HttpClient

MAX_WEIGHT = 280
LOOKBACK_POSTS = 100
_DUPLICATE = "duplicate content"


def fits(text: str) -> bool:
    return count_characters(text, "x") <= MAX_WEIGHT


class XPublisher:
    """Posts as the user of `token` (scopes tweet.write, tweet.read, users.read); the reference is the first
    post's x.com URL."""

    def __init__(self, token: str, api: str = "https://api.x.com", http: HttpClient | None = None) -> None:
        self._api = f"{api.rstrip('/')}/2"
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        recent: list[dict[str, Any]] | None = self._recent(statement) if retried(statement) else None
        first: str | None = None
        parent: str | None = None
        for part in split_posts(text, fits):
            found = _match(recent, part, parent) if recent is not None else None
            if found is None:
                found, recent = self._post(statement, part, parent, recent)
            first, parent = first or found, found
        return f"https://x.com/i/web/status/{first}"

    def _post(self, statement: Statement, part: str, parent: str | None,
              recent: list[dict[str, Any]] | None) -> tuple[str, list[dict[str, Any]] | None]:
        body: dict[str, Any] = {"text": part}
        if parent:
            body["reply"] = {"in_reply_to_tweet_id": parent}
        response = self._http.send("POST", f"{self._api}/tweets", self._headers, json_body=body)
        answer = decode(response)
        data = answer.get("data") if isinstance(answer, dict) else None
        if 200 <= response.status < 300 and isinstance(data, dict) and isinstance(data.get("id"), str):
            return data["id"], recent
        detail = _detail(answer)
        if response.status == 403 and _DUPLICATE in (detail or "").lower():
            recent = self._recent(statement)
            found = _match(recent, part, parent)
            if found:
                return found, recent
        if 200 <= response.status < 300:
            raise PublishFailed("X answered without the post's id")
        raise failure("X", response, detail)

    def _recent(self, statement: Statement) -> list[dict[str, Any]]:
        """The account's posts since the version was written (newest first)."""
        me = success("X", self._http.send("GET", f"{self._api}/users/me", self._headers), _detail)
        user = me.get("data", {}).get("id") if isinstance(me, dict) and isinstance(me.get("data"), dict) else None
        if not isinstance(user, str) or not user.isdigit():
            raise PublishFailed("X answered /2/users/me without the user's id")
        start = since(statement).strftime("%Y-%m-%dT%H:%M:%SZ")
        answer = success("X", self._http.send(
            "GET", f"{self._api}/users/{user}/tweets?max_results={LOOKBACK_POSTS}&start_time={start}"
                   "&tweet.fields=created_at,referenced_tweets", self._headers), _detail)
        posts = answer.get("data", []) if isinstance(answer, dict) else None
        if not isinstance(posts, list):
            raise PublishFailed("X answered the timeline without its posts")
        return [p for p in posts if isinstance(p, dict) and _made_since(p, statement)]


def _made_since(post: dict[str, Any], statement: Statement) -> bool:
    try:
        return datetime.fromisoformat(str(post.get("created_at")).replace("Z", "+00:00")) >= since(statement)
    except ValueError:
        return False


def _match(posts: list[dict[str, Any]], part: str, parent: str | None) -> str | None:
    """The id of the post with this text that replies to `parent` (or to nothing, for a thread's first post)."""
    for post in posts:
        replied = [r.get("id") for r in post.get("referenced_tweets") or [] if isinstance(r, dict)
                   and r.get("type") == "replied_to"]
        if same_text(part, str(post.get("text", ""))) and replied == ([parent] if parent else []) \
                and isinstance(post.get("id"), str):
            return post["id"]
    return None


def _detail(answer: object) -> str | None:
    """X's problem body: {"title", "detail", "type", "status"} (v1-style {"errors": [{"message"}]} too)."""
    if not isinstance(answer, dict):
        return None
    if answer.get("detail") or answer.get("title"):
        return str(answer.get("detail") or answer.get("title"))
    errors = answer.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or errors[0].get("detail") or "") or None
    return None
