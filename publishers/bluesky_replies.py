"""Reply as the brand's Bluesky account to anyone's post (crisis.webcare.ports.Replier): the post is read through the
account's PDS (app.bsky.feed.getPostThread, proxied to the AppView), and the reply is a post whose `reply` names the
thread's root and the post (com.atproto.repo.createRecord). Exactly once: its record key is a TID fixed per reply,
looked up before a retry, so the repo can hold it only once."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from crisis.errors import PublishFailed
from crisis.i18n import Number, msg
from crisis.takedowns.ports import PostUnavailable
from crisis.webcare.model import PostSeen
from publishers.answers import decode, failure
from publishers.bluesky import MAX_GRAPHEMES, POST, TID_ALPHABET, BlueskyPublisher, _auth, _error, fits
from publishers.bluesky_posts import APP_HOSTS, _POST_PATH


def reply_key(key: str, since: datetime) -> str:
    """The TID of the reply named `key` (crisisbot-reply-<id>): `since` in microseconds, the clock id from the id."""
    number = key.rpartition("-")[2]
    clock = (int(number) if number.isdigit() else sum(map(ord, key))) % 1024
    micros = int(since.timestamp()) * 1_000_000 + since.microsecond
    value = (micros << 10) | clock
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


class BlueskyReplies(BlueskyPublisher):
    """Replies as the publisher's account; a post's id is "<handle or DID>/<rkey>" as its bsky.app link names it."""

    def recognise(self, url: str) -> str | None:
        parts = urlsplit(url)
        match = _POST_PATH.match(parts.path) if parts.netloc.lower() in APP_HOSTS else None
        return f"{match.group(1).lower()}/{match.group(2)}" if match else None

    def fetch(self, post_id: str) -> PostSeen:
        view = self._view(self._session(), post_id)
        author = view.get("author") if isinstance(view.get("author"), dict) else {}
        record = view.get("record") if isinstance(view.get("record"), dict) else {}
        handle = str(author.get("handle") or post_id.partition("/")[0])
        return PostSeen(f"@{handle}", str(record.get("text") or ""),
                        f"https://bsky.app/profile/{handle}/post/{post_id.partition('/')[2]}")

    def reply(self, post_id: str, text: str, key: str, retried: bool, since: datetime) -> str:
        if not fits(text):
            raise PublishFailed(msg("publish_reason.longer_than_a_post", platform="Bluesky",
                                    limit=Number(MAX_GRAPHEMES)), permanent=True)
        session = self._session()
        rkey = reply_key(key, since)
        found = self._find(session, rkey) if retried else None
        if found is None:
            view = self._view(session, post_id)
            parent = {"uri": str(view.get("uri")), "cid": str(view.get("cid"))}
            earlier = (view.get("record") or {}).get("reply") if isinstance(view.get("record"), dict) else None
            root = earlier.get("root") if isinstance(earlier, dict) and isinstance(earlier.get("root"), dict) \
                else parent
            record: dict[str, Any] = {"$type": POST, "text": text, "reply": {"root": root, "parent": parent},
                                      "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds")}
            facets = self._facets(text, session)
            if facets:
                record["facets"] = facets
            self._create(session, rkey, record)
        return f"https://bsky.app/profile/{session['handle']}/post/{rkey}"

    def _view(self, session: dict[str, str], post_id: str) -> dict[str, Any]:
        actor, _, rkey = post_id.partition("/")
        did = actor if actor.startswith("did:") else self._resolve(actor, session)
        if did is None:
            raise PostUnavailable("gone", f"@{actor} does not resolve")
        uri = f"at://{did}/{POST}/{rkey}"
        response = self._http.send("GET", f"{self._xrpc}/app.bsky.feed.getPostThread?uri={quote(uri)}&depth=0"
                                   "&parentHeight=0", _auth(session))
        answer = decode(response)
        if response.status == 400 and isinstance(answer, dict) and answer.get("error") == "NotFound":
            raise PostUnavailable("gone", "NotFound")
        if not 200 <= response.status < 300 or not isinstance(answer, dict):
            raise failure("Bluesky", response, _error(answer))
        post = (answer.get("thread") or {}).get("post") if isinstance(answer.get("thread"), dict) else None
        if not isinstance(post, dict) or not isinstance(post.get("uri"), str) or not isinstance(post.get("cid"), str):
            raise PostUnavailable("gone", "no post in the thread")
        return post
