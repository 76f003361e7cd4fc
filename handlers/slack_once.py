"""Posts shown once though their answer is lost: Slack has no idempotency key for chat.postMessage, so every post
carries one in its message metadata (`crisisbot_post`, payload {key}) and an ambiguous failure (a timeout, a
dropped or reset connection, a 5xx: Slack may have applied the post) looks the key up in the conversation's
history before posting again. Upload completions are checked the same way, by the files' state.

A key the caller gives is stable for one logical post (`card:<crisis id>` ...): the post may have been made
before, by an earlier attempt whose result was not recorded (a crash, an expired lease), so it is looked up
first, LOOKBACK back. A key made here is new, so only a failed attempt of this call is looked for."""
from __future__ import annotations

import http.client
import json
import re
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

POST = "chat.postMessage"
COMPLETE_UPLOAD = "files.completeUploadExternal"
POST_EVENT = "crisisbot_post"
LOOKBACK = 2 * 24 * 3600.0
"""How far back (seconds) a given key is looked for. While the bot runs, a re-send follows the first try within
a lease (the longest, the debrief report's, is 21 min: 7 calls at the client's worst case plus a minute) plus a
back-off (at most 5 min); but a bot that was down (every replica) re-sends when it is back, so two days cover a
weekend's outage. The window costs nothing where the key is found (newest first); a busy channel may need more
pages (LOOKUP_PAGES) to reach back that far, and beyond them the post is sent again."""
SKEW = 60.0
"""Seconds before the first attempt that a key made here is looked for from: clocks of ours and Slack's differ."""
LOOKUP_LIMIT = 200
LOOKUP_PAGES = 3
"""Messages per history page, and pages read at most per lookup (600 messages in the window)."""
_PERSON = re.compile(r"^[UW][A-Z0-9]+$")
_ERRORS = (SlackApiError, OSError, http.client.HTTPException)


def key_of(message: dict[str, Any]) -> str | None:
    """The key a message (or a post's arguments) carries in its metadata, if it is one of our posts."""
    metadata = message.get("metadata")
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return None
    if not isinstance(metadata, dict) or metadata.get("event_type") != POST_EVENT:
        return None
    key = (metadata.get("event_payload") or {}).get("key")
    return str(key) if key else None


def keyed(key: str) -> dict[str, Any]:
    """The metadata argument of a post carrying `key`."""
    return {"event_type": POST_EVENT, "event_payload": {"key": key}}


def ambiguous(error: Exception) -> bool:
    """Slack may have applied the call: no answer came (timeout, dropped or reset connection) or a 5xx did."""
    if isinstance(error, SlackApiError):
        return error.response.status_code >= 500
    return isinstance(error, (OSError, http.client.HTTPException))


class _Unknown(Exception):
    """No time is left to tell whether Slack applied the call."""


class Once:
    """Sends posts and upload completions of `client` at most once each, within `budget` seconds per call
    (the client's worst case, which the leases are made from). Its own calls are made without slack_sdk's
    retries: it waits for a 429's Retry-After itself, and decides itself what an unanswered call means."""

    def __init__(self, client: WebClient, *, clock: Callable[[], float], sleep: Callable[[float], None],
                 attempts: int, budget: float, max_wait: float) -> None:
        self._raw = WebClient(token=client.token, base_url=client.base_url, timeout=client.timeout, ssl=client.ssl,
                              proxy=client.proxy, headers=client.headers, logger=client.logger, retry_handlers=[])
        self._clock = clock
        self._sleep = sleep
        self._attempts = attempts
        self._budget = budget
        self._max_wait = max_wait
        self._dms: dict[str, str] = {}
        self._lock = threading.Lock()

    def now(self) -> float:
        """Slack's time, as this client's clock tells it."""
        return self._clock()

    def post(self, kwargs: dict[str, Any]) -> SlackResponse:
        args = dict(kwargs["json"])
        key = key_of(args)
        if key is None:
            key = uuid.uuid4().hex
            args["metadata"] = keyed(key)
            since, looked = self._clock() - SKEW, False
        else:
            since, looked = self._clock() - LOOKBACK, True
        kwargs = {**kwargs, "json": args}
        channel = str(args.get("channel", ""))
        deadline = time.monotonic() + self._budget
        if looked:
            found = self._look_up(channel, key, since, deadline)
            if found is not None:
                return found
        return self._attempt(lambda: self._raw.api_call(POST, **kwargs),
                             lambda: self._look_up(channel, key, since, deadline), deadline)

    def complete_upload(self, kwargs: dict[str, Any]) -> SlackResponse:
        """files.completeUploadExternal: after an ambiguous failure, done if its files are now shared."""
        files = (kwargs.get("params") or kwargs.get("data") or {}).get("files") or "[]"
        ids = [f["id"] for f in (json.loads(files) if isinstance(files, str) else files)]
        deadline = time.monotonic() + self._budget
        return self._attempt(lambda: self._raw.api_call(COMPLETE_UPLOAD, **kwargs),
                             lambda: self._shared(ids, deadline), deadline)

    def _attempt(self, send: Callable[[], SlackResponse], find: Callable[[], SlackResponse | None],
                 deadline: float) -> SlackResponse:
        """Send; a 429 waits and sends again, an ambiguous failure sends again only when `find` finds nothing."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return send()
            except _ERRORS as error:
                wait = self._retry_after(error)
                if wait is None and not ambiguous(error):
                    raise
                pause = 0.5 * 2 ** (attempt - 1) if wait is None else wait  # a post still in flight may land
                if attempt >= self._attempts or not self._fits(deadline, pause):
                    raise
                self._sleep(pause)
                if wait is not None:
                    continue
                try:
                    found = find()
                except (_Unknown, *_ERRORS):
                    raise error from None  # not sent again blindly: the caller keeps the work due
                if found is not None:
                    return found

    def _retry_after(self, error: Exception) -> float | None:
        """How long a 429 asks to wait (cut to the longest pause), or None for any other failure."""
        if not isinstance(error, SlackApiError) or error.response.status_code != 429:
            return None
        headers = {k.lower(): v for k, v in (error.response.headers or {}).items()}
        value = headers.get("retry-after", "1")
        try:
            return min(float(value[0] if isinstance(value, list) else value), self._max_wait)
        except ValueError:
            return 1.0

    def _fits(self, deadline: float, wait: float) -> bool:
        """Whether a pause of `wait` and one more call (connecting and reading) end before the deadline."""
        return time.monotonic() + wait + 2 * float(self._raw.timeout) <= deadline

    def _look_up(self, channel: str, key: str, since: float, deadline: float) -> SlackResponse | None:
        """Our post with `key` in the conversation since `since` (bounded pages), as its post's answer.
        Slack refusing the lookup (not in the channel, a name it does not take) counts as not found; a lookup
        Slack did not answer raises its failure."""
        try:
            conversation = self._conversation(channel, deadline)
            cursor = ""
            for _ in range(LOOKUP_PAGES):
                page = self._read(lambda c=cursor: self._raw.conversations_history(
                    channel=conversation, oldest=f"{since:.6f}", inclusive=True, limit=LOOKUP_LIMIT,
                    include_all_metadata=True, cursor=c), deadline)
                found = next((m for m in page.get("messages", []) if key_of(m) == key), None)
                if found is not None:
                    return self._answer(POST, {"channel": conversation, "ts": found["ts"], "message": found})
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or ""
                if not cursor:
                    return None
            return None
        except SlackApiError as error:
            if ambiguous(error) or self._retry_after(error) is not None:
                raise
            return None

    def _read(self, call: Callable[[], SlackResponse], deadline: float) -> SlackResponse:
        """A lookup's call (it changes nothing), made again while Slack does not answer it, a few times within
        the deadline; _Unknown when no time is left for it."""
        for attempt in range(1, self._attempts + 1):
            if not self._fits(deadline, 0.0):
                raise _Unknown()
            try:
                return call()
            except _ERRORS as error:
                wait = self._retry_after(error)
                if (wait is None and not ambiguous(error)) or attempt == self._attempts \
                        or not self._fits(deadline, wait or 0.0):
                    raise
                self._sleep(wait or 0.0)
        raise _Unknown()

    def _conversation(self, channel: str, deadline: float) -> str:
        """The conversation a post went to: a person's id is their DM with the bot (opened, then remembered)."""
        if not _PERSON.match(channel):
            return channel
        with self._lock:
            if channel in self._dms:
                return self._dms[channel]
        dm = self._read(lambda: self._raw.conversations_open(users=channel), deadline)["channel"]["id"]
        with self._lock:
            self._dms[channel] = dm
        return dm

    def _shared(self, ids: list[str], deadline: float) -> SlackResponse | None:
        if not ids:
            raise _Unknown()
        try:
            found = [self._read(lambda f=file_id: self._raw.files_info(file=f), deadline)["file"] for file_id in ids]
        except SlackApiError as error:
            if ambiguous(error) or self._retry_after(error) is not None:
                raise
            return None  # not completed: Slack does not show it yet
        if not all(f.get("channels") or f.get("groups") or f.get("ims") or f.get("shares") for f in found):
            return None
        return self._answer(COMPLETE_UPLOAD, {"files": [{"id": f["id"], "title": f.get("title", "")} for f in found]})

    def _answer(self, method: str, data: dict[str, Any]) -> SlackResponse:
        return SlackResponse(client=self._raw, http_verb="POST", api_url=f"{self._raw.base_url}{method}",
                             req_args={}, data={"ok": True, **data}, headers={}, status_code=200)
