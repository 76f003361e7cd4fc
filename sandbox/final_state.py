"""Where a run ended, in a form two runs of one story can be compared by (fault-free against faulty, killed and
restarted against uninterrupted): what the bot said and left in Slack, and the database's rows, without timing.

Timing is left out on purpose: times and durations in texts, Slack timestamps and ids, datetime columns, and
the bookkeeping of sending (attempts, leases, errors) differ between runs that did the same thing.

What was posted for all to see (channels, DMs) must be the same, once each. What only one person saw (ephemeral
replies, response_url answers) is compared as the bot promises it, AT LEAST ONCE: Slack cannot be asked whether
such a notice showed, so one whose answer was lost is sent again, and the person may see it twice (or see
"already acknowledged" after clicking again); a notice missing is a difference, one more is not.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, MetaData, select

from crisis.i18n import Msg, msg
from sandbox.blockkit import render_message
from sandbox.slack_api import SlackSandbox
from sandbox.transcript import said

TIMING = [
    (re.compile(r"http://127\.0\.0\.1:\d+/"), "<loopback>/"),  # each run's fakes listen on a port of their own
    (re.compile(r"/p\d{16}\b"), "/p<ts>"),  # a Slack message permalink holds its ts without the dot
    (re.compile(r"\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}( UTC)?)?"), "<date>"),
    (re.compile(r"\b\d{1,2}:\d{2}(:\d{2})?\b"), "<time>"),
    (re.compile(r"\b\d+(\.\d+)? ?(d|h|min|s|days?|hours?|minutes?|seconds?)\b( \d+ ?(h|min|s)\b)*"), "<duration>"),
    (re.compile(r"\b\d{9,10}\.\d{6}\b"), "<ts>"),
    (re.compile(r"\b[CDFGQV][A-Z0-9]{8,}\b"), "<id>"),
    (re.compile(r"\b\d{9,10}\b"), "<epoch>"),
    (re.compile(r"\d+ bytes\b"), "<size>"),
]
BOOKKEEPING = re.compile(r"^id$|attempt|error|fail|lease|retry|_at$|_ts$|^ts$|file_id|claim|owner_token|next_"
                         r"|seconds$|^report_|runner$")
"""Columns (and JSON keys) about how and how often something was sent, or how long it took, not what; row ids
(their order is the order in which replicas got there); which replica held a lease; the report's text (made of durations; the report's
delivery is compared by its upload). They differ between runs that agree."""
SKIPPED_TABLES = {"alembic_version", "handled_request", "runner"}
"""The request log holds a row per request delivered, and a person who tried again sent more; the replicas'
heartbeats are the processes', and every run has its own (the columns naming them are bookkeeping too)."""


def untimed(value: Any) -> Any:
    """`value` with times, durations, timestamps and Slack ids replaced by placeholders."""
    if isinstance(value, str):
        for pattern, placeholder in TIMING:
            value = pattern.sub(placeholder, value)
        return value
    if isinstance(value, dict):  # keys sorted: PostgreSQL's JSONB keeps its own order
        return {key: untimed(value[key]) for key in sorted(value) if not BOOKKEEPING.search(key)}
    if isinstance(value, (list, tuple)):
        return [untimed(item) for item in value]
    return value


@dataclass(frozen=True)
class FinalState:
    said: Counter
    """Everything the bot posted for all to see, with how often. Not edits (a repeated identical edit shows
    nothing), not what only one person saw (replies, modals: a person who tried again sees two)."""
    told: frozenset[str]
    """What only one person saw from the bot (not modals), each once: promised at least once, not exactly."""
    slack: dict[str, list[str]]
    """Per conversation, its messages as people now read them, sorted."""
    files: list[str]
    rows: dict[str, list[str]]
    """Per table, its rows without timing and sending bookkeeping, sorted."""

    def differences(self, other: FinalState) -> list[str]:
        """What differs, readably (empty: the same end)."""
        found = []
        if self.said != other.said:
            found += [f"said {n:+d}x: {entry}" for entry, n in (Counter(other.said) - self.said).items()]
            found += [f"said {-n:+d}x: {entry}" for entry, n in (self.said - Counter(other.said)).items()]
        for name in sorted(set(self.slack) | set(other.slack)):
            found += _compared(name, self.slack.get(name, []), other.slack.get(name, []))
        found += [f"told -1x: {entry}" for entry in sorted(self.told - other.told)]
        found += _compared("files", self.files, other.files)
        for table in sorted(set(self.rows) | set(other.rows)):
            found += _compared(f"table {table}", self.rows.get(table, []), other.rows.get(table, []))
        return found


def _compared(what: str, expected: list[str], actual: list[str]) -> list[str]:
    """What only one side has (with how many more), as `what: -item` (missing) and `what: +item` (extra)."""
    missing, extra = Counter(expected) - Counter(actual), Counter(actual) - Counter(expected)
    return ([f"{what}: -{n}x {item}" for item, n in missing.items()]
            + [f"{what}: +{n}x {item}" for item, n in extra.items()])


def _start(label: Msg) -> str:
    """What a transcript label begins with, in the demo's language (its text before the first parameter)."""
    return said(label).partition(_CUT)[0]


_CUT = "\x00"


def final_state(sandbox: SlackSandbox, engine: Engine) -> FinalState:
    bot = "@" + (sandbox.user(sandbox.bot_user_id) or {}).get("name", "")
    edited, only = _start(msg("demo.log.edited", line=_CUT)), _start(msg("demo.log.only_to", user=_CUT, place=_CUT))
    modal = _start(msg("demo.log.modal_for", user=_CUT))
    entries = [e for e in sandbox.entries() if e.who == bot and not e.lines[0].startswith(edited)]
    posted = Counter(untimed(f"{e.where} | {' / '.join(e.lines)}") for e in entries
                     if not e.where.startswith((only, modal)))
    told = frozenset(untimed(f"{e.where} | {' / '.join(e.lines)}") for e in entries if e.where.startswith(only))
    slack = {}
    for conversation in sandbox.conversations():
        messages = [untimed(" / ".join(render_message(m))) for m in sandbox.messages(conversation["id"])]
        slack[untimed(conversation["name"])] = sorted(messages)
    files = sorted(untimed(f"{f['title']} ({f['name']})") for f in sandbox.files())
    return FinalState(posted, told, slack, files, database_rows(engine))


def database_rows(engine: Engine) -> dict[str, list[str]]:
    metadata = MetaData()
    metadata.reflect(engine)
    rows = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            kept = [c for c in table.columns if not BOOKKEEPING.search(c.name)]
            found = connection.execute(select(*kept)).mappings()
            rows[table.name] = sorted(repr(untimed({k: v for k, v in row.items()
                                                    if not isinstance(v, (datetime, date))})) for row in found)
    return rows
