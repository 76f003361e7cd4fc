"""Log lines: plain text, or one JSON object per line (LOG_FORMAT=json); Slack tokens and URL secrets masked in both."""
from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s'\"]+")


def masked(text: str) -> str:
    """`text` with Slack tokens, bearer credentials and URL secrets replaced by ***."""
    from sources.http import redact_url  # httpx: loaded with the first line logged, not at start-up

    return redact_url(_BEARER.sub(r"\1 ***", _TOKEN.sub(r"\1-***", text)))


class MaskedText(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return masked(super().format(record))


class JsonLines(logging.Formatter):
    """time, level, logger, message, and the exception's text when there is one; one line per record."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": masked(record.getMessage())}
        if record.exc_info:
            entry["exception"] = masked(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = masked(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, log_format: str) -> None:
    """The root logger writes to stderr, as JSON lines when `log_format` is "json", else as plain lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if log_format == "json" else MaskedText(PLAIN))
    logging.basicConfig(level=level, handlers=[handler])
    # alembic announces each of its plugins at INFO whenever it is first imported: noise, not news
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
