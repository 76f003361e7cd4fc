"""A fake LinkedIn Posts API for one organisation: POST /rest/posts (201, the URN in x-restli-id) and the author
finder GET /rest/posts?q=author, with LinkedIn's version and protocol headers checked, its error bodies
({status, serviceErrorCode, code, message}) and its duplicate answer (422 "Content is a duplicate of ...")."""
from __future__ import annotations

import re
import time
from typing import Any

from sandbox.platforms.base import Answer, FakePlatform, Request

_ERRORS = {
    400: (100, "INVALID_REQUEST", "Request body is invalid"),
    401: (65601, "REVOKED_ACCESS_TOKEN", "The token used in the request has been revoked by the user"),
    403: (100, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.CREATE.20241101"),
    429: (101, "TOO_MANY_REQUESTS",
          "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."),
    500: (0, "INTERNAL_SERVER_ERROR", "Internal Server Error"),
}


class FakeLinkedIn(FakePlatform):
    """The organisation `organization` takes posts from the token `token`; `posts` newest last."""

    organization = "urn:li:organization:5515715"

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[dict[str, Any]] = []

    def error_body(self, status: int, text: str) -> Any:
        service, code, message = _ERRORS.get(status, _ERRORS[500])
        return {"status": status, "serviceErrorCode": service, "code": code, "message": message}

    def answer(self, request: Request) -> Answer:
        if not self.authorised(request):
            return 401, {"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN",
                         "message": "Invalid access token"}, {}
        version = request.headers.get("linkedin-version", "")
        if not re.match(r"^\d{6}$", version):
            return 426, {"status": 426, "code": "NONEXISTENT_VERSION",
                         "message": f"Requested version {version} is not active"}, {}
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return 400, self.error_body(400, ""), {}
        if request.path != "/rest/posts":
            return 404, {"status": 404, "message": "Resource not found"}, {}
        if request.method == "GET":
            if request.headers.get("x-restli-method") != "FINDER":
                return 400, {"status": 400, "message": "Invalid request: missing X-RestLi-Method: FINDER"}, {}
            if request.query.get("q") != "author" or request.query.get("author") != self.organization:
                return 403, self.error_body(403, ""), {}
            count = int(request.query.get("count", "10"))
            return 200, {"elements": list(reversed(self.posts))[:count],
                         "paging": {"start": 0, "count": count, "links": []}}, {}
        return self._create(request.body or {})

    def _create(self, body: dict[str, Any]) -> Answer:
        if body.get("author") != self.organization:
            return 403, self.error_body(403, ""), {}
        required = ("commentary", "visibility", "distribution", "lifecycleState")
        if any(key not in body for key in required) or body.get("lifecycleState") != "PUBLISHED":
            return 422, {"status": 422, "message": "ERROR :: /commentary :: field is required but not found"}, {}
        same = next((p for p in self.posts if p["commentary"] == body["commentary"]), None)
        if same:
            return 422, {"errorDetailType": "com.linkedin.common.error.BadRequest", "status": 422,
                         "message": f"Content is a duplicate of {same['id']}"}, {}
        urn = f"urn:li:share:{7200000000000000000 + len(self.posts) + 1}"
        self.posts.append({"id": urn, "author": self.organization, "commentary": body["commentary"],
                           "visibility": body["visibility"], "lifecycleState": "PUBLISHED",
                           "createdAt": int(time.time() * 1000), "lastModifiedAt": int(time.time() * 1000)})
        return 201, None, {"x-restli-id": urn}
