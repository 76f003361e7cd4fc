"""A fake Hootsuite REST API on 127.0.0.1: GET /v1/messages (state, startTime, endTime and socialProfileIds
filters, a cursor in metadata), DELETE /v1/messages/{id} and POST /v1/messages with scheduledSendTime, with
Hootsuite's error bodies ({"errors": [{"code", "message"}]})."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request

_ERRORS = {400: (1000, "Bad request"), 401: (1002, "Access token is invalid or expired"),
           403: (1003, "Insufficient permissions"), 404: (4001, "Message not found"),
           429: (1004, "Rate limit exceeded"), 500: (1001, "Internal server error")}


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


class FakeHootsuite(FakePlatform):
    """`messages`: every message of the organisation (SCHEDULED ones can be deleted)."""

    page_size = 50

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[dict[str, Any]] = []
        self._made = 0

    def error_body(self, status: int, text: str) -> Any:
        code, message = _ERRORS.get(status, _ERRORS[500])
        return {"errors": [{"code": code, "message": message}]}

    def add_message(self, text: str, at: str, profile: str = "115185509", state: str = "SCHEDULED",
                    media: tuple[str, ...] = (), links: tuple[str, ...] = ()) -> dict[str, Any]:
        """A message with files uploaded to Hootsuite (`media`, their ids) and media given by link (`links`)."""
        self._made += 1
        message = {"id": f"2{self._made:08d}", "state": state, "text": text, "scheduledSendTime": at,
                   "socialProfile": {"id": profile}, "media": [{"id": m} for m in media],
                   "mediaUrls": [{"url": u} for u in links], "tags": []}
        self.messages.append(message)
        return message

    def scheduled(self) -> list[str]:
        return [m["text"] for m in self.messages if m["state"] == "SCHEDULED"]

    def answer(self, request: Request) -> Answer:
        if not self.authorised(request):
            return 401, self.error_body(401, ""), {}
        if request.path == "/v1/messages" and request.method == "GET":
            return self._list(request)
        if request.path == "/v1/messages" and request.method == "POST":
            body = request.body or {}
            if not body.get("text") or not body.get("socialProfileIds") or not body.get("scheduledSendTime"):
                return 400, self.error_body(400, ""), {}
            media = tuple(m["id"] for m in body.get("media", []))
            links = tuple(m["url"] for m in body.get("mediaUrls", []))
            made = [self.add_message(body["text"], body["scheduledSendTime"], p, media=media, links=links)
                    for p in body["socialProfileIds"]]
            return 200, {"data": [{"id": m["id"], "state": m["state"]} for m in made]}, {}
        if request.path.startswith("/v1/messages/") and request.method == "DELETE":
            found = next((m for m in self.messages if m["id"] == request.path.rpartition("/")[2]), None)
            if found is None:
                return 404, self.error_body(404, ""), {}
            self.messages.remove(found)
            return 204, None, {}
        return 404, self.error_body(404, ""), {}

    def _list(self, request: Request) -> Answer:
        query = request.query
        if "startTime" not in query or "endTime" not in query:
            return 400, {"errors": [{"code": 1000, "message": "startTime and endTime are required"}]}, {}
        start, end = _time(query["startTime"]), _time(query["endTime"])
        profiles = {query["socialProfileIds"]} if "socialProfileIds" in query else set()
        found = [m for m in self.messages if m["state"] == query.get("state", m["state"])
                 and start <= _time(m["scheduledSendTime"]) <= end
                 and (not profiles or m["socialProfile"]["id"] in profiles)]
        offset = int(query.get("cursor", "0") or 0)
        page = found[offset:offset + self.page_size]
        cursor = str(offset + self.page_size) if offset + self.page_size < len(found) else None
        return 200, {"data": page, "metadata": {"cursor": cursor}}, {}
