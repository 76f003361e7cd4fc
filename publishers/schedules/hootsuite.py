"""Hootsuite's scheduled messages (REST API v1): GET /v1/messages?state=SCHEDULED within a time window, DELETE
/v1/messages/{id}, and POST /v1/messages with scheduledSendTime to restore (to the same social profile)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost
from publishers.answers import iso_time, success
from publishers.schedules.media import is_url
from sources.http import HttpClient

WINDOW = timedelta(days=27)
"""How far ahead scheduled messages are read (Hootsuite's window between startTime and endTime is limited)."""
MAX_PAGES = 20


class HootsuiteSchedule:
    """The messages scheduled in the Hootsuite organisation of `token` (for `profiles` only, when given)."""

    def __init__(self, token: str, api: str = "https://platform.hootsuite.com", profiles: tuple[str, ...] = (),
                 http: HttpClient | None = None, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._api = api.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._profiles = profiles
        self._http = http or HttpClient()
        self._now = now

    def planned(self) -> list[PlannedPost]:
        start = self._now()
        query: list[tuple[str, str]] = [("state", "SCHEDULED"), ("limit", "100"), ("startTime", _iso(start)),
                                        ("endTime", _iso(start + WINDOW))]
        query += [("socialProfileIds", p) for p in self._profiles]
        found: list[PlannedPost] = []
        cursor = ""
        for _ in range(MAX_PAGES):
            page = query + ([("cursor", cursor)] if cursor else [])
            answer = success("Hootsuite", self._http.send("GET", f"{self._api}/v1/messages?{urlencode(page)}",
                                                          self._headers), _error)
            data = answer.get("data") if isinstance(answer, dict) else None
            found += [_planned(m) for m in data or [] if isinstance(m, dict) and m.get("state") == "SCHEDULED"]
            cursor = str(((answer or {}).get("metadata") or {}).get("cursor") or "") if isinstance(answer, dict) else ""
            if not cursor:
                break
        return sorted(found, key=lambda p: p.post_at)

    def remove(self, post_id: str) -> bool:
        response = self._http.send("DELETE", f"{self._api}/v1/messages/{post_id}", self._headers)
        if response.status == 404:
            return False
        success("Hootsuite", response, _error)
        return True

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        return []  # uploaded media stay in Hootsuite's library; linked media are the team's own links

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        """Hootsuite offers no idempotency key: the caller looks for the message before a second try. Media go
        back as they were: links as mediaUrls, files uploaded to Hootsuite by their media ids."""
        body: dict[str, object] = {"text": post.text, "socialProfileIds": [post.author],
                                   "scheduledSendTime": _iso(post_at)}
        media = post.media
        if links := [{"url": m} for m in media if is_url(m)]:
            body["mediaUrls"] = links
        if uploaded := [{"id": m} for m in media if not is_url(m)]:
            body["media"] = uploaded
        answer = success("Hootsuite", self._http.send("POST", f"{self._api}/v1/messages", self._headers,
                                                      json_body=body), _error)
        data = answer.get("data") if isinstance(answer, dict) else None
        return str(data[0].get("id", "")) if isinstance(data, list) and data and isinstance(data[0], dict) else ""


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _planned(message: dict[str, object]) -> PlannedPost:
    """Media uploaded to Hootsuite keep their id (reusable); media given by link keep the link."""
    uploaded = [m.get("id") for m in _dicts(message.get("media"))]
    linked = [m.get("url") for m in _dicts(message.get("mediaUrls"))]
    profile = message.get("socialProfile") if isinstance(message.get("socialProfile"), dict) else {}
    return PlannedPost(str(message.get("id")), str(message.get("text") or ""),
                       iso_time(message.get("scheduledSendTime")) or datetime.max.replace(tzinfo=UTC),
                       tuple(str(m) for m in linked + uploaded if m),
                       author=str(profile.get("id") or ""))  # type: ignore[union-attr]


def _dicts(value: object) -> list[dict[str, object]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _error(answer: object) -> str | None:
    errors = answer.get("errors") if isinstance(answer, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("message") or errors[0].get("code") or "")
    return None
