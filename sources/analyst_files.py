"""The analysts' files: a mention file scored into a copy, a scorer trained from a labelled one, CSV results."""

import csv
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from crisis.monitor.backtest import BacktestWarning
from crisis.monitor.mentions import Mention
from crisis.monitor.sentiment import LABELS, Scorer
from crisis.monitor.trained_sentiment import TrainedScorer, train
from sources.mention_files import BadMentionFile, file_format, format_by_suffix, read_mentions

COMPOUND_FIELD = "sentiment_compound"
LABEL_FIELD = "sentiment_label"
LANGUAGE_FIELDS = ("language", "lang")
BATCH_SIZE = 1_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    out_format = format_by_suffix(out_path) or file_format(in_path)
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


def write_warnings(path: str | Path, found: Iterable[BacktestWarning]) -> None:
    """A backtest's warnings as CSV: timestamp, kind, level."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["timestamp", "kind", "level"])
        writer.writerows(map(spreadsheet_safe, (w.timestamp, w.kind, w.level)) for w in found)


def write_labels(path: str | Path, labelled: Iterable[tuple[Mention, str]]) -> None:
    """Labelled mentions as training data: source, id, created_at, text, label."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "id", "created_at", "text", "label"])
        writer.writerows(map(spreadsheet_safe, (m.source, m.source_id, m.created_at.isoformat(), m.text, label))
                         for m, label in labelled)


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return first; numbers
    aside) with a ' in front."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return f"'{value}"
    return value


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
        cells = {field: spreadsheet_safe(value) for field, value in record.items()}
        self._writer.writerow({**cells, COMPOUND_FIELD: "" if compound is None else compound})


class _JsonlWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
