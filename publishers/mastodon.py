"""Publish a statement as a public Mastodon status (POST /api/v1/statuses, idempotent per statement version for the
hour Mastodon keeps the key; a retry first looks for the status among the account's own); correct it by editing the
status (PUT /api/v1/statuses/:id, the same edit twice changes nothing) and retract it by deleting it (DELETE
/api/v1/statuses/:id, a status gone already counts as deleted)."""
from __future__ import annotations

import logging
from datetime import datetime

from crisis.errors import PublishFailed
from crisis.i18n import Number, msg
from crisis.statements.length import count_characters
from crisis.statements.model import Statement
from publishers.answers import answered, decode, iso_time, refused, retry_after
from publishers import mastodon_posts
from publishers.once import retried, same_text, since
from sources.http import HttpClient, HttpResponse

MAX_CHARS = 500
"""Mastodon's default status length; an instance that allows more says so in the plan (the target's limit)."""
LOOKBACK_STATUSES = 40
"""Mastodon's largest page of an account's statuses: a retry looks for its earlier status among these."""
log = logging.getLogger(__name__)


def idempotency_key(statement: Statement) -> str:
    """The same for every attempt at one version, so Mastodon (for about an hour) returns the status it
    already made instead of posting again; a new version gets a new key."""
    if statement.id is None:
        raise ValueError("a statement is stored before it is published")
    return f"crisisbot-statement-{statement.id}-v{statement.current.number}"


class MastodonPublisher:
    """Posts to the account of `token` on `instance` (an http(s) base URL), statuses of at most `max_chars`
    characters (the target's limit in the plan); the reference is the status URL."""

    def __init__(self, instance: str, token: str, http: HttpClient | None = None,
                 max_chars: int = MAX_CHARS) -> None:
        self._instance = instance.rstrip("/")
        self._max_chars = max_chars
        self._endpoint = f"{self._instance}/api/v1/statuses"
        self._token = token
        self._http = http or HttpClient()

    def publish(self, statement: Statement, text: str) -> str:
        check_length(text, self._max_chars)
        found = self._find(statement, text) if retried(statement) else None
        if found:
            return found
        response = self._http.post_form(self._endpoint, {"status": text, "visibility": "public"}, {
            **self._headers(), "Idempotency-Key": idempotency_key(statement)})
        return _status_url(response)

    # --- corrections and retractions (crisis.statements.amendments) ---

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        """Edit the status in place (Mastodon keeps its edit history); the reference stays the status URL."""
        check_length(text, self._max_chars)
        return _status_url(self._http.send("PUT", f"{self._endpoint}/{status_id(ref)}", self._headers(),
                                           form={"status": text}))

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        response = self._http.send("DELETE", f"{self._endpoint}/{status_id(ref)}", self._headers())
        if response.status != 404:  # 404: deleted already (an earlier try whose answer was lost)
            _raise_unless_done(response)
        return ref

    def _find(self, statement: Statement, text: str) -> str | None:
        return find_own(self._http, self._instance, self._headers(), text, since(statement))

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}


def find_own(http: HttpClient, instance: str, headers: dict[str, str], text: str, made_since: datetime,
             in_reply_to: str | None = None) -> str | None:
    """The URL of the token's account's status with this text made since `made_since` (a reply: under the status
    `in_reply_to`), if any: Mastodon forgets an Idempotency-Key after about an hour, and a retry may come later.
    Without the scopes to read (read:accounts, read:statuses) the key alone guards the retry; any other failure
    to look raises."""
    me = http.send("GET", f"{instance}/api/v1/accounts/verify_credentials", headers)
    if me.status in (401, 403):
        log.warning("Mastodon: the token cannot read its account (%s); the retry relies on the Idempotency-Key",
                    me.status)
        return None
    account = _raise_unless_done(me) or {}
    if not str(account.get("id", "")).isdigit():
        raise PublishFailed(answered("Mastodon", me.status, "no account in verify_credentials"))
    answer = http.send("GET", f"{instance}/api/v1/accounts/{account['id']}/statuses"
                              f"?limit={LOOKBACK_STATUSES}&exclude_reblogs=true", headers)
    if answer.status in (401, 403):
        log.warning("Mastodon: the token cannot read its statuses (%s); the retry relies on the Idempotency-Key",
                    answer.status)
        return None
    _raise_unless_done(answer)
    statuses = decode(answer)
    for status in statuses if isinstance(statuses, list) else []:
        if not isinstance(status, dict) or (in_reply_to is not None
                                            and str(status.get("in_reply_to_id")) != in_reply_to):
            continue
        made = iso_time(status.get("created_at"))
        url = status.get("url")
        if made is not None and made >= made_since and isinstance(url, str) and url \
                and same_text(text, mastodon_posts._plain(str(status.get("content")))):
            return url
    return None


def status_id(ref: str) -> str:
    """The status id at the end of the status URL publish returned (https://instance/@account/<id>)."""
    found = ref.rstrip("/").rpartition("/")[2]
    if not found.isdigit():
        raise PublishFailed(msg("publish_reason.not_a_post_url", platform="Mastodon", url=ref[:80]), permanent=True)
    return found


def check_length(text: str, limit: int = MAX_CHARS) -> None:
    """Texts over `limit` characters, counted as the approval card counts them (a link is 23), are refused
    before anything is sent (Mastodon would answer 422)."""
    length = count_characters(text, "mastodon")
    if length > limit:
        raise PublishFailed(msg("publish_reason.too_long", length=Number(length), platform="Mastodon",
                                limit=Number(limit)), permanent=True)


def _raise_unless_done(response: HttpResponse) -> dict[str, object] | None:
    answer = decode(response)
    if not 200 <= response.status < 300:
        error = answer.get("error") if isinstance(answer, dict) else None
        raise PublishFailed(answered("Mastodon", response.status, str(error)[:120] if error else ""),
                            permanent=refused(response.status),
                            retry_after=retry_after(response) if response.status == 429 else None)
    return answer if isinstance(answer, dict) else None


def _status_url(response: HttpResponse) -> str:
    answer = _raise_unless_done(response)
    url = answer.get("url") if answer else None
    if not isinstance(url, str) or not url:
        raise PublishFailed(f"Mastodon answered {response.status} without a status URL")
    return url

