"""A fake Mastodon instance's scheduled statuses on 127.0.0.1: GET /api/v1/scheduled_statuses (paged with a Link
header), DELETE /api/v1/scheduled_statuses/:id, and POST /api/v1/statuses with scheduled_at (honouring
Idempotency-Key, `media_ids[]` attached), POST /api/v2/media (an upload) and GET /media/<id>.png (the file, public),
with Mastodon's error bodies ({"error": ...}) and 404 "Record not found" for one that is gone."""
from __future__ import annotations

from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request


class FakeMastodonSchedule(FakePlatform):
    """`scheduled`: the account's scheduled statuses as Mastodon shows them, in the order they were made."""

    page_size = 40

    def __init__(self) -> None:
        super().__init__()
        self.scheduled: list[dict[str, Any]] = []
        self._by_key: dict[str, dict[str, Any]] = {}
        self._made = 0
        self.media: dict[str, bytes] = {}
        """The account's uploaded files by media id; `forget_media` deletes one as Mastodon's clean-up does."""
        self.processing = False
        """While set, uploads are answered 202 (still processing), as Mastodon answers for a video."""

    def error_body(self, status: int, text: str) -> Any:
        return {"error": {401: "The access token is invalid", 403: "This action is outside the authorized scopes",
                          429: "Too many requests", 404: "Record not found"}.get(status, "Internal Server Error")}

    def add_media(self, data: bytes) -> str:
        self._made += 1
        self.media[str(self._made)] = data
        return str(self._made)

    def forget_media(self, media_id: str) -> None:
        self.media.pop(media_id, None)

    def attached(self, status: dict[str, Any]) -> list[bytes]:
        """The files of a scheduled status, as they are stored now."""
        return [self.media.get(m["id"], b"") for m in status["media_attachments"]]

    def add_scheduled(self, text: str, at: str, media: tuple[str, ...] = (), **params: Any) -> dict[str, Any]:
        """A status scheduled for `at` (ISO 8601, e.g. "2026-12-06T09:00:00.000Z"), with the uploaded `media`;
        `params` as Mastodon shows them (visibility, spoiler_text, sensitive, language, poll ...)."""
        self._made += 1
        status = {"id": str(self._made), "scheduled_at": at,
                  "params": {"text": text, "visibility": "public", "media_ids": list(media) or None, **params},
                  "media_attachments": [{"id": m, "type": "image", "url": f"{self.url}/media/{m}.png"} for m in media]}
        self.scheduled.append(status)
        return status

    def texts(self) -> list[str]:
        return [s["params"]["text"] for s in self.scheduled]

    def answer(self, request: Request) -> Answer:
        if request.path.startswith("/media/") and request.method == "GET":
            found = self.media.get(request.path.removeprefix("/media/").removesuffix(".png"))
            return (200, found, {}) if found is not None else (404, {"error": "Record not found"}, {})
        if not self.authorised(request):
            return 401, {"error": "The access token is invalid"}, {}
        base = "/api/v1/scheduled_statuses"
        if request.path == base and request.method == "GET":
            return self._page(request)
        if request.path.startswith(base + "/") and request.method == "DELETE":
            found = next((s for s in self.scheduled if s["id"] == request.path.rpartition("/")[2]), None)
            if found is None:
                return 404, {"error": "Record not found"}, {}
            self.scheduled.remove(found)
            return 200, {}, {}
        if request.path == "/api/v1/statuses" and request.method == "POST":
            body = request.body or {}
            if not body.get("scheduled_at"):
                return 422, {"error": "this fake only schedules statuses"}, {}
            key = request.headers.get("idempotency-key", "")
            if key and key in self._by_key:
                return 200, self._by_key[key], {}
            media = tuple(body.get("media_ids[]", []))
            if any(m not in self.media for m in media):
                return 422, {"error": "Validation failed: media not found"}, {}
            status = self.add_scheduled(body.get("status", ""), body["scheduled_at"], media, **_params(body))
            if key:
                self._by_key[key] = status
            return 200, status, {}
        if request.path == "/api/v2/media" and request.method == "POST":
            upload = (request.body or {}).get("file")
            if not isinstance(upload, tuple) or not upload[1]:
                return 422, {"error": "Validation failed: File can't be blank"}, {}
            media_id = self.add_media(upload[1])
            return (202 if self.processing else 200), {"id": media_id, "type": "image", "url": None if
                                                       self.processing else f"{self.url}/media/{media_id}.png"}, {}
        return 404, {"error": "Record not found"}, {}

    def _page(self, request: Request) -> Answer:
        """Newest first, like Mastodon; `max_id` continues below the last one seen."""
        newest = sorted(self.scheduled, key=lambda s: int(s["id"]), reverse=True)
        below = request.query.get("max_id")
        if below:
            newest = [s for s in newest if int(s["id"]) < int(below)]
        size = min(int(request.query.get("limit", "20")), self.page_size)
        page, rest = newest[:size], newest[size:]
        headers = {"Link": f'<{self.url}/api/v1/scheduled_statuses?limit={size}&max_id={page[-1]["id"]}>; '
                           'rel="next"'} if rest else {}
        return 200, page, headers


def _params(body: dict[str, Any]) -> dict[str, Any]:
    """A scheduled status's params from the form fields of POST /api/v1/statuses, as Mastodon shows them."""
    params: dict[str, Any] = {k: body[k] for k in ("visibility", "spoiler_text", "language", "in_reply_to_id")
                              if k in body}
    if "sensitive" in body:
        params["sensitive"] = body["sensitive"] == "true"
    if "poll[options][]" in body:
        params["poll"] = {"options": list(body["poll[options][]"]), "expires_in": body.get("poll[expires_in]"),
                          "multiple": body.get("poll[multiple]") == "true",
                          "hide_totals": body.get("poll[hide_totals]") == "true"}
    return params
