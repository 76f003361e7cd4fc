"""Drill recordings read from their CSV or JSONL files (the plan's `drills.recordings`), checked row by row, each
mention at its time from the drill's start; kept in memory until the file changes."""
from __future__ import annotations

import csv
import math
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crisis.errors import BadInput
from crisis.i18n import Number, msg
from crisis.monitor.mentions import BadMention, parse_mention, parse_time
from crisis.monitor.recordings import DrillsPlan, RecordedMention
from sources.mention_files import BadRow, Lines, format_by_suffix, read_row

MAX_LINE_BYTES = 1_000_000
MAX_ROWS = 100_000
_PLACEHOLDER = datetime(2020, 1, 1, tzinfo=UTC)
"""Where a recorded mention sits until it is fed (its created_at is then the drill's start plus its `at`)."""
_FAR = datetime(9000, 1, 1, tzinfo=UTC)
_OFFSET = re.compile(r"^\s*([+-])?\s*(?:(\d{1,4})\s*d)?\s*(?:(\d{1,6})\s*h)?\s*(?:(\d{1,8})\s*m)?"
                     r"\s*(?:(\d{1,9}(?:\.\d+)?)\s*s)?\s*$")
_MAX_OFFSET = timedelta(days=60)


class FileRecordings:
    """The plan's recordings; a file's path is relative to `base_dir` (the folder the bot runs in)."""

    def __init__(self, plan: DrillsPlan, base_dir: str | Path) -> None:
        self._paths = {name: Path(base_dir) / path for name, path in plan.recordings.items()}
        self._cache: dict[str, tuple[tuple[int, int], tuple[RecordedMention, ...]]] = {}
        self._lock = threading.Lock()

    def load(self, name: str) -> tuple[RecordedMention, ...]:
        path = self._paths.get(name)
        if path is None:
            if not self._paths:
                raise BadInput("error.no_recordings")
            raise BadInput("error.unknown_recording", name=name, choices=", ".join(sorted(self._paths)))
        try:
            stat = path.stat()
            version = (stat.st_mtime_ns, stat.st_size)
            with self._lock:
                cached = self._cache.get(name)
            if cached and cached[0] == version:
                return cached[1]
            with path.open("rb") as file:
                recording = _read(name, file, format_by_suffix(path) == "csv")
        except FileNotFoundError:
            raise BadInput("error.unreadable_recording", name=name,
                           problem=msg("recording.no_file", file=path.name)) from None
        except OSError as error:
            raise BadInput("error.unreadable_recording", name=name, problem=str(error.strerror or error)) from None
        with self._lock:
            self._cache[name] = (version, recording)
        return recording


def _read(name: str, file, is_csv: bool) -> tuple[RecordedMention, ...]:
    """Every row checked: BadInput naming the first bad row's line. Rows with `at` (time from the drill's start:
    seconds, or e.g. -2d, 15m, 1h30m) keep it; rows with only `created_at` count from the earliest such row."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_BYTES))
    lines = Lines(file, 1, MAX_LINE_BYTES)
    header = None
    if is_csv:
        header = next(csv.reader(lines), None)
        if not header or "text" not in header:
            raise BadInput("error.bad_recording", name=name, line=1, problem=msg("recording.no_text_column"))
    rows: list[tuple[int, timedelta | None, datetime | None, object]] = []
    while True:
        try:
            line, row = read_row(lines, header)
        except BadRow as error:
            raise BadInput("error.bad_recording", name=name, line=error.line, problem=error.said) from None
        if row is None:
            break
        if len(rows) >= MAX_ROWS:
            raise BadInput("error.bad_recording", name=name, line=line,
                           problem=msg("recording.too_many", limit=Number(MAX_ROWS)))
        try:
            at, created = _when(row)
            mention = parse_mention({**row, "id": row.get("id") or f"line-{line}", "created_at": _PLACEHOLDER},
                                    source="drill", feed="", term="", now=_FAR)
        except BadMention as error:
            raise BadInput("error.bad_recording", name=name, line=line, problem=error.said or str(error)) from None
        rows.append((line, at, created, mention))
    anchor = min((created for _, at, created, _ in rows if at is None), default=None)
    recorded = [RecordedMention(at if at is not None else created - anchor, mention)  # type: ignore[operator]
                for _, at, created, mention in rows]
    return tuple(sorted(recorded, key=lambda r: r.at))


def _when(row: dict) -> tuple[timedelta | None, datetime | None]:
    """The row's `at` (from the drill's start), else its `created_at` (a recorded time); one is needed."""
    value = row.get("at")
    if value not in (None, ""):
        return _offset(value), None
    if row.get("created_at") in (None, ""):
        raise BadMention(msg("recording.no_time"))
    return None, parse_time(row.get("created_at"))


def _offset(value: object) -> timedelta:
    seconds = _number(value)
    if seconds is not None:
        span = timedelta(seconds=max(-1e8, min(1e8, seconds)))
    else:
        match = _OFFSET.match(str(value))
        if not match or not any(match.groups()[1:]):
            raise BadMention(msg("recording.bad_at", value=repr(str(value)[:40])))
        sign, days, hours, minutes, seconds = match.groups()
        span = timedelta(days=int(days or 0), hours=int(hours or 0), minutes=int(minutes or 0),
                         seconds=float(seconds or 0))
        span = -span if sign == "-" else span
    if abs(span) > _MAX_OFFSET:
        raise BadMention(msg("recording.at_too_far", days=Number(_MAX_OFFSET.days)))
    return span


def _number(value: object) -> float | None:
    """Seconds written as a number (JSON) or a number's text (CSV); None for anything else."""
    if isinstance(value, bool):
        return None
    try:
        seconds = float(value) if isinstance(value, (int, float, str)) else None
    except ValueError:
        return None
    return seconds if seconds is not None and math.isfinite(seconds) else None
