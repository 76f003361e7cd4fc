"""Backtests: a bucket series (or a mention file bucketed first) run through the detector as live."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisis.monitor import spikes
from crisis.monitor.buckets import Bucket, ScoredMention, aggregate_mentions
from crisis.monitor.mentions import parse_time
from crisis.monitor.sentiment import Scorer

BATCH = 2_000


@dataclass(frozen=True)
class BacktestWarning:
    timestamp: str
    kind: str
    level: int
    started_at: datetime | None = None
    """The spike's first bucket (its drivers are read from then on)."""


def scored_mentions(rows: Iterable[Mapping[str, object]], scorer: Scorer, time_column: str = "created_at",
                    text_column: str = "text") -> Iterator[ScoredMention]:
    """Mention rows (with a time and a text) scored in batches, ready to be bucketed."""
    batch: list[Mapping[str, object]] = []

    def flush() -> Iterator[ScoredMention]:
        scores = scorer.score_many([str(r.get(text_column) or "") for r in batch],
                                   [r.get("language") or r.get("lang") for r in batch])  # type: ignore[misc]
        for index, (row, score) in enumerate(zip(batch, scores)):
            yield ScoredMention(id=str(row.get("id") or f"{row.get(time_column)}:{index}:{hash(row.get(text_column))}"),
                                created_at=parse_time(row[time_column]), author=str(row.get("author") or ""),
                                text=str(row.get(text_column) or ""), label=score.label, compound=score.compound)

    for row in rows:
        if not row.get(time_column):
            continue
        batch.append(row)
        if len(batch) >= BATCH:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def bucketed(mentions: Iterable[ScoredMention], minutes: int) -> list[Bucket]:
    """One complete series (empty buckets included) from the first mention to the last."""
    listed = list(mentions)
    if not listed:
        return []
    start = min(m.created_at for m in listed)
    end = max(m.created_at for m in listed) + timedelta(minutes=minutes)
    return aggregate_mentions(listed, minutes, start=start, end=end)


def mention_series(rows: Iterable[Mapping[str, object]], scorer: Scorer, minutes: int) -> list[Bucket]:
    """A mention file's rows scored and bucketed into one complete series."""
    return bucketed(scored_mentions(rows, scorer), minutes)


def run(settings: spikes.SpikeSettings, buckets: list[Bucket],
        progress: Callable[[int, int], None] | None = None) -> list[BacktestWarning]:
    """Warnings and updates the live monitor would have raised on these buckets, in order."""
    state, found = None, []
    for index, bucket in enumerate(buckets):
        state, signals = spikes.step(settings, state, bucket)
        found.extend(BacktestWarning(s.bucket_start.strftime("%Y-%m-%d %H:%M:%S"), s.kind, s.level, s.started_at)
                     for s in signals)
        if progress and index % 500 == 0:
            progress(index, len(buckets))
    return found
