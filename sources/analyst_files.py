"""The analysts' files: a mention file scored into a copy, a scorer trained from a labelled one, CSV results."""

from __future__ import annotations

import csv
import io
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisis.i18n import FORMULA_START, spreadsheet_safe
from crisis.monitor.sentiment import LABELS, Scorer
from sources.mention_files import (
    BadMentionFile,
    file_format,
    format_by_suffix,
    read_mentions,
)
from sources.score_workers import paused_gc, raw_batches, scored_in_workers

if TYPE_CHECKING:
    from crisis.monitor.backtest import BacktestWarning
    from crisis.monitor.mentions import Mention

COMPOUND_FIELD = "sentiment_compound"
LABEL_FIELD = "sentiment_label"
LANGUAGE_OUT_FIELD = "sentiment_language"
SENTIMENT_FIELDS = (COMPOUND_FIELD, LABEL_FIELD, LANGUAGE_OUT_FIELD)
LANGUAGE_FIELDS = ("language", "lang")
BATCH_SIZE = 1_000
_FORMULA_FIRST = frozenset(FORMULA_START)


@dataclass(frozen=True)
class ScoredFile:
    """What `score_file` wrote: how many mentions, and per language how many were scored and left unscored
    (no scorer for that language; "" for texts with no language: empty, binary)."""

    count: int
    scored: dict[str, int]
    unscored: dict[str, int]


@dataclass(frozen=True)
class TrainingSummary:
    """What `train_file` did: rows used per label, rows skipped, training-set macro-F1, seconds."""

    model_path: Path
    per_label: dict[str, int]
    per_language: dict[str, int]
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
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> ScoredFile:
    """Write every mention of `in_path` to `out_path` with sentiment fields (compound, label, the language it
    was read in) added; how many, per language.

    The output format follows `out_path`'s extension (the input's when it has none of ours); the
    input's other columns are kept. A `language`/`lang` column, when present, is passed to the
    scorer. With `workers` > 1, the batches after the first are scored in that many processes
    (sources/score_workers.py) while this one writes; the output is the same, in the same order.
    """
    out_path = Path(out_path)
    if out_path.resolve() == Path(in_path).resolve():
        raise BadMentionFile(f"{out_path}: is the input file; write the scored copy to another file")
    if not out_path.parent.is_dir():
        raise BadMentionFile(f"{out_path}: its folder {out_path.parent} does not exist")
    batches, make_records = raw_batches(in_path, text_column, batch_size)
    first_batch = make_records(next(batches, []))
    if not first_batch:
        raise BadMentionFile(f"{in_path}: has no mentions")
    out_format = format_by_suffix(out_path) or file_format(in_path)
    rows = _CsvRows(first_batch[0]) if out_format == "csv" else _JsonlRows()
    batch_scorer = _BatchScorer(scorer, text_column, rows)
    first = batch_scorer(first_batch)  # here: it loads what the scorer loads on first use (the language model)
    if len(first_batch) < batch_size:
        workers = 1  # one batch: nothing to share
    if workers <= 1:
        rest = ((len(batch), batch_scorer(batch)) for batch in map(make_records, batches))
    else:
        batches.close()  # the workers read the file themselves
        rest = scored_in_workers(in_path, text_column, batch_size, batch_scorer, workers)
    count = 0
    languages: Counter[tuple[str, bool]] = Counter()  # (language, scored) -> mentions
    with paused_gc(), out_path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(rows.header())
        for size, (written, batch_languages) in chain([(len(first_batch), first)], rest):
            stream.write(written)
            languages.update(batch_languages)
            count += size
            if progress is not None:
                progress(count)
    return ScoredFile(count, *({code: n for (code, scored), n in sorted(languages.items()) if scored == wanted}
                               for wanted in (True, False)))


_Batch = list[dict[str, Any]]


@dataclass(frozen=True)
class _BatchScorer:
    """Scores a batch of records and writes them, sentiment added, as the output file's text."""

    scorer: Scorer
    text_column: str
    rows: "_CsvRows | _JsonlRows"

    def __call__(self, batch: _Batch) -> tuple[str, Counter[tuple[str, bool]]]:
        """The batch's output text, and its mentions per (language, scored)."""
        texts = [record[self.text_column] for record in batch]
        languages = [_language(record) for record in batch]
        counts: Counter[tuple[str, bool]] = Counter()
        for record, sentiment in zip(batch, self.scorer.score_many(texts, languages)):
            record[COMPOUND_FIELD] = sentiment.compound
            record[LABEL_FIELD] = sentiment.label
            record[LANGUAGE_OUT_FIELD] = sentiment.language
            counts[(sentiment.language or "", sentiment.label != "unscored")] += 1
        return self.rows.text(batch), counts


def train_file(
    path: str | Path,
    label_column: str,
    *,
    out_path: str | Path,
    text_column: str = "text",
    encoder: bool = False,
    progress: Callable[[int, int], None] | None = None,
    epochs: int | None = None,
) -> TrainingSummary:
    """Train the team's scorer on a labelled mention file and save it to `out_path`.

    With `encoder`, fine-tune the encoder tier instead, into the folder `out_path`, for `epochs` (default:
    EncoderSettings'), calling `progress` with the steps done and the steps in all.

    Labels are negative / neutral / positive (any case); rows with an empty label are skipped.
    """

    started = time.perf_counter()
    texts: list[str] = []
    labels: list[str] = []
    languages: list[str | None] = []
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
            languages.append(_language(record))
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
        result, scorer = _trained(texts, labels, languages, encoder, progress, epochs)
    except ValueError as error:
        raise BadMentionFile(f"{path}: {error}") from None
    result.model.save(out_path)
    predicted = [sentiment.label for sentiment in scorer(result.model).score_many(texts, languages)]
    return TrainingSummary(
        model_path=Path(out_path),
        per_label=result.per_label,
        per_language=result.per_language,
        used=result.used,
        skipped_unlabelled=unlabelled,
        skipped_unscorable=result.skipped,
        training_macro_f1=macro_f1(labels, predicted),
        seconds=round(time.perf_counter() - started, 2),
    )


def _trained(texts: list[str], labels: list[str], languages: list[str | None], encoder: bool,
             progress: Callable[[int, int], None] | None, epochs: int | None) -> tuple[Any, Callable[[Any], Scorer]]:
    """The training result and the scorer class of the tier asked for (imported here: `score` needs neither)."""
    if encoder:
        from crisis.monitor.encoder_sentiment import EncoderScorer, EncoderSettings, train_encoder

        settings = EncoderSettings(epochs=epochs) if epochs else EncoderSettings()
        return train_encoder(texts, labels, languages, settings=settings, progress=progress), EncoderScorer
    from crisis.monitor.trained_sentiment import TrainedScorer, train

    return train(texts, labels, languages), TrainedScorer


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
    """Labelled mentions as training data: source, id, created_at, text, label, language (as stored: the source's
    or the detector's, so that `train-sentiment` learns each language the team labelled)."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "id", "created_at", "text", "label", "language"])
        writer.writerows(map(spreadsheet_safe, (m.source, m.source_id, m.created_at.isoformat(), m.text, label,
                                                m.language or "")) for m, label in labelled)


def _language(record: dict[str, Any]) -> str | None:
    for field in LANGUAGE_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value
    return None


class _CsvRows:
    """CSV text: the first record's fields, then the sentiment fields; cells spreadsheet-safe."""

    def __init__(self, first_record: dict[str, Any]) -> None:
        fields = [field for field in first_record if field not in SENTIMENT_FIELDS]
        self._fields = fields + list(SENTIMENT_FIELDS)

    def header(self) -> str:
        return self._csv([self._fields])

    def text(self, records: _Batch) -> str:
        fields, formula_first = self._fields, _FORMULA_FIRST
        # None is written as an empty cell by csv itself; only text that starts like a formula needs a look
        return self._csv([value if value.__class__ is not str or value[:1] not in formula_first
                          else spreadsheet_safe(value) for value in map(record.get, fields)] for record in records)

    @staticmethod
    def _csv(rows: Iterable[list[Any]]) -> str:
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return out.getvalue()


class _JsonlRows:
    """JSON Lines text, one record a line."""

    def header(self) -> str:
        return ""

    def text(self, records: _Batch) -> str:
        return "".join(json.dumps(record, ensure_ascii=False, default=str) + "\n" for record in records)
