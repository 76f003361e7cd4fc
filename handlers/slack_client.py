"""The Slack Web API client we use everywhere: base URL from config, retries on 429 and 5xx, failures told,
the longest one call may take with its retries, and every way a call fails mapped to one ChatFailure.

A call whose answer may have been lost after Slack applied it (a timeout, a dropped connection, a 5xx) is
repeated blindly only when repeating it changes nothing (`REPEATABLE`). A post is never repeated blindly: it
carries a key in its metadata and is looked up in the conversation's history first (`handlers/slack_once`)."""
from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    HttpRequest,
    HttpResponse,
    RetryHandler,
    RetryState,
)

from crisis.errors import ChatFailure
from handlers import slack_once

SLACK_API_URL = "https://slack.com/api/"
TIMEOUT = 10
"""Seconds a call waits for Slack (connecting, and each read)."""
MAX_RETRIES = 3
MAX_WAIT = 30.0
"""The longest pause between two attempts (a longer Retry-After is cut to this; the failure keeps it)."""

REFUSALS = frozenset({
    "invalid_blocks", "invalid_blocks_format", "msg_too_long", "invalid_arguments", "no_text", "too_many_attachments",
    "invalid_attachments", "channel_not_found", "not_in_channel", "is_archived", "user_not_found",
    "users_not_found", "user_disabled", "user_is_deactivated", "cannot_dm_bot", "message_not_found",
    "cant_update_message", "edit_window_closed", "invalid_ts", "restricted_action", "invalid_name"})
"""Slack's words for refusing the content or its target: sending the same again cannot succeed."""

REPEATABLE = frozenset({
    "auth.test", "team.info", "users.info", "users.lookupByEmail", "users.list", "conversations.info",
    "conversations.list", "conversations.members", "conversations.history", "conversations.open",
    "chat.getPermalink", "chat.scheduledMessages.list", "files.info", "files.getUploadURLExternal",
    "chat.update", "chat.postEphemeral", "conversations.invite", "conversations.join", "conversations.archive",
    "pins.add", "chat.deleteScheduledMessage", "chat.delete", "views.open", "views.push", "views.update",
    "views.publish"})
"""Calls that read, or that change nothing more when made twice (the second invite, pin, archive or delete is
refused as already done, and the adapter takes that as done; a modal's trigger works once; person-only notices
are at least once): only these are repeated blindly when their answer is lost. The others are a post (looked up
by its key), a topic (compared first), a channel creation, a schedule or an upload completion (checked by the
adapter before repeating)."""


def _repeatable(request: HttpRequest) -> bool:
    """Web API calls in REPEATABLE, and the bytes of an upload (nothing shows before its completion)."""
    path = request.url.split("?", 1)[0]
    return "/api/" not in path or path.rsplit("/", 1)[-1] in REPEATABLE


class _RepeatableConnectionRetries(ConnectionErrorRetryHandler):
    """slack_sdk's retry of a dropped or reset connection, for repeatable calls only, pausing with the client's
    `sleep` (slack_sdk's own pause calls time.sleep); it knows the client it was made for (`origin`), so that
    Bolt's per-request copies lead back to it (see bots_client)."""

    origin: WebClient | None = None

    def __init__(self, sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__()
        self._sleep = sleep

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return _repeatable(request) and super()._can_retry(state=state, request=request, response=response,
                                                            error=error)

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        _next_attempt(state, self._sleep, self.interval_calculator.calculate_sleep_duration(state.current_attempt))


class SlackRetries(RetryHandler):
    """Honour 429 Retry-After (Slack applied nothing) and back off on a 5xx of a repeatable call, a few times;
    the caller then keeps the work due."""

    def __init__(self, max_retry_count: int = MAX_RETRIES, sleep: Callable[[float], None] = time.sleep,
                 max_wait: float = MAX_WAIT) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._sleep = sleep
        self._max_wait = max_wait

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and (response.status_code == 429
                                         or (response.status_code >= 500 and _repeatable(request)))

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        assert response is not None
        if response.status_code == 429:
            header = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
            wait = float(header[0] if isinstance(header, list) else header)
        else:
            wait = 0.5 * 2 ** state.current_attempt
        _next_attempt(state, self._sleep, min(wait, self._max_wait))


def _next_attempt(state: RetryState, sleep: Callable[[float], None], seconds: float) -> None:
    """What slack_sdk's retry handlers do before the next attempt, pausing with our `sleep` instead of time.sleep."""
    state.next_attempt_requested = True
    sleep(seconds)
    state.increment_current_attempt()


class CrisisbotClient(WebClient):
    """A WebClient whose posts are sent once (see handlers/slack_once), and which tells `on_failure(method,
    error)` of every call that fails after its retries: Slack's error code, `http_<status>`, or the exception's
    name (a timeout, a refused connection), then raises as before. `clock` is Slack's time (epoch seconds)."""

    def __init__(self, *, on_failure: Callable[[str, str], None] | None = None,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
                 **options: Any) -> None:
        super().__init__(**options)
        self._on_failure = on_failure
        self.once = slack_once.Once(self, clock=clock, sleep=sleep, attempts=MAX_RETRIES + 1, max_wait=MAX_WAIT,
                                    budget=worst_case_seconds(float(self.timeout)))

    def api_call(self, api_method: str, **kwargs: Any) -> Any:
        try:
            if api_method == slack_once.POST and isinstance(kwargs.get("json"), dict):
                return self.once.post(kwargs)
            if api_method == slack_once.COMPLETE_UPLOAD:
                return self.once.complete_upload(kwargs)
            return super().api_call(api_method, **kwargs)
        except SlackApiError as error:
            self._tell(api_method, str(error.response.get("error") or f"http_{error.response.status_code}"))
            raise
        except Exception as error:
            self._tell(api_method, type(error).__name__)
            raise

    def _tell(self, api_method: str, error: str) -> None:
        if self._on_failure is not None:
            self._on_failure(api_method, error)


def make_web_client(token: str, base_url: str = SLACK_API_URL, sleep: Callable[[float], None] = time.sleep,
                    timeout: float = TIMEOUT, on_failure: Callable[[str, str], None] | None = None,
                    clock: Callable[[], float] = time.time) -> WebClient:
    """The client; `clock` tells Slack's time (a sandbox on a test clock), `sleep` waits between attempts."""
    if not base_url.endswith("/"):
        base_url += "/"
    connection_retries = _RepeatableConnectionRetries(sleep)
    client = CrisisbotClient(token=token, base_url=base_url, timeout=timeout, on_failure=on_failure, clock=clock,
                             sleep=sleep, retry_handlers=[connection_retries, SlackRetries(sleep=sleep)])
    connection_retries.origin = client
    return client


def bots_client(client: WebClient) -> WebClient:
    """The client make_web_client made, also behind the plain WebClient Bolt makes of it for each request (Bolt
    copies its retry handlers, one of which knows it): posts through it are sent once."""
    if isinstance(client, CrisisbotClient):
        return client
    for handler in getattr(client, "retry_handlers", None) or []:
        origin = getattr(handler, "origin", None)
        if origin is not None and origin.token == client.token:
            return origin
    return client


def worst_case_seconds(timeout: float = TIMEOUT, retries: int = MAX_RETRIES, max_wait: float = MAX_WAIT) -> float:
    """The longest one Web API call may take with its retries: every attempt waits the whole timeout, for the
    connection and again for the answer, and every pause is the longest allowed (the connection-error handler
    retries within the same count of attempts, after at most 1.5 s)."""
    attempts = retries + 1
    return attempts * 2 * timeout + retries * max_wait + 1.5


CALL_ERRORS = (SlackApiError, OSError, http.client.HTTPException)
"""What a Web API call raises when it fails: Slack's answer, a timeout, a refused or dropped connection."""


def chat_failure(error: Exception) -> ChatFailure:
    """Whatever a Web API call raised, as the one failure the crisis knows: Slack's error word (content
    refusals permanent, a 429 with its Retry-After), `http_<status>`, `timeout` or `connection_error`."""
    if isinstance(error, SlackApiError):
        response = error.response
        reason = str(response.get("error") or f"http_{response.status_code}")
        headers = {k.lower(): v for k, v in (response.headers or {}).items()}
        retry_after = _seconds(headers.get("retry-after")) if response.status_code == 429 else None
        return ChatFailure(reason, permanent=reason in REFUSALS and response.status_code < 500,
                           retry_after=retry_after)
    if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
        return ChatFailure("timeout")
    return ChatFailure("connection_error")


def _seconds(value: Any) -> float | None:
    value = value[0] if isinstance(value, list) and value else value
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None
