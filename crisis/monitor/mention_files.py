"""Mention files (CSV or JSONL): streamed reading, scoring into a copy, training a scorer from labels."""

import csv
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from crisis.monitor.sentiment import LABELS, Scorer
from crisis.monitor.trained_sentiment import TrainedScorer, train

COMPOUND_FIELD = "sentiment_compound"
LABEL_FIELD = "sentiment_label"
LANGUAGE_FIELDS = ("language", "lang")
BATCH_SIZE = 1_000
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
_CSV_SUFFIXES = frozenset({".csv"})
_FIELD_SIZE_LIMIT = 1 << 24


class BadMentionFile(ValueError):
    """A mention file that cannot be used as it is; the message says what to change."""


@dataclass(frozen=True)
class TrainingSummary:
    """What `train_file` did: rows used per label, rows skipped, training-set macro-F1, seconds."""

    model_path: Path
    per_label: dict[str, int]
    used: int
    skipped_unlabelled: int
    skipped_unscorable: int
    training_macro_f1: float
    seconds: float


def file_format(path: str | Path) -> str:
    """The file's format, csv or jsonl: by its extension, else by its first character ("{": jsonl)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _CSV_SUFFIXES:
        return "csv"
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        head = stream.read(4096).lstrip()
    return "jsonl" if head.startswith("{") else "csv"


def read_mentions(path: str | Path, text_column: str = "text") -> Iterator[dict[str, Any]]:
    """Yield the file's records one at a time; BadMentionFile when there is no `text_column`."""
    path = Path(path)
    if not path.is_file():
        raise BadMentionFile(f"{path}: no such file")
    if file_format(path) == "csv":
        yield from _read_csv(path, text_column)
    else:
        yield from _read_jsonl(path, text_column)


def score_file(
    in_path: str | Path,
    out_path: str | Path,
    scorer: Scorer,
    progress: Callable[[int], None] | None = None,
    text_column: str = "text",
) -> int:
    """Write every mention of `in_path` to `out_path` with sentiment fields added; returns the count.

    The output format follows `out_path`'s extension (the input's when it has none of ours); the
    input's other columns are kept. A `language`/`lang` column, when present, is passed to the
    scorer.
    """
    out_path = Path(out_path)
    if out_path.resolve() == Path(in_path).resolve():
        raise BadMentionFile(f"{out_path}: is the input file; write the scored copy to another file")
    if not out_path.parent.is_dir():
        raise BadMentionFile(f"{out_path}: its folder {out_path.parent} does not exist")
    records = read_mentions(in_path, text_column)
    first_batch = list(islice(records, BATCH_SIZE))
    if not first_batch:
        raise BadMentionFile(f"{in_path}: has no mentions")
    suffix = out_path.suffix.lower()
    out_format = (
        "csv" if suffix in _CSV_SUFFIXES
        else "jsonl" if suffix in _JSONL_SUFFIXES
        else file_format(in_path)
    )
    count = 0
    with out_path.open("w", encoding="utf-8", newline="") as stream:
        writer = _CsvWriter(stream, first_batch[0]) if out_format == "csv" else _JsonlWriter(stream)
        batch = first_batch
        while batch:
            texts = [record[text_column] for record in batch]
            languages = [_language(record) for record in batch]
            for record, sentiment in zip(batch, scorer.score_many(texts, languages)):
                record[COMPOUND_FIELD] = sentiment.compound
                record[LABEL_FIELD] = sentiment.label
                writer.write(record)
            count += len(batch)
            if progress is not None:
                progress(count)
            batch = list(islice(records, BATCH_SIZE))
    return count


def train_file(
    path: str | Path,
    label_column: str,
    *,
    out_path: str | Path,
    text_column: str = "text",
) -> TrainingSummary:
    """Train the team's scorer on a labelled mention file and save it to `out_path`.

    Labels are negative / neutral / positive (any case); rows with an empty label are skipped.
    """
    started = time.perf_counter()
    texts: list[str] = []
    labels: list[str] = []
    unlabelled = 0
    unknown: dict[str, int] = {}
    for number, record in enumerate(read_mentions(path, text_column), start=1):
        if label_column not in record:
            raise BadMentionFile(
                f"{path}: record {number} has no '{label_column}' "
                f"(its fields: {', '.join(map(str, record))})"
            )
        label = str(record[label_column] or "").strip().lower()
        if not label:
            unlabelled += 1
        elif label in LABELS:
            texts.append(record[text_column])
            labels.append(label)
        else:
            unknown[label] = unknown.get(label, 0) + 1
    if not texts and not unknown and not unlabelled:
        raise BadMentionFile(f"{path}: has no mentions")
    if unknown:
        shown = ", ".join(f"'{label}' ({count} rows)" for label, count in sorted(unknown.items())[:10])
        raise BadMentionFile(
            f"{path}: column '{label_column}' has values that are not sentiment labels: {shown}; "
            f"use {', '.join(LABELS)} (or leave it empty to skip the row)"
        )
    if len(set(labels)) < 2:
        raise BadMentionFile(
            f"{path}: needs labelled mentions of at least two of {', '.join(LABELS)} "
            f"in column '{label_column}' (found {len(labels)} labelled rows: {sorted(set(labels))})"
        )
    try:
        result = train(texts, labels)
    except ValueError as error:
        raise BadMentionFile(f"{path}: {error}") from None
    result.model.save(out_path)
    predicted = [sentiment.label for sentiment in TrainedScorer(result.model).score_many(texts)]
    return TrainingSummary(
        model_path=Path(out_path),
        per_label=result.per_label,
        used=result.used,
        skipped_unlabelled=unlabelled,
        skipped_unscorable=result.skipped,
        training_macro_f1=macro_f1(labels, predicted),
        seconds=round(time.perf_counter() - started, 2),
    )


def macro_f1(expected: list[str], predicted: list[str]) -> float:
    """Mean F1 over the labels that occur in `expected` (an unscored prediction is a miss)."""
    scores = []
    for label in sorted(set(expected)):
        true_positive = sum(1 for e, p in zip(expected, predicted) if e == p == label)
        false_positive = sum(1 for e, p in zip(expected, predicted) if p == label != e)
        false_negative = sum(1 for e, p in zip(expected, predicted) if e == label != p)
        denominator = 2 * true_positive + false_positive + false_negative
        scores.append(2 * true_positive / denominator if denominator else 0.0)
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def _read_csv(path: Path, text_column: str) -> Iterator[dict[str, Any]]:
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_SIZE_LIMIT))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        reader = csv.DictReader(stream)
        if reader.fieldnames is None:
            raise BadMentionFile(f"{path}: is empty (a CSV file needs a header row with '{text_column}')")
        if text_column not in reader.fieldnames:
            raise BadMentionFile(
                f"{path}: has no '{text_column}' column (its columns: {', '.join(reader.fieldnames)})"
            )
        try:
            for record in reader:
                record.pop(None, None)  # cells beyond the header
                record[text_column] = record[text_column] or ""
                yield record
        except csv.Error as error:
            raise BadMentionFile(f"{path}: line {reader.line_num} is not valid CSV ({error})") from None


def _read_jsonl(path: Path, text_column: str) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise BadMentionFile(f"{path}: line {number} is not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise BadMentionFile(f"{path}: line {number} is not a JSON object")
            if text_column not in record:
                raise BadMentionFile(f"{path}: line {number} has no '{text_column}' field")
            text = record[text_column]
            record[text_column] = text if isinstance(text, str) else "" if text is None else str(text)
            yield record


def _language(record: dict[str, Any]) -> str | None:
    for field in LANGUAGE_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return None


class _CsvWriter:
    def __init__(self, stream: TextIO, first_record: dict[str, Any]) -> None:
        fields = [field for field in first_record if field not in (COMPOUND_FIELD, LABEL_FIELD)]
        self._writer = csv.DictWriter(
            stream, fieldnames=fields + [COMPOUND_FIELD, LABEL_FIELD], extrasaction="ignore"
        )
        self._writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        compound = record[COMPOUND_FIELD]
        self._writer.writerow({**record, COMPOUND_FIELD: "" if compound is None else compound})


class _JsonlWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
