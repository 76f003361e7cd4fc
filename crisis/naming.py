"""Crisis titles and channel names: trimming what people type, and Slack's channel-name rules."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from crisis.errors import BadInput

MAX_TITLE = 150
MAX_CHANNEL_NAME = 80
_CONTROL = re.compile(r"[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(raw: str | None, limit: int) -> tuple[str, bool]:
    """Collapse white space, drop control/bidi characters, cut to `limit`; says whether it was cut."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + "…", True


def clean_title(raw: str | None) -> tuple[str, bool]:
    title, trimmed = clean_text(raw, MAX_TITLE)
    if not title:
        raise BadInput("error.title_required")
    return title, trimmed


def slug(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "untitled"


def channel_name(prefix: str, opened_at: datetime, title: str, attempt: int = 1) -> str:
    """`<prefix>-<yyyymmdd>-<slug>`, within Slack's 80 characters; attempt 2+ adds `-2`, `-3`..."""
    head = f"{prefix}-{opened_at:%Y%m%d}-"
    suffix = f"-{attempt}" if attempt > 1 else ""
    return head + slug(title, MAX_CHANNEL_NAME - len(head) - len(suffix)) + suffix
