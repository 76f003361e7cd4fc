"""A Mastodon account's scheduled statuses: GET /api/v1/scheduled_statuses (paged by its Link header), DELETE
/api/v1/scheduled_statuses/:id, and POST /api/v1/statuses with scheduled_at (and an Idempotency-Key) to restore,
its media fetched from their links and uploaded again (POST /api/v2/media)."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from crisis.errors import PublishFailed
from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost
from publishers.answers import iso_time, success
from publishers.schedules.media import copies_of, is_url, kept_or_fetched
from sources.http import HttpClient

MAX_PAGES = 20
OPTIONS = ("visibility", "spoiler_text", "sensitive", "language", "in_reply_to_id", "poll")
"""The scheduled status's params kept with the paused post and sent back on restore: without them a
followers-only or direct status would come back with the account's default visibility, its content warning gone."""
POLL = ("expires_in", "multiple", "hide_totals")
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class MastodonSchedule:
    """The scheduled statuses of the account of `token` on `instance`."""

    def __init__(self, instance: str, token: str, http: HttpClient | None = None,
                 media_http: HttpClient | None = None) -> None:
        self._instance = instance.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()
        self._media_http = media_http

    def planned(self) -> list[PlannedPost]:
        found: list[PlannedPost] = []
        url: str | None = f"{self._instance}/api/v1/scheduled_statuses?limit=40"
        for _ in range(MAX_PAGES):
            if url is None:
                break
            response = self._http.send("GET", url, self._headers)
            answer = success("Mastodon", response, _error)
            found += [_planned(s) for s in answer if isinstance(s, dict)] if isinstance(answer, list) else []
            following = _NEXT.search(response.headers.get("Link", ""))
            url = following.group(1) if following and following.group(1).startswith(self._instance) else None
        return sorted(found, key=lambda p: p.post_at)

    def remove(self, post_id: str) -> bool:
        """A 404 is a scheduled status gone already (published, or deleted by an earlier try)."""
        response = self._http.send("DELETE", f"{self._instance}/api/v1/scheduled_statuses/{post_id}", self._headers)
        if response.status == 404:
            return False
        success("Mastodon", response, _error)
        return True

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        """Mastodon deletes media that stay unattached for a day: a copy of each is kept while paused."""
        return copies_of(post.media, self._media_http)

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        """Schedule the text again with its media, each uploaded again (from the copy kept, else fetched from its
        link); the same key within an hour gives the status Mastodon made for it, so a retry after a lost answer
        schedules nothing twice."""
        media = [self._upload(kept_or_fetched(m, files, self._media_http)) if is_url(m) else m for m in post.media]
        fields: dict[str, object] = {"status": post.text, **_fields(post.options_json),
                                     "scheduled_at": post_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")}
        if media:
            fields["media_ids[]"] = media
        response = self._http.send("POST", f"{self._instance}/api/v1/statuses", {**self._headers,
                                   "Idempotency-Key": key}, form=fields)  # type: ignore[arg-type]
        answer = success("Mastodon", response, _error)
        return str(answer.get("id", "")) if isinstance(answer, dict) else ""

    def _upload(self, media: MediaCopy) -> str:
        """The new media id; a file Mastodon is still processing (202: videos) cannot be attached yet."""
        response = self._http.send("POST", f"{self._instance}/api/v2/media", self._headers,
                                   files={"file": (media.name, media.data, media.content_type)})
        answer = success("Mastodon", response, _error)
        if response.status == 202:
            raise PublishFailed(f"Mastodon is still processing the attached file {media.name}; try again in a "
                                "minute")
        return str(answer.get("id", "")) if isinstance(answer, dict) else ""


def _planned(status: dict[str, object]) -> PlannedPost:
    params = status.get("params") if isinstance(status.get("params"), dict) else {}
    media = status.get("media_attachments") if isinstance(status.get("media_attachments"), list) else []
    when = iso_time(status.get("scheduled_at")) or datetime.max.replace(tzinfo=UTC)
    options = {k: params[k] for k in OPTIONS if params.get(k) not in (None, "")}  # type: ignore[union-attr]
    return PlannedPost(str(status.get("id")), str(params.get("text") or ""), when,  # type: ignore[union-attr]
                       tuple(str(m.get("url") or m.get("id")) for m in media if isinstance(m, dict)),
                       options_json=json.dumps(options, sort_keys=True) if options else "")


def _fields(options_json: str) -> dict[str, object]:
    """POST /api/v1/statuses form fields from the params kept at pause (none kept: public, as before they were)."""
    try:
        options = json.loads(options_json) if options_json else {"visibility": "public"}
    except ValueError:
        options = {}
    if not isinstance(options, dict):
        return {}
    fields: dict[str, object] = {k: _form(options[k]) for k in OPTIONS[:-1] if options.get(k) not in (None, "")}
    poll = options.get("poll")
    if isinstance(poll, dict) and isinstance(poll.get("options"), list):
        fields["poll[options][]"] = [str(o) for o in poll["options"]]
        fields |= {f"poll[{k}]": _form(poll[k]) for k in POLL if poll.get(k) is not None}
    return fields


def _form(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _error(answer: object) -> str | None:
    return str(answer.get("error")) if isinstance(answer, dict) and answer.get("error") else None
