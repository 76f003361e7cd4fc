"""Settings from the environment: Slack tokens, database, crisis plan, sentiment model, log level and format; and
the one way start-up stops on what it cannot build from the plan."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, TypeVar
from urllib.parse import urlsplit

from crisis.errors import PlanError

DEFAULT_DATABASE_URL = "sqlite:///crisisbot.sqlite"
DEFAULT_PLAN = "crisis-plan.yaml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


T = TypeVar("T")


class StartupError(Exception):
    """Start-up cannot go on; the message is the one line shown to the person starting the bot."""


def from_plan(build: Callable[..., T], *args: Any) -> T:
    """What `build` makes of the plan (its publishers, removers, sources...); a PlanError it raises (a missing
    secret, a setting it cannot use) stops the start as a StartupError."""
    try:
        return build(*args)
    except PlanError as error:
        raise StartupError(f"crisis plan: {error}") from None


@dataclass(frozen=True)
class Settings:
    """What the environment says; a token is read when a command needs it, so the first one missing is named."""

    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    @property
    def database_url(self) -> str:
        return self.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL

    @property
    def plan_path(self) -> str:
        return self.environ.get("CRISIS_PLAN", DEFAULT_PLAN)

    @property
    def slack_api_url(self) -> str:
        from handlers.slack_client import SLACK_API_URL  # slack_sdk and httpx: not for every command
        from sources.http import redact_url

        url = self.environ.get("SLACK_API_URL") or SLACK_API_URL
        try:
            parts = urlsplit(url)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:  # e.g. an unclosed [IPv6 address
            valid = False
        if not valid:
            raise StartupError(f"SLACK_API_URL={redact_url(url)!r} is not an http(s) URL, e.g. {SLACK_API_URL}")
        return url

    @property
    def sentiment_model(self) -> str | None:
        return self.environ.get("CRISIS_SENTIMENT_MODEL") or None

    @property
    def log_level(self) -> str:
        level = self.environ.get("LOG_LEVEL", "INFO").strip().upper()
        if level not in LOG_LEVELS:
            raise StartupError(f"LOG_LEVEL={self.environ['LOG_LEVEL']!r} is not a log level; use "
                               f"{', '.join(LOG_LEVELS)}")
        return level

    @property
    def log_format(self) -> str:
        """LOG_FORMAT=json: one JSON object per line (for a log collector); anything else, plain lines."""
        return "json" if self.environ.get("LOG_FORMAT", "").strip().lower() == "json" else "text"

    def bot_token(self) -> str:
        return self.required("SLACK_BOT_TOKEN", "the bot token (xoxb-...) from your Slack app's OAuth page")

    def app_token(self) -> str:
        return self.required("SLACK_APP_TOKEN", "Socket Mode needs the app-level token (xapp-...) with connections:write")

    def signing_secret(self) -> str:
        return self.required("SLACK_SIGNING_SECRET", "HTTP mode verifies every request with your app's signing secret")

    def required(self, name: str, why: str) -> str:
        value = self.environ.get(name, "").strip()
        if not value:
            raise StartupError(f"{name} is not set: {why}")
        return value
