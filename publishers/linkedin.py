"""Publish a statement as a LinkedIn organisation post (Posts API: POST /rest/posts with the LinkedIn-Version
header; the post's URN comes back in x-restli-id). No idempotency key: on a retry the organisation's recent posts
(GET /rest/posts?q=author) are searched for the statement's exact text first, and a 422 "duplicate of
urn:li:share:..." names the post already made. Corrections and retractions are new posts of the organisation (the
correction, or the retraction notice), found the same way on a retry: a comment under the post would need the
Community Management API's social actions, another product to apply for, and a post reaches the same followers."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote

from crisis.errors import PublishFailed
from crisis.statements.model import Statement
from publishers.answers import decode, failure
from publishers.once import retried, same_text, since
from sources.http import HttpClient

API_VERSION = "202611"
"""LinkedIn-Version (YYYYMM); LinkedIn serves each version for at least a year. The plan's api_version wins."""
LOOKBACK_POSTS = 20
_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
"""Characters of LinkedIn's "little text" commentary format that must be escaped to be shown as written."""
_DUPLICATE = re.compile(r"duplicate of (urn:li:(?:share|ugcPost):\d+)", re.IGNORECASE)


def commentary(text: str) -> str:
    """The statement as little text: reserved characters escaped, so they are shown and nothing is cut off."""
    return _RESERVED.sub(r"\\\1", text)


class LinkedInPublisher:
    """Posts for `organization` (its id or urn:li:organization:<id>) with a member token of one of its admins
    (w_organization_social); the reference is the post's linkedin.com URL."""

    def __init__(self, organization: str, token: str, api: str = "https://api.linkedin.com",
                 api_version: str = API_VERSION, http: HttpClient | None = None) -> None:
        self._author = organization if organization.startswith("urn:") else f"urn:li:organization:{organization}"
        self._posts = f"{api.rstrip('/')}/rest/posts"
        self._headers = {"Authorization": f"Bearer {token}", "LinkedIn-Version": api_version,
                         "X-Restli-Protocol-Version": "2.0.0", "Accept": "application/json"}
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        body = commentary(text)
        found = self._find(statement, body) if retried(statement) else None
        if found:
            return _url(found)
        response = self._http.send("POST", self._posts, self._headers, json_body={
            "author": self._author, "commentary": body, "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "lifecycleState": "PUBLISHED", "isReshareDisabledByAuthor": False})
        urn = response.headers.get("x-restli-id", "")
        if 200 <= response.status < 300 and urn.startswith("urn:li:"):
            return _url(urn)
        message = _message(decode(response))
        duplicate = _DUPLICATE.search(message or "") if response.status == 422 else None
        if duplicate:
            return _url(duplicate.group(1))
        if 200 <= response.status < 300:
            raise PublishFailed("LinkedIn answered without the post's URN")
        raise failure("LinkedIn", response, message)

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        return self.publish(statement, text)

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        return self.publish(statement, text)

    def _find(self, statement: Statement, body: str) -> str | None:
        """The URN of the organisation's post with this commentary made since the version was written, if any."""
        response = self._http.send("GET", f"{self._posts}?author={quote(self._author, safe='')}&q=author"
                                   f"&count={LOOKBACK_POSTS}&sortBy=LAST_MODIFIED",
                                   {**self._headers, "X-RestLi-Method": "FINDER"})
        answer = decode(response)
        if not 200 <= response.status < 300 or not isinstance(answer, dict) \
                or not isinstance(answer.get("elements"), list):
            raise failure("LinkedIn", response, f"looking for the post: {_message(answer) or 'no elements'}")
        earliest = since(statement)
        for post in answer["elements"]:
            if not isinstance(post, dict) or not same_text(body, str(post.get("commentary", ""))):
                continue
            made = post.get("createdAt")
            if isinstance(made, int) and datetime.fromtimestamp(made / 1000, UTC) >= earliest \
                    and isinstance(post.get("id"), str):
                return post["id"]
        return None


def _url(urn: str) -> str:
    return f"https://www.linkedin.com/feed/update/{urn}/"


def _message(answer: object) -> str | None:
    """LinkedIn's error body: {"status", "serviceErrorCode", "code", "message"}."""
    if not isinstance(answer, dict):
        return None
    parts = [str(answer[k]) for k in ("code", "message") if answer.get(k)]
    return ": ".join(parts) or None
