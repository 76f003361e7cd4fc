"""Reputation score: one 0-100 number per watched term and time window from mention volume and sentiment."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from crisis.monitor.buckets import MINUTES_PER_DAY, Bucket, as_utc, bucket_start

Band = Literal["healthy", "watch", "damaged", "crisis"]

# The formula and the reasoning behind each constant: docs/reputation.md.
PRIOR_MENTIONS = 20.0  # neutral scored mentions (half negative, compound 0) added to every window
PRIOR_NEGATIVE_SHARE = 0.5
VOLUME_PRIOR = 5.0  # mentions added to actual and normal volume, so 3 mentions where 1 is normal is no tripling
POINTS_PER_DOUBLING = 15.0  # taken off per doubling of volume over normal, at an all-negative conversation
MAX_DOUBLINGS = 4.0  # volume beyond 16x normal takes nothing more off
BANDS: tuple[tuple[int, Band], ...] = ((50, "healthy"), (35, "watch"), (20, "damaged"), (0, "crisis"))


@dataclass(frozen=True)
class ReputationScore:
    """The score of [window_start, window_end) and the plain numbers it was made from."""

    score: int  # 0..100; 50 is a neutral conversation at its normal volume
    window_start: datetime
    window_end: datetime
    mentions: int  # all mentions, scored or not
    scored_mentions: int  # mentions with a sentiment score: how much the score rests on
    negative_share: float | None  # negative among scored mentions; None without any
    mean_compound: float | None  # mean sentiment compound (-1..1) of scored mentions; None without any
    volume_ratio: float | None  # mentions / normal mentions of the window; None without a (non-zero) baseline
    band: Band

    @property
    def no_data(self) -> bool:
        """No mentions at all: the score is the neutral 50 and says nothing."""
        return self.mentions == 0


def reputation(
    buckets: Iterable[Bucket],
    baseline_volume_per_bucket: float | None,
    window_start: datetime,
    window_end: datetime,
    *,
    bucket_minutes: int = 5,
) -> ReputationScore:
    """The score of the buckets starting in [window_start, window_end); pass one term's buckets.

    `baseline_volume_per_bucket` is the normal number of mentions per bucket; None scores the
    sentiment alone. Buckets missing from the window count as quiet ones.
    """
    start, end = as_utc(window_start), as_utc(window_end)
    if end <= start:
        raise ValueError(f"the window must end after it starts, got {start} .. {end}")
    inside = [bucket for bucket in buckets if start <= as_utc(bucket.start) < end]
    return _score(inside, baseline_volume_per_bucket, start, end, bucket_minutes)


def hourly(
    buckets: Iterable[Bucket],
    baseline_volume_per_bucket: float | None,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    bucket_minutes: int = 5,
) -> list[ReputationScore]:
    """One score per UTC hour, oldest first; see `_slices` for the range covered."""
    return _slices(buckets, baseline_volume_per_bucket, 60, start, end, bucket_minutes)


def daily(
    buckets: Iterable[Bucket],
    baseline_volume_per_bucket: float | None,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    bucket_minutes: int = 5,
) -> list[ReputationScore]:
    """One score per UTC day, oldest first; see `_slices` for the range covered."""
    return _slices(buckets, baseline_volume_per_bucket, MINUTES_PER_DAY, start, end, bucket_minutes)


def band_of(score: int) -> Band:
    """The band a score falls in: healthy 50-100, watch 35-49, damaged 20-34, crisis 0-19."""
    return next(band for least, band in BANDS if score >= least)


def _slices(
    buckets: Iterable[Bucket],
    baseline_volume_per_bucket: float | None,
    minutes: int,
    start: datetime | None,
    end: datetime | None,
    bucket_minutes: int,
) -> list[ReputationScore]:
    """Scores of the hours or days from `start` (default: the first bucket) to `end` (default: the
    end of the last bucket), empty ones included; the first and last are cut to `start` and `end`,
    so "the last 24 hours" ending mid-hour gives a partial last hour judged against a partial baseline."""
    dated = sorted(((as_utc(bucket.start), bucket) for bucket in buckets), key=lambda pair: pair[0])
    if not dated and (start is None or end is None):
        return []
    first = as_utc(start) if start is not None else dated[0][0]
    last = as_utc(end) if end is not None else dated[-1][0] + timedelta(minutes=bucket_minutes)
    groups: dict[datetime, list[Bucket]] = {}
    for moment, bucket in dated:
        if first <= moment < last:
            groups.setdefault(bucket_start(moment, minutes), []).append(bucket)
    scores = []
    window, length = bucket_start(first, minutes), timedelta(minutes=minutes)
    while window < last:
        scores.append(_score(groups.get(window, []), baseline_volume_per_bucket, max(window, first),
                             min(window + length, last), bucket_minutes))
        window += length
    return scores


def smoothed_ratio(mentions: float, normal: float) -> float:
    """Volume against normal with VOLUME_PRIOR added to both sides (docs/reputation.md): 3 mentions where 1 is
    normal is no tripling, and a normal of 0 (a sparse brand's median bucket) still compares."""
    return (mentions + VOLUME_PRIOR) / (normal + VOLUME_PRIOR)


def _score(
    buckets: list[Bucket], baseline: float | None, start: datetime, end: datetime, bucket_minutes: int
) -> ReputationScore:
    if baseline is not None and baseline < 0:
        raise ValueError(f"the baseline volume cannot be negative, got {baseline}")
    mentions = sum(bucket.count for bucket in buckets)
    scored = sum(bucket.scored_count for bucket in buckets)
    negative = sum(bucket.negative_count for bucket in buckets)
    compound = sum(bucket.compound_sum for bucket in buckets)
    # sentiment, shrunk toward neutral by the prior mentions: 50 * (1 - share) + 25 * (1 + tone)
    weight = scored + PRIOR_MENTIONS
    share = (negative + PRIOR_MENTIONS * PRIOR_NEGATIVE_SHARE) / weight
    tone = compound / weight
    value = 50.0 * (1.0 - share) + 25.0 * (1.0 + tone)
    ratio = None
    if baseline is not None:
        normal = baseline * ((end - start) / timedelta(minutes=bucket_minutes))
        ratio = mentions / normal if normal > 0 else None
        doublings = math.log2(smoothed_ratio(mentions, normal))
        value -= POINTS_PER_DOUBLING * min(max(doublings, 0.0), MAX_DOUBLINGS) * share
    score = int(round(min(max(value, 0.0), 100.0)))
    return ReputationScore(
        score=score,
        window_start=start,
        window_end=end,
        mentions=mentions,
        scored_mentions=scored,
        negative_share=negative / scored if scored else None,
        mean_compound=compound / scored if scored else None,
        volume_ratio=ratio,
        band=band_of(score),
    )
