"""A source's options from the crisis plan: URLs, numbers and tokens, with errors that name the option."""
from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import urlsplit

from crisis.errors import PlanError
from crisis.monitor.mentions import SourceDown
from crisis.plan import SourceConfig
from sources.http import redact_url


def option_error(config: SourceConfig, key: str, problem: str) -> PlanError:
    return PlanError(f"monitor.sources.{config.name}.{key}", problem)


def http_url(config: SourceConfig, key: str, default: str | None = None) -> str:
    """An http(s) URL option without its trailing slash."""
    value = config.options.get(key) or default
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        shown = redact_url(str(value))
        raise option_error(config, key, f"'{shown}' is not an http(s) URL, e.g. https://mastodon.social")
    return value.rstrip("/")


def positive_number(config: SourceConfig, key: str, default: float) -> float:
    value = config.options.get(key)
    try:
        number = float(value) if value is not None else default
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number <= 0:
        raise option_error(config, key, f"'{value}' is not a number above 0, e.g. 60")
    return number


def bearer_headers(config: SourceConfig, environ: Mapping[str, str]) -> dict[str, str]:
    """An Authorization header from the env var named by `token_env`, or none when no token is configured."""
    variable = config.options.get("token_env")
    if not variable:
        return {}
    token = environ.get(variable, "").strip()
    if not token:
        raise SourceDown(f"environment variable {variable} (the token) is not set")
    return {"Authorization": f"Bearer {token}"}
