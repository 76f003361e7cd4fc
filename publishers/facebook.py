"""Publish a statement as a Facebook Page post (Graph API: POST /{page-id}/feed with a Page access token). The
Graph API has no idempotency key: on a retry, and when it calls the post a duplicate (code 506), the Page's
recent posts (GET /{page-id}/posts) are searched for the statement's exact text first. A correction edits the post
(POST /{post-id} with message; the same edit twice changes nothing), a retraction deletes it (DELETE /{post-id}; a
post gone already, code 100 subcode 33, counts as deleted)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from crisis.errors import PublishFailed
from crisis.i18n import msg
from crisis.statements.model import Statement
from publishers.answers import capped, decode, failure
from publishers.once import retried, same_text, since
from sources.http import HttpClient, HttpResponse

API_VERSION = "v23.0"
RATE_LIMITED = frozenset({4, 17, 32, 613, 80001})
"""Graph API error codes of a rate limit (app, user, page, custom, Pages API): wait and retry."""
TRANSIENT = frozenset({1, 2})
"""Unknown error and temporary service issue: retry."""
DUPLICATE = 506
GONE = 33
"""The subcode of code 100 for an object that does not exist (any more)."""
LOOKBACK_POSTS = 25


class FacebookPagePublisher:
    """Posts on the Page `page_id` with its Page access token; the reference is the post's facebook.com URL."""

    def __init__(self, page_id: str, token: str, api: str = "https://graph.facebook.com",
                 api_version: str = API_VERSION, http: HttpClient | None = None) -> None:
        self._page = page_id
        self._root = f"{api.rstrip('/')}/{api_version}"
        self._base = f"{self._root}/{page_id}"
        self._headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        found = self._find(statement, text) if retried(statement) else None
        if found:
            return _url(found)
        response = self._http.send("POST", f"{self._base}/feed", self._headers, form={"message": text})
        answer = decode(response)
        if 200 <= response.status < 300 and isinstance(answer, dict) and isinstance(answer.get("id"), str):
            return _url(answer["id"])
        error = _graph_error(answer)
        if error.get("code") == DUPLICATE:
            found = self._find(statement, text)
            if found:
                return _url(found)
        raise _failed(response, error)

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        post = post_id(ref)
        self._change("POST", post, {"message": text})
        return _url(post)

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        post = post_id(ref)
        self._change("DELETE", post, None)
        return _url(post)

    def _change(self, method: str, post: str, form: dict[str, str] | None) -> None:
        response = self._http.send(method, f"{self._root}/{post}", self._headers, form=form)
        answer = decode(response)
        if 200 <= response.status < 300:
            return
        error = _graph_error(answer)
        if method == "DELETE" and (error.get("code"), error.get("error_subcode")) == (100, GONE):
            return  # deleted already (an earlier try whose answer was lost)
        raise _failed(response, error, changing=True)

    def _find(self, statement: Statement, text: str) -> str | None:
        """The id of the Page's post with this text made since the version was written, if any."""
        response = self._http.send("GET", f"{self._base}/posts?fields=id,message,created_time&limit={LOOKBACK_POSTS}",
                                   self._headers)
        answer = decode(response)
        if not 200 <= response.status < 300 or not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise _failed(response, _graph_error(answer), looking=True)
        earliest = since(statement)
        for post in answer["data"]:
            if not isinstance(post, dict) or not same_text(text, str(post.get("message", ""))):
                continue
            try:
                made = datetime.strptime(str(post.get("created_time")), "%Y-%m-%dT%H:%M:%S%z")
            except ValueError:
                continue
            if made >= earliest and isinstance(post.get("id"), str):
                return post["id"]
        return None


def _url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def post_id(ref: str) -> str:
    """The post id (<page-id>_<n>) at the end of the URL publish returned."""
    found = ref.rstrip("/").rpartition("/")[2]
    if not found.replace("_", "").isdigit():
        raise PublishFailed(msg("publish_reason.not_a_post_url", platform="Facebook", url=ref[:80]), permanent=True)
    return found


def _graph_error(answer: object) -> dict[str, Any]:
    """The Graph API's {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}."""
    error = answer.get("error") if isinstance(answer, dict) else None
    return error if isinstance(error, dict) else {}


def _failed(response: HttpResponse, error: dict[str, Any], looking: bool = False,
            changing: bool = False) -> PublishFailed:
    """Rate limits and temporary errors are retried (after the Page's estimated time to regain access where the
    usage header gives it); a bad token (190), missing permission (10, 200-299) or refused content are final."""
    code = error.get("code")
    detail = f"{'looking for the post: ' if looking else ''}{error.get('message') or ''} (code {code})" if code \
        else ("looking for the post" if looking else None)
    if 200 <= response.status < 300 and not looking and not changing:
        return PublishFailed(msg("publish_reason.no_id", platform="Facebook"))
    failed = failure("Facebook", response, detail)
    if code in RATE_LIMITED or code in TRANSIENT or response.status >= 500:
        return PublishFailed(failed.reason, retry_after=_regain_access(response) or failed.retry_after)
    if isinstance(code, int):
        return PublishFailed(failed.reason, permanent=True)
    return failed


def _regain_access(response: HttpResponse) -> float | None:
    """Seconds until the Page may post again, from X-Business-Use-Case-Usage (estimated_time_to_regain_access,
    in minutes)."""
    try:
        usage = json.loads(response.headers.get("X-Business-Use-Case-Usage", ""))
        minutes = max(entry.get("estimated_time_to_regain_access", 0) for entries in usage.values()
                      for entry in entries)
    except (ValueError, TypeError, AttributeError):
        return None
    try:
        return capped(float(minutes) * 60) if isinstance(minutes, (int, float)) and minutes > 0 else None
    except ValueError:  # inf or nan, as JSON's 1e999 reads
        return None
