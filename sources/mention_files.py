"""Mention files (CSV or JSONL): the one reader, row by row with the line each row starts on, from any byte offset."""
from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from crisis.i18n import Msg, Number, msg, render
from crisis.monitor.buckets import Bucket
from crisis.monitor.mentions import BadMention, parse_time

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
"""The formats a file source replays, by extension."""
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_CSV_SUFFIXES = frozenset({".csv"})
_FIELD_SIZE_LIMIT = 1 << 24


class BadMentionFile(ValueError):
    """A mention file that cannot be used as it is; the message says what to change."""


class LineTooLong(Exception):
    """A physical line longer than the reader's limit (the rest of it has been skipped)."""


class NotUtf8(ValueError):
    """A line of a strictly read file that is not UTF-8 (saved as Latin-1 or Windows-1252, say); `line` is its number."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line} is not UTF-8")
        self.line = line


class BadRow(ValueError):
    """A row that cannot be read; the message is "line N: why" in English (the log), `said` the why from the catalog
    (a person); `kind` says which problem it is."""

    def __init__(self, line: int, kind: str, problem: Msg, cause: BaseException | None = None) -> None:
        super().__init__(f"line {line}: {render(problem, locale='en')}")
        self.line, self.kind, self.cause, self.said = line, kind, cause, problem


class Lines:
    """A binary file's lines as text, each at most `max_bytes` (None: any length), counting bytes and lines consumed.
    `strict`: a line that is not UTF-8 raises NotUtf8 (an analyst's file, which would be scored garbled); else its
    bad bytes become U+FFFD (a live replay goes on)."""

    def __init__(self, file: BinaryIO, line: int = 1, max_bytes: int | None = None, strict: bool = False) -> None:
        self.file = file
        self.offset = file.tell()
        self.line = line
        self.max_bytes = max_bytes
        self.errors = "strict" if strict else "replace"

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        limit = self.max_bytes
        data = self.file.readline(-1 if limit is None else limit + 1)
        if not data:
            raise StopIteration
        if limit is not None and len(data) > limit:
            while data and not data.endswith(b"\n"):
                data = self.file.readline(limit)
            self._consumed()
            raise LineTooLong
        self._consumed()
        try:
            return data.decode("utf-8-sig", self.errors)
        except UnicodeDecodeError:
            raise NotUtf8(self.line - 1) from None

    def _consumed(self) -> None:
        self.offset = self.file.tell()
        self.line += 1


def format_by_suffix(path: str | Path) -> str | None:
    """csv or jsonl by the file's extension; None when it has none of ours."""
    suffix = Path(path).suffix.lower()
    return "csv" if suffix in _CSV_SUFFIXES else "jsonl" if suffix in _JSONL_SUFFIXES else None


def file_format(path: str | Path) -> str:
    """The file's format, csv or jsonl: by its extension, else by its first character ("{": jsonl)."""
    path = Path(path)
    known = format_by_suffix(path)
    if known:
        return known
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        head = stream.read(4096).lstrip()
    return "jsonl" if head.startswith("{") else "csv"


def read_row(lines: Lines, header: list[str] | None) -> tuple[int, dict[str, Any] | None]:
    """The next non-blank row's first line and the row as a mapping (None at the end of the file): a CSV
    row by `header` (None: the file is JSONL); a row that cannot be read raises BadRow."""
    line = lines.line
    try:
        if header is not None:
            fields: list[str] | None = []
            while fields == []:
                line = lines.line
                fields = next(csv.reader(lines), None)
            return line, None if fields is None else dict(zip(header, fields, strict=False))
        text: str | None = ""
        while text is not None and not text.strip():
            line = lines.line
            text = next(lines, None)
    except LineTooLong:
        raise BadRow(line, "too_long", msg("mention_row.too_long", limit=Number(lines.max_bytes or 0))) from None
    except csv.Error as error:
        raise BadRow(line, "csv", msg("mention_row.not_csv", error=str(error)), error) from None
    if text is None:
        return line, None
    try:
        row = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BadRow(line, "json", msg("mention_row.not_json"), error) from None
    if not isinstance(row, dict):
        raise BadRow(line, "object", msg("mention_row.not_an_object"))
    return line, row


def read_mentions(path: str | Path, text_column: str = "text") -> Iterator[dict[str, Any]]:
    """Yield the file's records one at a time; BadMentionFile when there is no `text_column`."""
    return (row for _, row in _numbered_mentions(Path(path), text_column))


def read_timed_mentions(path: str | Path, time_column: str = "created_at",
                        text_column: str = "text") -> Iterator[dict[str, Any]]:
    """The file's records that have a time, `time_column` read as live sources read it (ISO 8601 or epoch seconds,
    as aware UTC); BadMentionFile naming the line of a time that is none, and for a file without the time column
    or without a timed record."""
    path = Path(path)
    is_csv, timed = file_format(path) == "csv", 0
    for line, row in _numbered_mentions(path, text_column):
        value = row.get(time_column)
        if is_csv and time_column not in row:
            raise BadMentionFile(f"{path}: has no '{time_column}' column (its columns: {', '.join(row)})")
        if value is None or isinstance(value, str) and not value.strip():
            continue
        try:
            row[time_column] = parse_time(value, time_column)
        except BadMention as error:
            raise BadMentionFile(f"{path}: line {line}: {error}") from None
        timed += 1
        yield row
    if not timed:
        raise BadMentionFile(f"{path}: has no mentions with a '{time_column}' time")


def _numbered_mentions(path: Path, text_column: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each record with the line it starts on."""
    if not path.is_file():
        raise BadMentionFile(f"{path}: no such file")
    is_csv = file_format(path) == "csv"
    if is_csv:
        csv.field_size_limit(max(csv.field_size_limit(), _FIELD_SIZE_LIMIT))
    with path.open("rb") as file:
        lines = Lines(file, strict=True)
        header = _csv_header(path, lines, text_column) if is_csv else None
        while True:
            try:
                line, row = read_row(lines, header)
            except BadRow as error:
                raise BadMentionFile(_problem(path, error)) from None
            except NotUtf8 as error:
                raise BadMentionFile(_not_utf8(path, error)) from None
            if row is None:
                return
            if header is not None:
                row = {**dict.fromkeys(header), **row}  # cells missing at the end of a row are None
            elif text_column not in row:
                raise BadMentionFile(f"{path}: line {line} has no '{text_column}' field")
            text = row[text_column]
            row[text_column] = text if isinstance(text, str) else "" if text is None else str(text)
            yield line, row


def read_mentions_csv(path: str | Path, text_column: str = "text") -> tuple[list[str], Iterator[list[str]]]:
    """A CSV mention file's header and its rows as lists of cells (blank lines skipped), as `read_mentions`
    reads them but without making each a mapping; BadMentionFile as `read_mentions` raises it."""
    path = Path(path)
    if not path.is_file():
        raise BadMentionFile(f"{path}: no such file")
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_SIZE_LIMIT))
    file = path.open("rb")
    try:
        lines = _CountedLines(file)
        header = _csv_header(path, lines, text_column)
    except BaseException:
        file.close()
        raise
    return header, _csv_rows(path, file, lines)


class _CountedLines(Lines):
    """Lines of any length, strictly UTF-8, counted but without their byte offsets (a `tell` per line costs as much
    as the CSV parsing of it)."""

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        try:
            for data in self.file:
                self.line += 1
                yield data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise NotUtf8(self.line - 1) from None


def _csv_rows(path: Path, file: BinaryIO, lines: Lines) -> Iterator[list[str]]:
    with file:
        reader = csv.reader(lines)
        while True:
            line = lines.line
            try:
                fields = next(reader, None)
            except csv.Error as error:
                raise BadMentionFile(_problem(path, BadRow(line, "csv", msg("mention_row.not_csv", error=str(error)),
                                                           error))) from None
            except NotUtf8 as error:
                raise BadMentionFile(_not_utf8(path, error)) from None
            if fields is None:
                return
            if fields:
                yield fields


def read_series(path: str | Path) -> list[Bucket] | None:
    """The buckets of a `timestamp,value` CSV (the NAB shape; UTF-8, a spreadsheet's BOM allowed); None when the
    file is a mention file. A row that is not a time and a count is a BadMentionFile naming its line."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        return None
    with path.open("rb") as file:
        lines = Lines(file, strict=True)
        reader = csv.reader(lines)
        try:
            if [cell.strip().lower() for cell in next(reader, [])[:2]] != ["timestamp", "value"]:
                return None
            buckets: list[Bucket] = []
            while (fields := next(reader, None)) is not None:
                if fields:
                    buckets.append(_series_bucket(path, lines.line - 1, fields))
        except NotUtf8 as error:
            raise BadMentionFile(_not_utf8(path, error)) from None
        except csv.Error as error:
            raise BadMentionFile(f"{path}: line {lines.line - 1} is not valid CSV ({error})") from None
    if not buckets:
        raise BadMentionFile(f"{path}: has no rows after its timestamp,value header")
    return buckets


def _series_bucket(path: Path, line: int, fields: list[str]) -> Bucket:
    value = fields[1].strip() if len(fields) > 1 else ""
    try:
        start = parse_time(fields[0], "timestamp")
    except BadMention as error:
        raise BadMentionFile(f"{path}: line {line}: {error}") from None
    try:
        count = float(value)
    except ValueError:
        count = math.nan
    if not math.isfinite(count) or count < 0:
        raise BadMentionFile(f"{path}: line {line}: value {value[:40]!r} is not a count of mentions")
    return Bucket(start=start, count=int(round(count)))


def _csv_header(path: Path, lines: Lines, text_column: str) -> list[str]:
    try:
        header = next(csv.reader(lines), None)
    except csv.Error as error:
        raise BadMentionFile(f"{path}: line 1 is not valid CSV ({error})") from None
    except NotUtf8 as error:
        raise BadMentionFile(_not_utf8(path, error)) from None
    if header is None:
        raise BadMentionFile(f"{path}: is empty (a CSV file needs a header row with '{text_column}')")
    if text_column not in header:
        raise BadMentionFile(f"{path}: has no '{text_column}' column (its columns: {', '.join(header)})")
    return header


def _not_utf8(path: Path, error: NotUtf8) -> str:
    return f"{path}: line {error.line} is not UTF-8: save the file as UTF-8"


def _problem(path: Path, error: BadRow) -> str:
    if error.kind == "json":
        return f"{path}: line {error.line} is not JSON ({getattr(error.cause, 'msg', error.cause)})"
    if error.kind == "object":
        return f"{path}: line {error.line} is not a JSON object"
    return f"{path}: line {error.line} is not valid CSV ({error.cause})"
