"""A fake Mastodon instance on 127.0.0.1: POST /api/v1/statuses, recorded, honouring Idempotency-Key like Mastodon
(until `forget_keys`, as Mastodon does after about an hour); GET, PUT (edit) and DELETE /api/v1/statuses/:id (only
the token's own account edits or deletes), the account's statuses (GET /api/v1/accounts/:id/statuses),
verify_credentials, and /api/v2/search resolving another instance's status link; and FakeMastodonInstance, the same
instance with the account's scheduled statuses too (sandbox/platforms/mastodon.py), as the demo uses it."""
from __future__ import annotations

import threading
from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request
from sandbox.platforms.mastodon import FakeMastodonSchedule


class FakeMastodon(FakePlatform):
    """Records every request; a key seen before gets the status made for it again, a new one a new status.

    `fail_status` answers that HTTP status with an error body (and makes nothing) while set; `block` makes
    requests wait for `release` before answering, as a slow instance; `made` is set whenever a status is made.
    """

    def __init__(self) -> None:
        super().__init__()
        self.statuses: list[dict[str, str]] = []
        self.fail_status: int | None = None
        self.block = False
        self.release = threading.Event()
        self.made = threading.Event()
        self._by_key: dict[str, dict[str, str]] = {}
        self.remote: dict[str, dict[str, Any]] = {}
        """Statuses of other instances by their link (add_remote)."""
        self._made = 0

    def stop(self) -> None:
        self.release.set()
        super().stop()

    def error_body(self, status: int, text: str) -> Any:
        return {"error": text}

    account = {"id": "109000001", "acct": "acme"}

    def add_status(self, text: str, acct: str = "acme", created_at: str = "2026-12-05T09:00:00.000Z") -> dict[str, Any]:
        """A status already on the instance (another account's when `acct` is not ours)."""
        account = self.account if acct == "acme" else {"id": "109000777", "acct": acct}
        number = self._number()
        status = {"id": number, "url": f"{self.url}/@{acct}/{number}", "content": f"<p>{text}</p>", "account": account,
                  "created_at": created_at, "replies_count": 7, "reblogs_count": 31,
                  "favourites_count": 2, "visibility": "public"}
        self.statuses.append(status)
        return status

    def answer(self, request: Request) -> Answer:
        if not self.authorised(request):
            return 401, {"error": "The access token is invalid"}, {}
        if request.path == "/api/v1/accounts/verify_credentials":
            return 200, self.account, {}
        if self.fail_status is not None:
            return self.fail_status, {"error": "Service Unavailable"}, {}
        if request.path == f"/api/v1/accounts/{self.account['id']}/statuses":
            own = [st for st in reversed(self.statuses) if st["account"] == self.account]
            return 200, own[:int(request.query.get("limit", "20"))], {}
        if request.path == "/api/v2/search":
            return self._search(request.query.get("q", ""), request.query.get("resolve") == "true")
        if request.path.startswith("/api/v1/statuses/"):
            return self._one(request, request.path.rpartition("/")[2])
        if request.path != "/api/v1/statuses":
            return 404, {"error": "Record not found"}, {}
        if self.block:
            self.release.wait(5)
        key = request.headers.get("idempotency-key", "")
        status = self._by_key.get(key) if key else None
        if status is None:
            number = self._number()
            status = {"id": number, "url": f"{self.url}/@acme/{number}", "content": request.body["status"],
                      "visibility": request.body.get("visibility", ""), "account": self.account,
                      "in_reply_to_id": request.body.get("in_reply_to_id"),
                      "created_at": self.now().strftime("%Y-%m-%dT%H:%M:%S.000Z")}
            self.statuses.append(status)
            if key:
                self._by_key[key] = status
        self.made.set()
        return 200, status, {}

    def forget_keys(self) -> None:
        """Idempotency-Keys seen so far are forgotten, as Mastodon forgets them after about an hour."""
        self._by_key.clear()

    def add_remote(self, url: str, text: str, acct: str,
                   created_at: str = "2026-12-05T09:00:00.000Z") -> dict[str, Any]:
        """A status of another instance at `url`, which the search finds (resolve=true) and gives a local id."""
        number = self._number()
        status = {"id": number, "url": url, "content": f"<p>{text}</p>", "visibility": "public",
                  "account": {"id": f"2{number:0>8}", "acct": acct}, "created_at": created_at}
        self.remote[url] = status
        return status

    def _search(self, query: str, resolve: bool) -> Answer:
        """GET /api/v2/search: a status link of another instance resolves (when asked to) to its local copy."""
        status = self.remote.get(query) if resolve else None
        if status is not None and status not in self.statuses:
            self.statuses.append(status)
        local = next((s for s in self.statuses if s.get("url") == query), None)
        return 200, {"accounts": [], "hashtags": [], "statuses": [local] if local else []}, {}

    def _number(self) -> str:
        self._made += 1
        return str(self._made)

    def _one(self, request: Request, status_id: str) -> Answer:
        """Read, edit (the text replaced, `edits` counted) or delete a status. One that is gone, or (to change it)
        another account's, is "Record not found", as Mastodon answers."""
        status = next((s for s in self.statuses if s["id"] == status_id), None)
        if status is None or (request.method != "GET" and status["account"] != self.account):
            return 404, {"error": "Record not found"}, {}
        if request.method == "DELETE":
            self.statuses.remove(status)
            return 200, dict(status, text=status["content"]), {}
        if request.method == "PUT":
            status["content"] = (request.body or {}).get("status", "")
            status["edits"] = str(int(status.get("edits", "0")) + 1)
        return 200, status, {}


class FakeMastodonInstance(FakeMastodonSchedule, FakeMastodon):
    """One instance answering both: /api/v1/scheduled_statuses and a POST of a status with `scheduled_at` go to the
    scheduled statuses (`scheduled`), every other request to the statuses (`statuses`); ids never repeat across
    the two."""

    def answer(self, request: Request) -> Answer:
        scheduling = request.method == "POST" and request.path == "/api/v1/statuses" and \
            bool((request.body or {}).get("scheduled_at"))
        if scheduling or request.path.startswith("/api/v1/scheduled_statuses"):
            return FakeMastodonSchedule.answer(self, request)
        return FakeMastodon.answer(self, request)
