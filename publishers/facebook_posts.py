"""Read and take down the Page's own Facebook posts (Graph API: GET and DELETE /{post-id} with the Page access
token): the post remover of a Facebook Page target (crisis.takedowns.ports.PostRemover)."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crisis.takedowns.model import PostCopy
from crisis.takedowns.ports import PostUnavailable
from publishers.answers import decode, iso_time
from publishers.facebook import API_VERSION, _failed, _graph_error
from sources.http import HttpClient, HttpResponse

HOSTS = frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"})
_POST_ID = re.compile(r"^/(\d{1,30}_\d{1,30})/?$")
_PAGE_POST = re.compile(r"^/([^/]{1,100})/posts/(\d{1,30})/?$")
FIELDS = ("id,message,created_time,from,permalink_url,shares,comments.summary(true).limit(0),"
          "reactions.summary(true).limit(0)")
NOT_FOUND = (100, 33)
"""Graph's (code, error_subcode) for an object that does not exist (deleted, or never visible to the token)."""


class FacebookPosts:
    """The posts of the Page `page_id`; another Page's post (its `from` is not the Page) is never removed."""

    def __init__(self, page_id: str, token: str, api: str = "https://graph.facebook.com",
                 api_version: str = API_VERSION, http: HttpClient | None = None) -> None:
        self._page = page_id
        self._graph = f"{api.rstrip('/')}/{api_version}"
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def recognise(self, url: str) -> str | None:
        """facebook.com/<page>_<post> (the reference our publisher gives), /<page>/posts/<post> and
        permalink.php?story_fbid=<post>&id=<page>."""
        parts = urlsplit(url)
        if parts.netloc.lower() not in HOSTS:
            return None
        if match := _POST_ID.match(parts.path):
            return match.group(1)
        if match := _PAGE_POST.match(parts.path):
            page = match.group(1)
            return f"{page if page.isdigit() else self._page}_{match.group(2)}"
        query = parse_qs(parts.query)
        if parts.path.rstrip("/") == "/permalink.php" and query.get("story_fbid") and query.get("id"):
            return f"{query['id'][0]}_{query['story_fbid'][0]}"
        return None

    def fetch(self, post_id: str) -> PostCopy:
        response = self._http.send("GET", f"{self._graph}/{post_id}?fields={FIELDS}", self._headers)
        post = self._answer(response)
        author = post.get("from") if isinstance(post.get("from"), dict) else {}
        if str(author.get("id")) != self._page:
            raise PostUnavailable("not_ours", str(author.get("name") or author.get("id") or "?"))
        return PostCopy(text=str(post.get("message") or ""), author=str(author.get("name") or self._page),
                        posted_at=iso_time(post.get("created_time")),
                        url=str(post.get("permalink_url") or f"https://www.facebook.com/{post_id}"),
                        metrics=_metrics(post))

    def remove(self, post_id: str) -> bool:
        response = self._http.send("DELETE", f"{self._graph}/{post_id}", self._headers)
        try:
            self._answer(response)
        except PostUnavailable:
            return False
        return True

    def _answer(self, response: HttpResponse) -> dict[str, Any]:
        answer = decode(response)
        if 200 <= response.status < 300 and isinstance(answer, dict):
            return answer
        error = _graph_error(answer)
        if response.status == 404 or (error.get("code"), error.get("error_subcode")) == NOT_FOUND:
            raise PostUnavailable("gone", str(error.get("message") or response.status)[:120])
        raise _failed(response, error)


def _metrics(post: dict[str, Any]) -> dict[str, int]:
    found = {}
    for field, name, path in (("shares", "shares", ("count",)), ("comments", "comments", ("summary", "total_count")),
                              ("reactions", "reactions", ("summary", "total_count"))):
        value: Any = post.get(field)
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int):
            found[name] = value
    return found

