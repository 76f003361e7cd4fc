"""The plan's `webcare:` section, checked with key paths: the approved lines (name and text template per key), from
which severity on replies wait for approval, and the accounts never engaged; and filling a line for one author."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from crisis.errors import PlanError
from crisis.webcare.model import Line, WebcarePlan, account_key

MAX_LINES = 30
MAX_LINE_TEXT = 500
MAX_NAME = 75
"""A line's name is an option in a menu (Slack: 75 characters)."""
FIELDS = ("author",)
"""Placeholders a line's text may use: {author} is the handle of the person replied to."""
_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
_PLACEHOLDER = re.compile(r"{([^{}]*)}")


def parse_webcare(data: object, severities: tuple[str, ...]) -> WebcarePlan:
    """`webcare: {lines: {key: {name, text}}, approval_from_severity: SEV2, do_not_engage: [accounts]}`; a missing
    section is no lines, no approval and nobody listed. The first thing wrong is a PlanError naming its key path."""
    if data is None:
        return WebcarePlan()
    if not isinstance(data, Mapping):
        raise PlanError("webcare", "expected a mapping with lines, approval_from_severity and do_not_engage")
    unknown = set(data) - {"lines", "approval_from_severity", "do_not_engage"}
    if unknown:
        raise PlanError(f"webcare.{min(map(str, unknown))}",
                        "unknown key (known: lines, approval_from_severity, do_not_engage)")
    severity = data.get("approval_from_severity")
    if severity is not None and severity not in severities:
        raise PlanError("webcare.approval_from_severity",
                        f"'{severity}' is not one of the severities ({', '.join(severities)})")
    return WebcarePlan(lines=_lines(data.get("lines", {})), approval_from_severity=severity,
                       do_not_engage=_accounts(data.get("do_not_engage", [])))


def fill(line: Line, author: str) -> str:
    """The line's text for a reply to `author` (their handle, with one leading @)."""
    return line.text.replace("{author}", "@" + author.strip().lstrip("@") if author.strip() else "")


def _lines(data: object) -> tuple[Line, ...]:
    if not isinstance(data, Mapping) or len(data) > MAX_LINES:
        raise PlanError("webcare.lines", f"expected a mapping of up to {MAX_LINES} lines: key: {{name, text}}")
    return tuple(_line(str(key), body) for key, body in data.items())


def _line(key: str, body: Any) -> Line:
    path = f"webcare.lines.{key}"
    if not _KEY.match(key):
        raise PlanError(path, "a line's key uses lowercase letters, digits, - and _ (at most 40)")
    if not isinstance(body, Mapping) or set(body) - {"name", "text"} or not isinstance(body.get("text"), str):
        raise PlanError(path, "expected {name: what people pick, text: the reply, may use {author}}")
    text = body["text"].strip()
    name = str(body.get("name") or key).strip()
    if not text or len(text) > MAX_LINE_TEXT:
        raise PlanError(f"{path}.text", f"a line's text is 1 to {MAX_LINE_TEXT} characters")
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        raise PlanError(f"{path}.name", f"a line's name is one line of 1 to {MAX_NAME} characters")
    for field in _PLACEHOLDER.findall(text):
        if field not in FIELDS:
            raise PlanError(f"{path}.text", f"{{{field}}} is not a placeholder (use {{author}})")
    return Line(key, name, text)


def _accounts(data: object) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(a, str) and account_key(a) for a in data):
        raise PlanError("webcare.do_not_engage", "expected a list of account handles, e.g. [\"@troll@bad.social\"]")
    return tuple(dict.fromkeys(account_key(a) for a in data))
