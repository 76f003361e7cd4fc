"""A platform's HTTP answer as a publisher reads it: the JSON body, which statuses are final, how long a rate
limit asks to wait, and the one short, token-free PublishFailed for a refusal."""
from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from crisis.errors import PublishFailed
from crisis.i18n import Msg, msg
from sources.http import HttpResponse, redact_url

RESET_HEADERS = ("RateLimit-Reset", "X-Rate-Limit-Reset", "X-RateLimit-Reset")
"""Headers some platforms send with a 429 instead of Retry-After: the epoch second the limit resets (an ISO 8601
time at Mastodon)."""
MAX_WAIT = 24 * 3600.0
"""The longest wait a platform may ask for (seconds): a larger one is a platform's mistake, or a hostile one."""


def decode(response: HttpResponse) -> Any:
    """The JSON body, or None when it is not JSON."""
    try:
        return json.loads(response.body)
    except (ValueError, RecursionError):
        return None


def refused(status: int) -> bool:
    """A 4xx other than 408 (timeout), 409 (the same key still in progress) and 429 (rate limit): the platform
    refuses the post itself (400, 422) or our token (401, 403); the same request will not succeed."""
    return 400 <= status < 500 and status not in (408, 409, 429)


def retry_after(response: HttpResponse, now: datetime | None = None) -> float | None:
    """Seconds to wait (at most MAX_WAIT): Retry-After (seconds or an HTTP date), else a rate-limit reset time
    (epoch seconds, seconds from now, or an ISO 8601 time). None when no header says it in a form we read."""
    now = now or datetime.now(UTC)
    value = response.headers.get("Retry-After", "").strip()
    try:
        return capped(float(value))
    except ValueError:
        pass
    try:
        return capped((parsedate_to_datetime(value) - now).total_seconds())
    except (TypeError, ValueError):
        pass
    for name in RESET_HEADERS:
        reset = response.headers.get(name, "").strip()
        if reset.isdigit():
            epoch = int(reset)
            # RateLimit-Reset is seconds from now in the IETF draft, an epoch second at Bluesky and X
            return capped(float(epoch) if epoch < 10**9 else epoch - now.timestamp())
        moment = iso_time(reset) if reset else None
        if moment is not None and moment.tzinfo is not None:
            return capped((moment - now).total_seconds())
    return None


def capped(seconds: float) -> float:
    """A platform's wait between 0 and MAX_WAIT; not a number (nan, inf) raises ValueError."""
    if not math.isfinite(seconds):
        raise ValueError(f"not a wait: {seconds}")
    return min(MAX_WAIT, max(0.0, seconds))


def failure(platform: str, response: HttpResponse, detail: object = None, *,
            permanent: bool | None = None) -> PublishFailed:
    """`<platform> answered <status>: <detail>` (the platform's own words, cut short, URLs redacted); a 401 or
    403 says to check the token
    (unless it refuses a duplicate). `permanent` overrides what the status says."""
    text = redact_url(" ".join(str(detail).split()))[:120] if detail else ""
    reason = answered(platform, response.status, text)
    if response.status in (401, 403) and "duplicate" not in text.lower():
        reason = msg("publish_reason.check_token", reason=reason)
    return PublishFailed(reason, permanent=refused(response.status) if permanent is None else permanent,
                         retry_after=retry_after(response) if response.status == 429 else None)


def answered(platform: str, status: int, detail: str = "") -> Msg:
    """`<platform> answered <status>[: <detail>]`: the platform's words (`detail`) inside our sentence."""
    if detail:
        return msg("publish_reason.answered_with", platform=platform, status=str(status), detail=detail)
    return msg("publish_reason.answered", platform=platform, status=str(status))


def success(platform: str, response: HttpResponse, detail: object = None) -> Any:
    """The JSON body of a 2xx answer; any other status raises `failure` with the platform's `detail(body)`."""
    body = decode(response)
    if 200 <= response.status < 300:
        return body
    raise failure(platform, response, detail(body) if callable(detail) else detail)


def iso_time(value: object) -> datetime | None:
    """A time the platform wrote in ISO 8601 ("Z" or an offset), or None when it is not one."""
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
