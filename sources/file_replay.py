"""File replay: a CSV or JSONL file of mentions replayed on the live clock, streamed row by row."""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Mapping

from crisis.monitor.mentions import (
    FUTURE_TOLERANCE,
    BadMention,
    Mention,
    SourceDown,
    SourcePoll,
    parse_mention,
    parse_time,
)
from crisis.plan import SourceConfig
from sources.mention_files import FORMATS, BadRow, Lines, LineTooLong, read_row
from sources.options import option_error, positive_number

MAX_LINE_BYTES = 1_000_000
MAX_ROWS_PER_POLL = 5_000
FAR_AHEAD = timedelta(days=7)
"""A row dated in the future and this far ahead of the replay is refused instead of holding the replay up."""


@dataclass(frozen=True)
class _Replay:
    """The cursor: when the replay started, the first row's time, and where to read next."""

    start: datetime
    first: datetime | None = None
    offset: int | None = None
    line: int = 1

    def dump(self) -> str:
        return json.dumps({"start": self.start.isoformat(), "first": self.first and self.first.isoformat(),
                           "offset": self.offset, "line": self.line})

    @classmethod
    def load(cls, cursor: str | None, now: datetime) -> _Replay:
        """The saved replay, or a new one starting now when there is none (or it is unreadable)."""
        try:
            data = json.loads(cursor or "null")
            return cls(parse_time(data["start"]), parse_time(data["first"]) if data.get("first") else None,
                       int(data["offset"]) if data.get("offset") is not None else None, int(data.get("line", 1)))
        except (ValueError, TypeError, KeyError, BadMention):
            return cls(start=now)


class FileReplaySource:
    """Replays a file's rows so that the first is due at the first poll and the rest follow at `speed`x."""

    def __init__(self, config: SourceConfig, base_dir: str | Path) -> None:
        self.name = config.name
        self._config = config
        self._path = Path(base_dir) / config.options["path"]
        self._format = FORMATS.get(self._path.suffix.lower())
        if self._format is None:
            raise option_error(config, "path", f"'{self._path.name}' is neither a .csv nor a .jsonl file")
        self._speed = positive_number(config, "speed", 1.0)
        options = config.options
        self._text = options.get("text_column", "text")
        self._time = options.get("time_column", "created_at")
        self._author = options.get("author_column", "author")
        self._id = options.get("id_column")

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll:
        replay = _Replay.load(cursor, now)
        try:
            with self._path.open("rb") as file:
                return self._replay(file, replay, now)
        except FileNotFoundError:
            raise SourceDown(f"file {self._path} not found") from None
        except OSError as error:
            raise SourceDown(f"cannot read {self._path.name}: {error.strerror or error}") from None

    def _replay(self, file: BinaryIO, replay: _Replay, now: datetime) -> SourcePoll:
        header, body_line = self._header(file) if self._format == "csv" else (None, 1)
        if replay.offset is None:
            replay = replace(replay, offset=file.tell(), line=body_line)
        file.seek(replay.offset)
        lines = Lines(file, replay.line, MAX_LINE_BYTES)
        clock = (now - replay.start) * self._speed
        mentions: list[Mention] = []
        rejected: list[str] = []
        exhausted = False
        while len(mentions) + len(rejected) < MAX_ROWS_PER_POLL:
            try:
                line, row = read_row(lines, header)
            except BadRow as error:
                rejected.append(str(error))
            else:
                if row is None:
                    exhausted = True
                    break
                raw = self._raw(row, line)
                try:
                    original = parse_time(raw.get("created_at"))
                except BadMention as error:
                    rejected.append(f"line {line}: {error}")
                else:
                    first = replay.first or original
                    if original > now + FUTURE_TOLERANCE and original > first + clock + FAR_AHEAD:
                        rejected.append(f"line {line}: created_at {original:%Y-%m-%dT%H:%M:%SZ} is in the future")
                        replay = replace(replay, offset=lines.offset, line=lines.line)
                        continue
                    if original > first + clock:
                        break  # not due yet: the cursor stays before this row
                    replay = replace(replay, first=first)
                    replayed = {**raw, "created_at": replay.start + (original - first) / self._speed}
                    try:
                        mentions.append(parse_mention(replayed, source=f"file:{self.name}", feed=self.name,
                                                      term=self._config.term, now=now))
                    except BadMention as error:
                        rejected.append(f"line {line}: {error}")
            replay = replace(replay, offset=lines.offset, line=lines.line)
        return SourcePoll(mentions, replay.dump(), rejected, exhausted)

    def _header(self, file: BinaryIO) -> tuple[list[str], int]:
        """The CSV header's column names (checked against the configured ones) and the line after it."""
        lines = Lines(file, 1, MAX_LINE_BYTES)
        try:
            header = next(csv.reader(lines), [])
        except (LineTooLong, csv.Error):
            raise SourceDown(f"{self._path.name}: the first line is not a CSV header") from None
        options = self._config.options
        wanted = [self._text, self._time] + [options[k] for k in ("id_column", "author_column") if k in options]
        missing = [column for column in wanted if column not in header]
        if header and missing:
            raise SourceDown(f"{self._path.name} has no column '{missing[0]}' (columns: {', '.join(header)[:200]})")
        return header, lines.line

    def _raw(self, row: Mapping[str, Any], line: int) -> dict[str, Any]:
        """The row in parse_mention's shape; without an id column the id is a hash of line, time and text."""
        raw = {"created_at": row.get(self._time), "author": row.get(self._author), "url": row.get("url"),
               "language": row.get("language") or row.get("lang"), "platform": row.get("platform")}
        if self._text in row:
            raw["text"] = row[self._text]
        row_id = row.get(self._id or "id")
        if self._id is None and row_id in (None, ""):
            digest = hashlib.sha1(f"{line}\x1f{raw['created_at']}\x1f{raw.get('text')}".encode("utf-8", "replace"))
            row_id = digest.hexdigest()[:24]
        raw["id"] = row_id
        return raw
