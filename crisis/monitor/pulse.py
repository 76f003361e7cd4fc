"""A term's recent picture for people: complete bucket series, the normal band, reputation now and per hour,
and (for the pulse) what drives its mentions now."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

from crisis.monitor.buckets import Bucket
from crisis.monitor.drivers import Drivers
from crisis.monitor.reputation import ReputationScore, hourly, reputation

BAND_DAYS = 7
MAD_TO_SD = 1.4826


@dataclass(frozen=True)
class BandPoint:
    start: datetime
    expected: float
    low: float
    high: float


@dataclass(frozen=True)
class TermPicture:
    term: str
    buckets: tuple[Bucket, ...]
    """The last 24 h, one per bucket (empty buckets filled in)."""
    band: tuple[BandPoint, ...]
    now: ReputationScore
    hours: tuple[ReputationScore, ...]
    normal_per_bucket: float | None
    drivers: Drivers | None = None
    bucket_minutes: int = 5
    """What drives the last hour's mentions (the pulse shows it)."""


def filled(term: str, stored: Sequence[Bucket], start: datetime, end: datetime, minutes: int) -> list[Bucket]:
    """One bucket per step in [start, end): stored ones as they are, empty ones where none was stored."""
    by_start = {b.start: b for b in stored}
    step, moment, series = timedelta(minutes=minutes), start, []
    while moment < end:
        series.append(by_start.get(moment) or Bucket(start=moment, term=term))
        moment += step
    return series


def seasonal_band(history: Sequence[Bucket], shown: Sequence[Bucket], minutes: int) -> list[BandPoint]:
    """For each shown bucket, the median and a robust spread of the same time of day on earlier days."""
    counts = {b.start: b.count for b in history}
    band = []
    for bucket in shown:
        same_time = [counts.get(bucket.start - timedelta(days=d), 0) for d in range(1, BAND_DAYS + 1)
                     if bucket.start - timedelta(days=d) >= min(counts, default=bucket.start)]
        if len(same_time) < 2:
            continue
        middle = statistics.median(same_time)
        spread = MAD_TO_SD * statistics.median(abs(c - middle) for c in same_time)
        band.append(BandPoint(bucket.start, middle, max(0.0, middle - 2 * spread), middle + 2 * max(spread, 1.0)))
    return band


def normal_volume(history: Sequence[Bucket]) -> float | None:
    """The median mentions per bucket over the history (empty buckets included), None without history."""
    return statistics.median(b.count for b in history) if history else None


def picture(term: str, history: Sequence[Bucket], now_bucket_end: datetime, minutes: int) -> TermPicture:
    """`history`: the term's complete buckets of the last BAND_DAYS + 1 days up to `now_bucket_end`;
    empty buckets before the first mention ever seen are not counted as normal quiet."""
    seen = next((i for i, b in enumerate(history) if b.count), len(history))
    history = history[seen:]
    day_start = now_bucket_end - timedelta(days=1)
    shown = [b for b in history if b.start >= day_start]
    earlier = [b for b in history if b.start < day_start]
    normal = normal_volume(earlier)
    last_hour = now_bucket_end - timedelta(hours=1)
    return TermPicture(
        term=term, buckets=tuple(shown), band=tuple(seasonal_band(earlier, shown, minutes)),
        now=reputation(shown, normal, last_hour, now_bucket_end, bucket_minutes=minutes),
        hours=tuple(hourly(shown, normal, start=day_start, end=now_bucket_end, bucket_minutes=minutes)),
        normal_per_bucket=normal, bucket_minutes=minutes,
    )
