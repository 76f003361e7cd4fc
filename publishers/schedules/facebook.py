"""A Facebook Page's scheduled posts (Graph API): GET /{page-id}/scheduled_posts, DELETE /{post-id}, and POST
/{page-id}/feed (or /{page-id}/photos with the picture's link) with published=false and scheduled_publish_time to
restore."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost
from publishers.answers import decode
from publishers.facebook import API_VERSION, _failed, _graph_error
from publishers.facebook_posts import NOT_FOUND
from publishers.schedules.media import copies_of
from sources.http import HttpClient, HttpResponse

FIELDS = "id,message,scheduled_publish_time,full_picture"
MAX_PAGES = 20


class FacebookSchedule:
    """The scheduled posts of the Page `page_id` (a Page access token with pages_manage_posts)."""

    def __init__(self, page_id: str, token: str, api: str = "https://graph.facebook.com",
                 api_version: str = API_VERSION, http: HttpClient | None = None) -> None:
        self._page = page_id
        self._graph = f"{api.rstrip('/')}/{api_version}"
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def planned(self) -> list[PlannedPost]:
        found: list[PlannedPost] = []
        url: str | None = f"{self._graph}/{self._page}/scheduled_posts?fields={FIELDS}&limit=100"
        for _ in range(MAX_PAGES):
            if url is None:
                break
            answer = _answer(self._http.send("GET", url, self._headers), looking=True)
            found += [_planned(p) for p in answer.get("data", []) if isinstance(p, dict)]
            following = (answer.get("paging") or {}).get("next")
            url = following if isinstance(following, str) and following.startswith(self._graph) else None
        return sorted(found, key=lambda p: p.post_at)

    def remove(self, post_id: str) -> bool:
        response = self._http.send("DELETE", f"{self._graph}/{post_id}", self._headers)
        error = _graph_error(decode(response))
        if (error.get("code"), error.get("error_subcode")) == NOT_FOUND:
            return False  # gone already
        _answer(response, changing=True)
        return True

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        """The picture's link is a CDN link that expires: a copy is kept while paused."""
        return copies_of(post.media[:1])

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        """Graph offers no idempotency key: the caller looks for the post before a second try. A post with a
        picture is scheduled as a photo post: the copy kept is uploaded, else Graph fetches the picture's link."""
        fields = {"published": "false", "scheduled_publish_time": str(int(post_at.astimezone(UTC).timestamp()))}
        if not post.media:
            return self._schedule("feed", fields | {"message": post.text})
        kept = next((f for f in files if f.reference == post.media[0]), None)
        if kept is None:
            return self._schedule("photos", fields | {"caption": post.text, "url": post.media[0]})
        return self._schedule("photos", fields | {"caption": post.text},
                              {"source": (kept.name, kept.data, kept.content_type)})

    def _schedule(self, edge: str, fields: dict[str, str],
                  files: dict[str, tuple[str, bytes, str]] | None = None) -> str:
        answer = _answer(self._http.send("POST", f"{self._graph}/{self._page}/{edge}", self._headers, form=fields,
                                         files=files), changing=True)
        return str(answer.get("post_id") or answer.get("id", ""))


def _answer(response: HttpResponse, looking: bool = False, changing: bool = False) -> dict[str, object]:
    answer = decode(response)
    if 200 <= response.status < 300 and isinstance(answer, dict):
        return answer
    raise _failed(response, _graph_error(answer), looking=looking, changing=changing)


def _planned(post: dict[str, object]) -> PlannedPost:
    when = post.get("scheduled_publish_time")
    at = datetime.fromtimestamp(int(when), UTC) if isinstance(when, int | str) and str(when).isdigit() \
        else datetime.max.replace(tzinfo=UTC)
    picture = post.get("full_picture")
    return PlannedPost(str(post.get("id")), str(post.get("message") or ""), at,
                       (str(picture),) if picture else ())
