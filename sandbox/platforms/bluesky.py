"""A fake Bluesky PDS: createSession, createRecord / getRecord / deleteRecord / listRecords of app.bsky.feed.post,
resolveHandle, app.bsky.feed.getPostThread (as the PDS proxies it to the AppView: our posts and `others`' posts),
with XRPC's error bodies ({"error", "message"}) and the PDS's answer to a record key already taken (500 today)."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from crisis.statements.length import graphemes
from sandbox.platforms.base import Answer, FakePlatform, Request

_TID = re.compile(r"^[234567abcdefghij][2-7a-z]{12}$")
_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_ERRORS = {400: "InvalidRequest", 401: "AuthenticationRequired", 403: "Forbidden", 429: "RateLimitExceeded",
           500: "InternalServerError", 502: "UpstreamFailure", 503: "NotEnoughResources"}


class FakeBluesky(FakePlatform):
    """One account (`handle`, `did`, app password `token`); `known` handles resolve to DIDs; `posts` by rkey."""

    handle = "acme.bsky.social"
    did = "did:plc:acmebrand000000000000000"

    def __init__(self) -> None:
        super().__init__()
        self.posts: dict[str, dict[str, Any]] = {}
        self.known = {self.handle: self.did, "jane.example.com": "did:plc:jane0000000000000000000"}
        self._jwt = "jwt-access-1"
        self.others: dict[str, dict[str, Any]] = {}
        """Other accounts' posts by their at:// uri (a reply may name them)."""

    def add_other(self, handle: str, text: str) -> dict[str, Any]:
        """A post of another account (which then resolves); returns it ({uri, cid, value})."""
        did = self.known.setdefault(handle, f"did:plc:{handle.split('.')[0]:0<24}"[:32])
        rkey = "3m" + "".join(_ALPHABET[(len(self.others) + 7 >> shift) & 31] for shift in range(50, -1, -5))
        uri = f"at://{did}/app.bsky.feed.post/{rkey}"
        post = {"uri": uri, "cid": "bafyrei" + hashlib.sha256(uri.encode()).hexdigest()[:52],
                "value": {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-12-05T09:00:00.000Z"}}
        self.others[uri] = post
        return post

    def error_body(self, status: int, text: str) -> Any:
        return {"error": _ERRORS.get(status, "InternalServerError"), "message": text}

    def answer(self, request: Request) -> Answer:
        return _answer(self, request)

    def _ok(self, body: Any) -> Answer:
        return 200, body, {}

    def _bad(self, status: int, error: str, message: str) -> Answer:
        return status, {"error": error, "message": message}, {}

    def authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self._jwt}"


def _answer(fake: FakeBluesky, request: Request) -> Answer:
    route = request.path.removeprefix("/xrpc/")
    if route == "com.atproto.server.createSession":
        body = request.body or {}
        if body.get("identifier") not in (fake.handle, fake.did) or body.get("password") != fake.token:
            return fake._bad(401, "AuthenticationRequired", "Invalid identifier or password")
        return fake._ok({"accessJwt": fake._jwt, "refreshJwt": "jwt-refresh-1", "handle": fake.handle,
                         "did": fake.did, "active": True})
    if not fake.authorised(request):
        return fake._bad(401, "AuthenticationRequired", "Authentication Required")
    if route == "com.atproto.identity.resolveHandle":
        did = fake.known.get(request.query.get("handle", "").lower())
        return fake._ok({"did": did}) if did else fake._bad(400, "InvalidRequest", "Unable to resolve handle")
    if route == "com.atproto.repo.getRecord":
        rkey = request.query.get("rkey", "")
        post = fake.posts.get(rkey) if request.query.get("repo") == fake.did else None
        if post is None:
            return fake._bad(400, "RecordNotFound", f"Could not locate record: at://{fake.did}/app.bsky.feed.post/{rkey}")
        return fake._ok(post)
    if route == "com.atproto.repo.listRecords":
        return _list(fake, request.query)
    if route == "app.bsky.feed.getPostThread":
        return _thread(fake, request.query.get("uri", ""))
    if route == "com.atproto.repo.createRecord" and request.method == "POST":
        return _create(fake, request.body or {})
    if route == "com.atproto.repo.deleteRecord" and request.method == "POST":
        body = request.body or {}
        if body.get("repo") != fake.did:
            return fake._bad(401, "AuthenticationRequired", "Could not find repo or not authorized")
        if body.get("collection") != "app.bsky.feed.post":
            return fake._bad(400, "InvalidRequest", "Invalid repo or collection")
        fake.posts.pop(str(body.get("rkey")), None)  # deleting a record that is not there succeeds, as on a PDS
        return fake._ok({"commit": {"cid": "bafyreicommit", "rev": "3m2222222222b"}})
    return fake._bad(404, "MethodNotImplemented", "Method Not Implemented")


def _list(fake: FakeBluesky, query: Mapping[str, str]) -> Answer:
    """The account's posts, newest record key first, `limit` (1-100, default 50) a page; the cursor is the last key
    of a full page, and the next page starts below it."""
    if query.get("repo") != fake.did or query.get("collection") != "app.bsky.feed.post":
        return fake._bad(400, "InvalidRequest", "Invalid repo or collection")
    limit = int(query.get("limit", "50"))
    if not 1 <= limit <= 100:
        return fake._bad(400, "InvalidRequest", "limit must be between 1 and 100")
    keys = [k for k in sorted(fake.posts, reverse=True) if not query.get("cursor") or k < query["cursor"]][:limit]
    body: dict[str, Any] = {"records": [fake.posts[k] for k in keys]}
    if len(keys) == limit:
        body["cursor"] = keys[-1]
    return fake._ok(body)


def _thread(fake: FakeBluesky, uri: str) -> Answer:
    """The post as a thread view of depth 0: uri, cid, author {did, handle}, record."""
    did = uri.removeprefix("at://").partition("/")[0]
    post = fake.others.get(uri) or next((p for p in fake.posts.values() if p["uri"] == uri), None)
    if post is None:
        return fake._bad(400, "NotFound", f"Post not found: {uri}")
    handle = next((h for h, d in fake.known.items() if d == did), did)
    return fake._ok({"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": {
        "uri": post["uri"], "cid": post["cid"], "author": {"did": did, "handle": handle}, "record": post["value"]}}})


def _create(fake: FakeBluesky, body: dict[str, Any]) -> Answer:
    record = body.get("record")
    if body.get("repo") != fake.did or body.get("collection") != "app.bsky.feed.post" or not isinstance(record, dict):
        return fake._bad(400, "InvalidRequest", "Invalid repo, collection or record")
    text = record.get("text", "")
    problem = _invalid(fake, record, text)
    if problem:
        return fake._bad(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}")
    rkey = body.get("rkey") or "3m" + "".join(_ALPHABET[(len(fake.posts) >> shift) & 31] for shift in range(50, -1, -5))
    if not _TID.match(rkey):
        return fake._bad(400, "InvalidRequest", "Invalid record key")
    if rkey in fake.posts:
        return 500, {"error": "InternalServerError", "message": "Internal Server Error"}, {}
    uri = f"at://{fake.did}/app.bsky.feed.post/{rkey}"
    cid = "bafyrei" + hashlib.sha256(f"{uri}{text}".encode()).hexdigest()[:52]
    fake.posts[rkey] = {"uri": uri, "cid": cid, "value": record}
    return fake._ok({"uri": uri, "cid": cid, "commit": {"cid": "bafyreicommit", "rev": "3m2222222222a"},
                     "validationStatus": "valid"})


def _invalid(fake: FakeBluesky, record: dict[str, Any], text: str) -> str | None:
    """What app.bsky.feed.post's lexicon (and the reply refs) would refuse, or None."""
    if record.get("$type") != "app.bsky.feed.post" or not isinstance(text, str) or "createdAt" not in record:
        return "record/$type, record/text and record/createdAt are required"
    if len(graphemes(text)) > 300 or len(text.encode()) > 3000:
        return "record/text must not be longer than 300 graphemes"
    size = len(text.encode())
    for facet in record.get("facets", []):
        index = facet.get("index", {})
        if not 0 <= index.get("byteStart", -1) < index.get("byteEnd", -1) <= size:
            return "record/facets/index out of range"
    reply = record.get("reply")
    if reply is not None:
        known = {(p["uri"], p["cid"]) for p in [*fake.posts.values(), *fake.others.values()]}
        for ref in ("root", "parent"):
            if (reply.get(ref, {}).get("uri"), reply.get(ref, {}).get("cid")) not in known:
                return f"record/reply/{ref} is not a post this PDS knows"
    return None
