"""The Slack Web API client we use everywhere: base URL from config, retries on 429 and 5xx, failures told."""
from __future__ import annotations

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

SLACK_API_URL = "https://slack.com/api/"


class SlackRetries(RetryHandler):
    """Honour 429 Retry-After and back off on 5xx, a few times; the caller then keeps the work due."""

    def __init__(self, max_retry_count: int = 3, sleep: Callable[[float], None] = time.sleep,
                 max_wait: float = 30.0) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self._sleep = sleep
        self._max_wait = max_wait

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and (response.status_code == 429 or response.status_code >= 500)

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        assert response is not None
        if response.status_code == 429:
            header = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), ["1"])
            wait = float(header[0] if isinstance(header, list) else header)
        else:
            wait = 0.5 * 2 ** state.current_attempt
        state.next_attempt_requested = True
        self._sleep(min(wait, self._max_wait))
        state.increment_current_attempt()


class _ToldClient(WebClient):
    """Tells `on_failure(method, error)` of every call that fails after its retries: Slack's error code,
    `http_<status>`, or the exception's name (a timeout, a refused connection), then raises as before."""

    def __init__(self, *, on_failure: Callable[[str, str], None], **options: Any) -> None:
        super().__init__(**options)
        self._on_failure = on_failure

    def api_call(self, api_method: str, **kwargs: Any) -> Any:
        try:
            return super().api_call(api_method, **kwargs)
        except SlackApiError as error:
            self._on_failure(api_method, str(error.response.get("error") or f"http_{error.response.status_code}"))
            raise
        except Exception as error:
            self._on_failure(api_method, type(error).__name__)
            raise


def make_web_client(token: str, base_url: str = SLACK_API_URL, sleep: Callable[[float], None] = time.sleep,
                    timeout: int = 10, on_failure: Callable[[str, str], None] | None = None) -> WebClient:
    if not base_url.endswith("/"):
        base_url += "/"
    options: dict[str, Any] = {"token": token, "base_url": base_url, "timeout": timeout,
                               "retry_handlers": [ConnectionErrorRetryHandler(), SlackRetries(sleep=sleep)]}
    return WebClient(**options) if on_failure is None else _ToldClient(on_failure=on_failure, **options)
