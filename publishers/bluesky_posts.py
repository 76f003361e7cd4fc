"""Read and take down the brand's own Bluesky posts (com.atproto.repo.getRecord and deleteRecord on its own repo,
after com.atproto.server.createSession): the post remover of a Bluesky target (crisis.takedowns.ports.PostRemover)."""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from crisis.takedowns.model import PostCopy
from crisis.takedowns.ports import PostUnavailable
from publishers.answers import decode, failure, iso_time, success
from publishers.bluesky import POST, BlueskyPublisher, _auth, _error

_POST_PATH = re.compile(r"^/profile/([^/]{3,253})/post/([a-z0-9]{10,20})/?$")
APP_HOSTS = frozenset({"bsky.app", "www.bsky.app"})


class BlueskyPosts(BlueskyPublisher):
    """The posts of the publisher's account (its session, its repo); a post's id here is "<handle or DID>/<rkey>"
    as its bsky.app link names it. Another account's post is never read as ours: deleteRecord only touches our
    repo, and getRecord is asked of our repo only."""

    def recognise(self, url: str) -> str | None:
        parts = urlsplit(url)
        match = _POST_PATH.match(parts.path) if parts.netloc.lower() in APP_HOSTS else None
        return f"{match.group(1).lower()}/{match.group(2)}" if match else None

    def fetch(self, post_id: str) -> PostCopy:
        session, rkey = self._ours(post_id)
        answer = self._record(session, rkey)
        if answer is None:
            raise PostUnavailable("gone", "RecordNotFound")
        value = answer.get("value") if isinstance(answer.get("value"), dict) else {}
        return PostCopy(text=str(value.get("text") or ""), author=f"@{session['handle']}",
                        posted_at=iso_time(value.get("createdAt")),
                        url=f"https://bsky.app/profile/{session['handle']}/post/{rkey}")

    def remove(self, post_id: str) -> bool:
        """Looked up first (deleteRecord answers the same whether or not the record was there)."""
        session, rkey = self._ours(post_id)
        if self._record(session, rkey) is None:
            return False
        response = self._http.send("POST", f"{self._xrpc}/com.atproto.repo.deleteRecord", _auth(session),
                                   json_body={"repo": session["did"], "collection": POST, "rkey": rkey})
        success("Bluesky", response, _error)
        return True

    def _ours(self, post_id: str) -> tuple[dict[str, str], str]:
        actor, _, rkey = post_id.partition("/")
        session = self._session()
        if actor not in (session["did"], session["handle"].lower()):
            raise PostUnavailable("not_ours", f"@{actor}")
        return session, rkey

    def _record(self, session: dict[str, str], rkey: str) -> dict | None:
        response = self._http.send("GET", f"{self._xrpc}/com.atproto.repo.getRecord?repo={quote(session['did'])}"
                                   f"&collection={POST}&rkey={quote(rkey)}", _auth(session))
        answer = decode(response)
        if response.status == 400 and isinstance(answer, dict) and answer.get("error") == "RecordNotFound":
            return None
        if not 200 <= response.status < 300 or not isinstance(answer, dict):
            raise failure("Bluesky", response, _error(answer))
        return answer

