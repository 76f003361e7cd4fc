"""A fake Graph API for one Facebook Page: POST /{version}/{page-id}/feed, GET /{version}/{page-id}/posts, and
POST (edit) / DELETE /{version}/{post-id}, with Graph's error bodies ({"error": {message, type, code, error_subcode,
fbtrace_id}}) and its duplicate check (506)."""
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

    def error_body(self, status: int, text: str) -> Any:
        code, kind, message = _ERRORS.get(status, _ERRORS[500])
        return graph_error(code, message, kind)

    def answer(self, request: Request) -> Answer:
        base = f"/{self.version}/{self.page_id}"
        if not self.authorised(request):
            return 400, graph_error(190, "Invalid OAuth access token - Cannot parse access token"), {}
        if request.path == f"{base}/feed" and request.method == "POST":
            message = (request.body or {}).get("message", "")
            if not message:
                return 400, graph_error(100, "(#100) Missing message or attachment"), {}
            if any(p["message"] == message for p in self.posts[-10:]):
                return 400, graph_error(506, "Duplicate status message", subcode=1455006), {}
            post = {"id": f"{self.page_id}_{len(self.posts) + 1001}", "message": message,
                    "created_time": self.now().strftime("%Y-%m-%dT%H:%M:%S+0000")}
            self.posts.append(post)
            return 200, {"id": post["id"]}, {}
        if request.path == f"{base}/posts" and request.method == "GET":
            limit = int(request.query.get("limit", "25"))
            fields = set(request.query.get("fields", "id").split(","))
            data = [{k: v for k, v in p.items() if k in fields} for p in reversed(self.posts)][:limit]
            return 200, {"data": data, "paging": {"cursors": {"before": "b", "after": "a"}}}, {}
        post = next((p for p in self.posts if request.path == f"/{self.version}/{p['id']}"), None)
        if request.method in ("POST", "DELETE") and request.path.startswith(f"{base}_"):
            if post is None:
                return 400, graph_error(100, "(#100) Unsupported post request. Object does not exist", subcode=33), {}
            if request.method == "DELETE":
                self.posts.remove(post)
            else:
                post["message"] = (request.body or {}).get("message", post["message"])
            return 200, {"success": True}, {}
        return 400, graph_error(803, "(#803) Some of the aliases you requested do not exist"), {}
