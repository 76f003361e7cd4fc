"""Publish a statement on X (API v2: POST /2/tweets with an OAuth 2 user token); a text longer than a post goes
out as a thread (reply.in_reply_to_tweet_id). X has no idempotency key: on a retry, and when X calls a post a
duplicate (403), the account's recent posts (GET /2/users/me, /2/users/{id}/tweets) are searched for each
part's exact text (and, in a thread, its parent) first. A correction is a reply to the original post (X lets only
some accounts edit, for an hour); a retraction deletes the original's thread (DELETE /2/tweets/:id, last post first,
so what is left is always a thread from its first post; a post gone already counts as deleted), found by paging
back through the account's posts to the original; when it is further back than that allows, nothing is deleted and
the retraction fails, saying so."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from crisis.errors import PublishFailed
from crisis.i18n import msg
from crisis.statements.length import count_characters, split_posts
from crisis.statements.model import Statement
from publishers.answers import decode, failure, success
from publishers.once import retried, same_text, since
from sources.http import HttpClient

MAX_WEIGHT = 280
LOOKBACK_POSTS = 100
RETRACT_PAGES = 10
"""How far back a retraction looks for the original's thread: RETRACT_PAGES pages of LOOKBACK_POSTS posts."""
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
        return self._thread(statement, text, None)

    def _thread(self, statement: Statement, text: str, parent: str | None) -> str:
        """The text as a thread of posts (replying to `parent` when given); the first post's URL."""
        recent: list[dict[str, Any]] | None = self._recent(statement) if retried(statement) else None
        first: str | None = None
        for part in split_posts(text, fits):
            found = _match(recent, part, parent) if recent is not None else None
            if found is None:
                found, recent = self._post(statement, part, parent, recent)
            first, parent = first or found, found
        return f"https://x.com/i/web/status/{first}"

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        """The correction as a reply (a thread of replies when long) to the original's first post."""
        return self._thread(statement, text, post_id(ref))

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        for post in reversed(self._tree(post_id(ref))):
            response = self._http.send("DELETE", f"{self._api}/tweets/{post}", self._headers)
            if response.status != 404:  # 404: deleted already (an earlier try whose answer was lost)
                success("X", response, _detail)
        return ref

    def _tree(self, first: str) -> list[str]:
        """`first` and our posts below it (its thread, our corrections), parents before replies, read back from the
        account's newest post to `first` (ids grow with time, so every reply is newer than its parent). Deleted in
        reverse, what a failure leaves still hangs from `first`. PublishFailed when `first` is out of reach."""
        replies: dict[str, list[str]] = {}
        token: str | None = ""
        for _ in range(RETRACT_PAGES):
            posts, token = self._page(f"&pagination_token={token}" if token else "")
            for post in posts:
                for parent in _parents(post):
                    replies.setdefault(parent, []).append(str(post.get("id")))
            if token is None or any(_not_after(post, first) for post in posts):
                break
        else:
            raise PublishFailed(msg("publish_reason.thread_out_of_reach", platform="X",
                                    count=str(RETRACT_PAGES * LOOKBACK_POSTS)), permanent=True)
        tree = [first]
        for post in tree:
            tree.extend(replies.get(post, []))
        return tree

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
            raise PublishFailed(msg("publish_reason.no_id", platform="X"))
        raise failure("X", response, detail)

    def _recent(self, statement: Statement) -> list[dict[str, Any]]:
        """The account's posts since the version was written (newest first)."""
        start = since(statement).strftime("%Y-%m-%dT%H:%M:%SZ")
        return [p for p in self._timeline(f"&start_time={start}") if _made_since(p, statement)]

    def _timeline(self, window: str) -> list[dict[str, Any]]:
        """The account's latest posts (newest first), within `window` (a start_time parameter, or "")."""
        return self._page(window)[0]

    def _page(self, window: str) -> tuple[list[dict[str, Any]], str | None]:
        """A page of the account's posts (newest first) within `window` (start_time or pagination_token
        parameters, or ""), and the next page's token (None on the last page)."""
        me = success("X", self._http.send("GET", f"{self._api}/users/me", self._headers), _detail)
        user = me.get("data", {}).get("id") if isinstance(me, dict) and isinstance(me.get("data"), dict) else None
        if not isinstance(user, str) or not user.isdigit():
            raise PublishFailed("X answered /2/users/me without the user's id")
        answer = success("X", self._http.send(
            "GET", f"{self._api}/users/{user}/tweets?max_results={LOOKBACK_POSTS}{window}"
                   "&tweet.fields=created_at,referenced_tweets", self._headers), _detail)
        posts = answer.get("data", []) if isinstance(answer, dict) else None
        if not isinstance(posts, list):
            raise PublishFailed("X answered the timeline without its posts")
        meta = answer.get("meta") if isinstance(answer.get("meta"), dict) else {}
        token = meta.get("next_token")
        return [p for p in posts if isinstance(p, dict)], token if isinstance(token, str) and token else None


def post_id(ref: str) -> str:
    """The post id at the end of the URL publish returned (https://x.com/i/web/status/<id>)."""
    found = ref.rstrip("/").rpartition("/")[2]
    if not found.isdigit():
        raise PublishFailed(msg("publish_reason.not_a_post_url", platform="X", url=ref[:80]), permanent=True)
    return found


def _parents(post: dict[str, Any]) -> list[str]:
    """The ids of the posts `post` replies to."""
    return [str(r.get("id")) for r in post.get("referenced_tweets") or [] if isinstance(r, dict)
            and r.get("type") == "replied_to"]


def _not_after(post: dict[str, Any], first: str) -> bool:
    """The post is `first` or older than it (X's ids are snowflakes: they grow with time)."""
    found = str(post.get("id", ""))
    return found.isdigit() and int(found) <= int(first)


def _made_since(post: dict[str, Any], statement: Statement) -> bool:
    try:
        return datetime.fromisoformat(str(post.get("created_at")).replace("Z", "+00:00")) >= since(statement)
    except ValueError:
        return False


def _match(posts: list[dict[str, Any]], part: str, parent: str | None) -> str | None:
    """The id of the post with this text that replies to `parent` (or to nothing, for a thread's first post)."""
    for post in posts:
        if same_text(part, str(post.get("text", ""))) and _parents(post) == ([parent] if parent else []) \
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
