"""A fake Graph API for one Facebook Page: POST /{version}/{page-id}/feed, GET /{version}/{page-id}/posts, and
GET, POST (edit) and DELETE /{version}/{post-id} (only the Page's own posts are edited or deleted), the Page's
scheduled posts (POST feed, or photos with a picture's url or an uploaded file, with published=false and
scheduled_publish_time, GET /{page-id}/scheduled_posts, DELETE),
with Graph's error bodies ({"error": {message, type, code, error_subcode, fbtrace_id}}) and its duplicate check (506);
the Page's comments under a post (POST and GET /{version}/{post-id}/comments)."""
from __future__ import annotations

from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request

_ERRORS = {  # HTTP status -> (code, type, message) as the Graph API answers them
    400: (100, "OAuthException", "(#100) Invalid parameter"),
    401: (190, "OAuthException", "Error validating access token: Session has expired"),
    403: (200, "OAuthException", "(#200) The user hasn't authorized the application to perform this action"),
    429: (32, "OAuthException", "(#32) Page request limit reached"),
    500: (2, "OAuthException", "An unexpected error has occurred. Please retry your request later."),
}


def graph_error(code: int, message: str, kind: str = "OAuthException", subcode: int | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfGh123"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


class FakeFacebookPage(FakePlatform):
    """The Page `page_id` takes posts with the Page token `token`; `posts` newest last."""

    page_id = "104857600"
    version = "v23.0"

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[dict[str, str]] = []
        self.comments: dict[str, list[dict[str, Any]]] = {}
        """The Page's comments by post id (webcare replies), oldest first."""
        self.scheduled: list[dict[str, Any]] = []
        self.uploads: dict[str, bytes] = {}
        """Pictures uploaded with a scheduled photo post, by the link the post shows."""

    def error_body(self, status: int, text: str) -> Any:
        code, kind, message = _ERRORS.get(status, _ERRORS[500])
        return graph_error(code, message, kind)

    def answer(self, request: Request) -> Answer:
        base = f"/{self.version}/{self.page_id}"
        if not self.authorised(request):
            return 400, graph_error(190, "Invalid OAuth access token - Cannot parse access token"), {}
        if scheduling := self._scheduling(request, base):
            return scheduling
        if request.path == f"{base}/feed" and request.method == "POST":
            message = (request.body or {}).get("message", "")
            if not message:
                return 400, graph_error(100, "(#100) Missing message or attachment"), {}
            if any(p["message"] == message for p in self.posts[-10:]):
                return 400, graph_error(506, "Duplicate status message", subcode=1455006), {}
            post = {"id": f"{self.page_id}_{len(self.posts) + 1001}", "message": message,
                    "created_time": self.now().strftime("%Y-%m-%dT%H:%M:%S+0000"),
                    "from": {"id": self.page_id, "name": "Acme"}}
            self.posts.append(post)
            return 200, {"id": post["id"]}, {}
        if request.path == f"{base}/posts" and request.method == "GET":
            limit = int(request.query.get("limit", "25"))
            fields = set(request.query.get("fields", "id").split(","))
            data = [{k: v for k, v in p.items() if k in fields} for p in reversed(self.posts)][:limit]
            return 200, {"data": data, "paging": {"cursors": {"before": "b", "after": "a"}}}, {}
        if request.path.endswith("/comments") and request.path.count("/") == 3:
            return self._comments(request.method, request.path.split("/")[2], request.body or {})
        if request.method in ("GET", "POST", "DELETE") and request.path.count("/") == 2:
            return self._post(request.method, request.path.rpartition("/")[2], request.body or {})
        return 400, graph_error(803, "(#803) Some of the aliases you requested do not exist"), {}

    def add_post(self, message: str, page: str = "", name: str = "Acme") -> dict[str, Any]:
        """A post already there (another Page's when `page` is given), with shares, comments and reactions."""
        page = page or self.page_id
        post = {"id": f"{page}_{len(self.posts) + 1001}", "message": message,
                "created_time": "2026-12-05T09:00:00+0000", "from": {"id": page, "name": name}, "shares": {"count": 12},
                "comments": {"data": [], "summary": {"total_count": 40}},
                "reactions": {"data": [], "summary": {"total_count": 95}}}
        self.posts.append(post)
        return post

    def _comments(self, method: str, post_id: str, body: dict[str, Any]) -> Answer:
        """The Page's comments under a post: POST one (message), GET them newest first (as order=reverse_chronological)."""
        post = next((p for p in self.posts if p["id"] == post_id), None)
        if post is None:
            return 400, graph_error(100, f"Object with ID '{post_id}' does not exist", "GraphMethodException",
                                    subcode=33), {}
        comments = self.comments.setdefault(post_id, [])
        if method == "GET":
            return 200, {"data": list(reversed(comments))}, {}
        if not body.get("message"):
            return 400, graph_error(100, "(#100) Missing message"), {}
        comment = {"id": f"{post_id}_{len(comments) + 501}", "message": body["message"],
                   "created_time": self.now().strftime("%Y-%m-%dT%H:%M:%S+0000"),
                   "from": {"id": self.page_id, "name": "Acme"}}
        comments.append(comment)
        return 200, {"id": comment["id"]}, {}

    def _post(self, method: str, post_id: str, body: dict[str, Any]) -> Answer:
        post = next((p for p in self.posts if p["id"] == post_id), None)
        if post is None:
            return 400, graph_error(100, f"Unsupported {method.lower()} request. Object with ID '{post_id}' does not "
                                         "exist, cannot be loaded due to missing permissions, or does not support this "
                                         "operation.", "GraphMethodException", subcode=33), {}
        if method in ("POST", "DELETE"):
            if post["from"]["id"] != self.page_id:
                return 403, graph_error(200, "(#200) Permissions error"), {}
            if method == "DELETE":
                self.posts.remove(post)
            else:
                post["message"] = body.get("message", post["message"])
            return 200, {"success": True}, {}
        return 200, dict(post, permalink_url=f"https://www.facebook.com/{post_id}"), {}

    # --- scheduled posts (crisis.schedules) ---

    def add_scheduled(self, message: str, at: int, picture: str = "") -> dict[str, Any]:
        """A post scheduled for the epoch second `at` (a photo post when it has a picture's link)."""
        post = {"id": f"{self.page_id}_{len(self.posts) + len(self.scheduled) + 5001}", "message": message,
                "scheduled_publish_time": at, "is_published": False}
        if picture:
            post["full_picture"] = picture
        self.scheduled.append(post)
        return post

    def _scheduling(self, request: Request, base: str) -> Answer | None:
        if request.path == f"{base}/scheduled_posts" and request.method == "GET":
            return 200, {"data": [dict(p) for p in self.scheduled]}, {}
        body = request.body or {}
        if request.path == f"{base}/feed" and request.method == "POST" and body.get("published") == "false":
            if not str(body.get("scheduled_publish_time", "")).isdigit():
                return 400, graph_error(100, "(#100) scheduled_publish_time is required"), {}
            post = self.add_scheduled(body.get("message", ""), int(body["scheduled_publish_time"]))
            return 200, {"id": post["id"]}, {}
        if request.path == f"{base}/photos" and request.method == "POST" and body.get("published") == "false":
            picture = str(body.get("url", ""))
            if isinstance(body.get("source"), tuple) and body["source"][1]:
                picture = f"https://scontent.example/{len(self.uploads) + 1}/{body['source'][0]}"
                self.uploads[picture] = body["source"][1]
            if not picture.startswith(("http://", "https://")):
                return 400, graph_error(324, "(#324) Requires upload file"), {}
            post = self.add_scheduled(body.get("caption", ""), int(body.get("scheduled_publish_time") or 0),
                                      picture=picture)
            return 200, {"id": f"{post['id']}9", "post_id": post["id"]}, {}
        post_id = request.path.rpartition("/")[2]
        if request.method == "DELETE" and any(p["id"] == post_id for p in self.scheduled):
            self.scheduled = [p for p in self.scheduled if p["id"] != post_id]
            return 200, {"success": True}, {}
        return None
