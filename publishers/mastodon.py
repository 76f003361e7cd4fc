"""Publish a statement as a public Mastodon status (POST /api/v1/statuses, idempotent per statement version)."""
from __future__ import annotations

from crisis.errors import PublishFailed
from crisis.statements.model import Statement
from publishers.answers import decode, refused, retry_after
from sources.http import HttpClient

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
        answer = decode(response)
        if not 200 <= response.status < 300:
            error = answer.get("error") if isinstance(answer, dict) else None
            detail = f": {str(error)[:120]}" if error else ""
            raise PublishFailed(f"Mastodon answered {response.status}{detail}", permanent=refused(response.status),
                                retry_after=retry_after(response) if response.status == 429 else None)
        url = answer.get("url") if isinstance(answer, dict) else None
        if not isinstance(url, str) or not url:
            raise PublishFailed(f"Mastodon answered {response.status} without a status URL")
        return url

