"""Publish a statement as a public Mastodon status (POST /api/v1/statuses, idempotent per statement version)."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from crisis.errors import PublishFailed
from crisis.statements.model import Statement
from sources.http import HttpClient, HttpResponse

MAX_CHARS = 500


def idempotency_key(statement: Statement) -> str:
    """The same for every attempt at one version, so Mastodon (for about an hour) returns the status it
    already made instead of posting again; a new version gets a new key."""
    if statement.id is None:
        raise ValueError("a statement is stored before it is published")
    return f"crisisbot-statement-{statement.id}-v{statement.current.number}"


class MastodonPublisher:
    """Posts to the account of `token` on `instance` (an http(s) base URL); the reference is the status URL."""

    def __init__(self, instance: str, token: str, http: HttpClient | None = None) -> None:
        self._endpoint = f"{instance.rstrip('/')}/api/v1/statuses"
        self._token = token
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        """Texts over MAX_CHARS characters are refused before anything is sent (Mastodon would answer 422)."""
        if len(text) > MAX_CHARS:
            raise PublishFailed(f"the text has {len(text)} characters; Mastodon takes at most {MAX_CHARS}",
                                permanent=True)
        response = self._http.post_form(self._endpoint, {"status": text, "visibility": "public"}, {
            "Authorization": f"Bearer {self._token}", "Idempotency-Key": idempotency_key(statement),
            "Accept": "application/json"})
        try:
            answer = json.loads(response.body)
        except (ValueError, RecursionError):
            answer = None
        if not 200 <= response.status < 300:
            error = answer.get("error") if isinstance(answer, dict) else None
            detail = f": {str(error)[:120]}" if error else ""
            raise PublishFailed(f"Mastodon answered {response.status}{detail}", permanent=_refused(response.status),
                                retry_after=_retry_after(response) if response.status == 429 else None)
        url = answer.get("url") if isinstance(answer, dict) else None
        if not isinstance(url, str) or not url:
            raise PublishFailed(f"Mastodon answered {response.status} without a status URL")
        return url


def _refused(status: int) -> bool:
    """A 4xx other than 408 (timeout), 409 (the same Idempotency-Key still in progress) and 429 (rate limit):
    Mastodon refuses the status itself (422) or our token (401, 403); the same request will not succeed."""
    return 400 <= status < 500 and status not in (408, 409, 429)


def _retry_after(response: HttpResponse) -> float | None:
    """Retry-After in seconds (Mastodon sends an HTTP date there; a number is taken too)."""
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None
