"""A fake Mastodon instance on 127.0.0.1: POST /api/v1/statuses, recorded, honouring Idempotency-Key like Mastodon;
PUT (edit) and DELETE /api/v1/statuses/:id."""
from __future__ import annotations

import threading
from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request


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

    def stop(self) -> None:
        self.release.set()
        super().stop()

    def error_body(self, status: int, text: str) -> Any:
        return {"error": text}

    def answer(self, request: Request) -> Answer:
        if not self.authorised(request):
            return 401, {"error": "The access token is invalid"}, {}
        if self.fail_status is not None:
            return self.fail_status, {"error": "Service Unavailable"}, {}
        if request.path.startswith("/api/v1/statuses/") and request.method in ("PUT", "DELETE"):
            return self._change(request, request.path.rpartition("/")[2])
        if request.path != "/api/v1/statuses":
            return 404, {"error": "Record not found"}, {}
        if self.block:
            self.release.wait(5)
        key = request.headers.get("idempotency-key", "")
        status = self._by_key.get(key) if key else None
        if status is None:
            number = str(len(self.statuses) + 1)
            status = {"id": number, "url": f"{self.url}/@acme/{number}", "content": request.body["status"],
                      "visibility": request.body.get("visibility", "")}
            self.statuses.append(status)
            if key:
                self._by_key[key] = status
        self.made.set()
        return 200, status, {}

    def _change(self, request: Request, status_id: str) -> Answer:
        """Edit (the text replaced, `edits` counted) or delete one of the account's statuses."""
        status = next((s for s in self.statuses if s["id"] == status_id), None)
        if status is None:
            return 404, {"error": "Record not found"}, {}
        if request.method == "DELETE":
            self.statuses.remove(status)
            return 200, status, {}
        status["content"] = (request.body or {}).get("status", "")
        status["edits"] = str(int(status.get("edits", "0")) + 1)
        return 200, status, {}
