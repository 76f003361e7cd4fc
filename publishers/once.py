"""Posting once where the platform has no idempotency key: a publish that runs again (an earlier claim failed or
died, maybe after the platform applied the post) first looks for the statement's own posts, matched by their
exact text, on the account since the version was written."""
from __future__ import annotations

import html
from datetime import datetime, timedelta

from crisis.statements.length import url_spans
from crisis.statements.model import Statement

SKEW = timedelta(minutes=10)
"""How far a platform's clock may run behind ours: posts this much older than the version still count."""


def retried(statement: Statement) -> bool:
    """True when an earlier claim to publish this statement existed: its posts may be out already."""
    return statement.publish_attempts > 1


def since(statement: Statement) -> datetime:
    """The earliest time a post of the current version can carry."""
    return statement.current.created_at - SKEW


def same_text(ours: str, theirs: str) -> bool:
    """The platform's copy of a post is ours: equal once HTML entities are decoded, links (which platforms
    shorten or expand) are set aside and whitespace is folded."""
    return _normal(ours) == _normal(html.unescape(theirs))


def _normal(text: str) -> str:
    for start, end in reversed(url_spans(text)):
        text = f"{text[:start]}\x00{text[end:]}"
    return " ".join(text.split())
