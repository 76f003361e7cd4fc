"""Publish a statement on Bluesky (AT Protocol XRPC: com.atproto.server.createSession, com.atproto.repo.createRecord
of app.bsky.feed.post): links and mentions as facets with UTF-8 byte offsets, 300 graphemes a post, longer texts
as a thread of replies. Exactly once: every post of a statement version has its own record key (a TID derived
from the version), so a repo can hold it only once; after a lost answer or on a retry the key is looked up
(com.atproto.repo.getRecord) before anything is created. A correction is a reply to the original's first post (a
record cannot be edited in place without breaking the references to it), with its own record keys; a retraction
deletes our posts below the original (its corrections, found by their reply root among the account's records with
com.atproto.repo.listRecords), then the original's posts (com.atproto.repo.deleteRecord, last post first, so what
is left is always a thread from its first post; a record gone already counts as deleted)."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from crisis.errors import PublishFailed
from crisis.i18n import msg
from crisis.statements.length import graphemes, split_posts, url_spans
from crisis.statements.model import Statement
from publishers.answers import decode, failure, success
from publishers.once import retried
from sources.http import HttpClient

MAX_GRAPHEMES = 300
MAX_BYTES = 3000
"""app.bsky.feed.post's text: at most 300 graphemes and 3000 bytes of UTF-8."""
LOOKBACK_RECORDS = 100
RETRACT_PAGES = 10
"""How far back a retraction looks for the original's corrections: RETRACT_PAGES pages of LOOKBACK_RECORDS."""
POST = "app.bsky.feed.post"
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_MENTION = re.compile(r"(?<![\w@/])@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)",
                      re.IGNORECASE)


def fits(text: str) -> bool:
    return len(graphemes(text)) <= MAX_GRAPHEMES and len(text.encode()) <= MAX_BYTES


def record_key(statement: Statement, index: int) -> str:
    """The TID (13 base32-sortable characters: microseconds since 1970, then a 10-bit clock id) of post `index`
    of the current version: its creation time plus `index` µs, the clock id from the statement and version."""
    if statement.id is None:
        raise ValueError("a statement is stored before it is published")
    version = statement.current
    micros = int(version.created_at.timestamp()) * 1_000_000 + version.created_at.microsecond + index
    value = (micros << 10) | ((statement.id * 1009 + version.number) % 1024)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def first_key(ref: str) -> str:
    """The record key of a thread's first post, at the end of the URL publish returned."""
    rkey = ref.rstrip("/").rpartition("/")[2]
    if len(rkey) != 13 or any(c not in TID_ALPHABET for c in rkey):
        raise PublishFailed(msg("publish_reason.not_a_post_url", platform="Bluesky", url=ref[:80]), permanent=True)
    return rkey


def next_key(rkey: str) -> str:
    """The record key of the next post of the same thread (record_key's `index` + 1)."""
    value = _tid_value(rkey) + (1 << 10)
    return "".join(TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def _tid_value(rkey: str) -> int:
    return sum(TID_ALPHABET.index(c) << shift for c, shift in zip(rkey, range(60, -1, -5)))


def byte_span(text: str, start: int, end: int) -> dict[str, int]:
    """A facet's index: offsets in the UTF-8 bytes of the text, as the AT Protocol counts them."""
    first = len(text[:start].encode())
    return {"byteStart": first, "byteEnd": first + len(text[start:end].encode())}


class BlueskyPublisher:
    """Posts as `handle` with an app password to its PDS (`service`, the entryway by default); the reference
    is the first post's bsky.app URL."""

    def __init__(self, handle: str, app_password: str, service: str = "https://bsky.social",
                 http: HttpClient | None = None) -> None:
        self._handle = handle.lstrip("@")
        self._password = app_password
        self._xrpc = f"{service.rstrip('/')}/xrpc"
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        session = self._session()
        return self._thread(session, statement, text, None)

    def _thread(self, session: dict[str, str], statement: Statement, text: str,
                reply_to: dict[str, str] | None) -> str:
        """The text as a thread of posts (replying to the post `reply_to`, {uri, cid}, when given); the first
        post's URL."""
        look_first = retried(statement)
        root, parent = reply_to, reply_to
        for index, part in enumerate(split_posts(text, fits)):
            rkey = record_key(statement, index)
            found = self._find(session, rkey) if look_first else None
            if found is None:
                record: dict[str, Any] = {"$type": POST, "text": part,
                                          "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds")}
                facets = self._facets(part, session)
                if facets:
                    record["facets"] = facets
                if root and parent:
                    record["reply"] = {"root": root, "parent": parent}
                found = self._create(session, rkey, record)
            root, parent = root or found, found
        return f"https://bsky.app/profile/{session['handle']}/post/{record_key(statement, 0)}"

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        session = self._session()
        original = self._find(session, first_key(ref))
        if original is None:
            raise PublishFailed(msg("publish_reason.post_to_correct_gone", platform="Bluesky"), permanent=True)
        return self._thread(session, statement, text, original)

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        session = self._session()
        keys = [first_key(ref)]
        below = self._replies_to(session, keys[0])
        while self._find(session, keys[-1]) is not None:
            keys.append(next_key(keys[-1]))
        for rkey in [*sorted(set(below) - set(keys), reverse=True), *reversed(keys[:-1])]:
            success("Bluesky", self._http.send("POST", f"{self._xrpc}/com.atproto.repo.deleteRecord", _auth(session),
                                               json_body={"repo": session["did"], "collection": POST, "rkey": rkey}),
                    _error)
        return ref

    def _replies_to(self, session: dict[str, str], first: str) -> list[str]:
        """The record keys of the account's posts in the thread of its post `first` (its own later posts, and our
        corrections: replies whose root is `first`). A correction is written after the original, so its key's
        time is no earlier: the account's records (newest key first) are read back until one is older than
        `first`. PublishFailed, deleting nothing, when that is beyond RETRACT_PAGES pages."""
        root = f"at://{session['did']}/{POST}/{first}"
        found: list[str] = []
        cursor = ""
        for _ in range(RETRACT_PAGES):
            answer = success("Bluesky", self._http.send(
                "GET", f"{self._xrpc}/com.atproto.repo.listRecords?repo={quote(session['did'])}&collection={POST}"
                       f"&limit={LOOKBACK_RECORDS}{f'&cursor={quote(cursor)}' if cursor else ''}", _auth(session)),
                _error)
            records = answer.get("records") if isinstance(answer, dict) else None
            if not isinstance(records, list):
                raise PublishFailed("Bluesky answered listRecords without its records")
            older = False
            for record in (r for r in records if isinstance(r, dict) and isinstance(r.get("uri"), str)):
                rkey = record["uri"].rpartition("/")[2]
                if len(rkey) != 13 or any(c not in TID_ALPHABET for c in rkey):
                    continue
                older = older or _tid_value(rkey) >> 10 < _tid_value(first) >> 10
                reply = record.get("value", {}).get("reply") if isinstance(record.get("value"), dict) else None
                if isinstance(reply, dict) and isinstance(reply.get("root"), dict) and reply["root"].get("uri") == root:
                    found.append(rkey)
            cursor = answer.get("cursor")
            if older or not records or not isinstance(cursor, str) or not cursor:
                return found
        raise PublishFailed(msg("publish_reason.thread_out_of_reach", platform="Bluesky",
                                count=str(RETRACT_PAGES * LOOKBACK_RECORDS)), permanent=True)

    def _session(self) -> dict[str, str]:
        response = self._http.send("POST", f"{self._xrpc}/com.atproto.server.createSession",
                                   {"Accept": "application/json"},
                                   json_body={"identifier": self._handle, "password": self._password})
        answer = success("Bluesky", response, _error)
        if not isinstance(answer, dict) or not all(isinstance(answer.get(k), str) for k in ("accessJwt", "did")):
            raise PublishFailed("Bluesky answered createSession without a session")
        return {"jwt": answer["accessJwt"], "did": answer["did"], "handle": str(answer.get("handle") or self._handle)}

    def _create(self, session: dict[str, str], rkey: str, record: dict[str, Any]) -> dict[str, str]:
        """Create the record under its key; when the answer is lost or the key is taken (a 500 from the PDS
        today), the record found under the key is the one made."""
        try:
            response = self._http.send("POST", f"{self._xrpc}/com.atproto.repo.createRecord", _auth(session),
                                       json_body={"repo": session["did"], "collection": POST, "rkey": rkey,
                                                  "record": record})
            answer = success("Bluesky", response, _error)
        except PublishFailed as failed:
            if (failed.permanent and "RecordAlreadyExists" not in failed.reason) or failed.retry_after is not None:
                raise
            found = self._find(session, rkey, quiet=True)
            if found is None:
                raise
            return found
        return _strong_ref(answer)

    def _find(self, session: dict[str, str], rkey: str, quiet: bool = False) -> dict[str, str] | None:
        """The post under `rkey` ({uri, cid}), None when there is none (or, `quiet`, when it cannot be read)."""
        try:
            response = self._http.send("GET", f"{self._xrpc}/com.atproto.repo.getRecord?repo={quote(session['did'])}"
                                       f"&collection={POST}&rkey={rkey}", _auth(session))
        except PublishFailed:
            if quiet:
                return None
            raise
        answer = decode(response)
        if response.status == 400 and isinstance(answer, dict) and answer.get("error") == "RecordNotFound":
            return None
        if not 200 <= response.status < 300:
            if quiet:
                return None
            raise failure("Bluesky", response, _error(answer))
        return _strong_ref(answer)

    def _facets(self, text: str, session: dict[str, str]) -> list[dict[str, Any]]:
        """Links (with or without a scheme) and @mentions of handles that resolve to an account."""
        facets = []
        for start, end in url_spans(text):
            uri = text[start:end]
            uri = uri if re.match(r"https?://", uri, re.IGNORECASE) else f"https://{uri}"
            facets.append({"index": byte_span(text, start, end),
                           "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}]})
        for match in _MENTION.finditer(text):
            if any(f["index"]["byteStart"] <= len(text[:match.start()].encode()) < f["index"]["byteEnd"]
                   for f in facets):
                continue
            did = self._resolve(match.group(1), session)
            if did:
                facets.append({"index": byte_span(text, match.start(), match.end()),
                               "features": [{"$type": "app.bsky.richtext.facet#mention", "did": did}]})
        return sorted(facets, key=lambda f: f["index"]["byteStart"])

    def _resolve(self, handle: str, session: dict[str, str]) -> str | None:
        response = self._http.send("GET", f"{self._xrpc}/com.atproto.identity.resolveHandle?handle={quote(handle)}",
                                   _auth(session))
        answer = decode(response)
        if response.status == 400:
            return None  # not a Bluesky handle: the text stays plain
        did = success("Bluesky", response, _error).get("did") if isinstance(answer, dict) else None
        return did if isinstance(did, str) and did.startswith("did:") else None


def _auth(session: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['jwt']}", "Accept": "application/json"}


def _error(answer: object) -> str | None:
    """XRPC's error body: {"error": name, "message": text}."""
    if not isinstance(answer, dict):
        return None
    parts = [str(answer[k]) for k in ("error", "message") if answer.get(k)]
    return ": ".join(parts) or None


def _strong_ref(answer: object) -> dict[str, str]:
    if not isinstance(answer, dict) or not isinstance(answer.get("uri"), str) or not isinstance(answer.get("cid"), str):
        raise PublishFailed("Bluesky answered without the post's uri and cid")
    return {"uri": answer["uri"], "cid": answer["cid"]}
