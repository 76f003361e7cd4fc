"""Robust seasonal baseline of one bucket measure: time-of-day profile, weekday correction, level, scale."""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MAD_TO_SD = 1.4826  # median absolute deviation -> standard deviation, for normal noise
DAYS_PER_WEEK = 7
STORED_DECIMALS = 4  # history is kept rounded, so a persisted state restores exactly and stays small


@dataclass(frozen=True)
class Shape:
    """The baseline's windows in buckets, and how much of the score tail it remembers."""

    per_day: int  # buckets per day
    days: int  # days of the time-of-day profile
    weeks: int  # weeks of the weekday correction
    halfwidth: int  # buckets either side of the same time of day
    sustained_halfwidth: int  # ... for the noise of the sustained score, pooled wider
    level: int  # buckets of the short-term level
    sustained: int  # buckets averaged by the sustained score
    tail_days: int  # days of daily peak scores the tail is taken from
    tail_quantile: float  # the tail is this quantile of those daily peaks
    scale_floor: float  # smallest robust scale (log units)

    @property
    def profile_length(self) -> int:
        return self.days * self.per_day + self.halfwidth + 1

    @property
    def sustained_length(self) -> int:
        return self.days * self.per_day + self.sustained_halfwidth + 1

    @property
    def weekly_length(self) -> int:
        return self.weeks * DAYS_PER_WEEK * self.per_day + self.halfwidth + 1

    @property
    def recent_length(self) -> int:
        return max(self.level + 1, self.sustained)

    @property
    def tail_rows(self) -> int:
        return self.tail_days + 1


@dataclass(frozen=True)
class Reading:
    """How one bucket's measure (log scale) compares with its baseline."""

    expected: float  # time-of-day profile plus weekday correction
    center: float  # expected plus the short-term level
    scale: float  # robust standard deviation of spike residuals at this time of day
    spike: float  # spike score: robust z of the measure against center
    sustained: float  # sustained score: robust z of the mean residual over the sustained window
    spike_tail: float  # a typical day's highest spike score, over the last days (NaN before any)


@dataclass(frozen=True, eq=False)
class Profile:
    """One measure's history, in ring buffers indexed by bucket number; NaN where no data."""

    last: int | None  # newest bucket number written
    values: np.ndarray  # the measure
    daily: np.ndarray  # the measure minus its time-of-day profile
    recent: np.ndarray  # ... minus the weekday correction too
    spikes: np.ndarray  # spike residuals: recent minus the short-term level
    sustained: np.ndarray  # sustained residuals: mean of recent over the sustained window
    peaks: np.ndarray  # each day's highest spike score, by day number
    day: int | None  # day number of the newest bucket

    @classmethod
    def empty(cls, shape: Shape) -> "Profile":
        def ring(length: int) -> np.ndarray:
            return np.full(length, np.nan)

        return cls(None, ring(shape.profile_length), ring(shape.weekly_length), ring(shape.recent_length),
                   ring(shape.profile_length), ring(shape.sustained_length), ring(shape.tail_rows), None)

    def fits(self, shape: Shape) -> bool:
        return self.lengths() == _lengths(shape)

    def lengths(self) -> tuple[int, ...]:
        return tuple(len(ring) for ring in (self.values, self.daily, self.recent, self.spikes, self.sustained,
                                            self.peaks))

    def resized(self, shape: Shape) -> "Profile | None":
        """This history in the rings of `shape` (of the same bucket size), None when of another bucket size.

        Rings are indexed by bucket (or day) number, so every bucket both the old and the new ring
        hold is kept in place and the rest are gaps: a longer window fills as new buckets arrive.
        """
        if self.last is not None and self.day != self.last // shape.per_day:
            return None  # its bucket numbers count buckets of another size
        lengths = _lengths(shape)
        rings = [_moved(ring, self.last, length)
                 for ring, length in zip((self.values, self.daily, self.recent, self.spikes, self.sustained),
                                         lengths)]
        return Profile(self.last, *rings, _moved(self.peaks, self.day, lengths[-1]), self.day)

    def to_dict(self) -> dict:
        return {"last": self.last, "day": self.day, "values": _listed(self.values), "daily": _listed(self.daily),
                "recent": _listed(self.recent), "spikes": _listed(self.spikes),
                "sustained": _listed(self.sustained), "peaks": _listed(self.peaks)}

    @classmethod
    def from_dict(cls, data: dict) -> "Profile":
        def array(key: str) -> np.ndarray:
            return np.array(data[key], dtype=float)

        return cls(data["last"], array("values"), array("daily"), array("recent"), array("spikes"),
                   array("sustained"), array("peaks"), data["day"])


def expected_at(shape: Shape, profile: Profile, index: int) -> float | None:
    """The time-of-day profile plus weekday correction for bucket `index`, None while unknown."""
    profile = _advance(shape, profile, index)
    return _expected(shape, profile, index)[0]


def observe(shape: Shape, profile: Profile, index: int, value: float | None) -> tuple[Profile, Reading | None]:
    """Record bucket `index` (after the newest) and read it against the history before it.

    `value` None is a missing bucket: remembered as a gap, no reading. Buckets skipped since the
    newest are gaps too.
    """
    profile = _advance(shape, profile, index)
    if value is None:
        return profile, None
    expected, daily = _expected(shape, profile, index)
    if expected is None:
        profile.values[index % shape.profile_length] = _stored(value)
        return profile, None
    residual = value - expected
    level = _median(profile.recent[(index - 1 - _back(shape.level)) % shape.recent_length])
    level = 0.0 if math.isnan(level) else level
    profile.recent[index % shape.recent_length] = _stored(residual)
    window = profile.recent[(index - _back(shape.sustained)) % shape.recent_length]
    window = window[~np.isnan(window)]
    sustained = float(window.mean()) if 2 * window.size >= shape.sustained else math.nan
    spike = residual - level
    same_time = (index - _lags(shape.per_day, shape.days, shape.halfwidth)) % shape.profile_length
    # the sustained residuals move slowly (each averages hours), so their noise is pooled over a wider window
    sustained_time = (index - _lags(shape.per_day, shape.days, shape.sustained_halfwidth)) % shape.sustained_length
    # max(NaN, floor) stays NaN: no scale (and no score) before a day of residuals
    scale = max(MAD_TO_SD * _median(np.abs(profile.spikes[same_time])), shape.scale_floor)
    sustained_scale = max(MAD_TO_SD * _median(np.abs(profile.sustained[sustained_time])), shape.scale_floor)
    # both scores only once the spike noise is known: a warning always has its normal range
    spike_score = spike / scale
    sustained_score = math.nan if math.isnan(scale) else sustained / sustained_scale
    spike_tail = _tail(shape, profile)
    at = index % shape.profile_length
    profile.values[at] = _stored(value)
    profile.spikes[at] = _stored(spike)
    profile.sustained[index % shape.sustained_length] = _stored(sustained)
    profile.daily[index % shape.weekly_length] = _stored(value - daily)
    if not math.isnan(spike_score) and not spike_score <= profile.peaks[profile.day % shape.tail_rows]:
        profile.peaks[profile.day % shape.tail_rows] = _stored(spike_score)
    return profile, Reading(expected, expected + level, scale, spike_score, sustained_score, spike_tail)


def _expected(shape: Shape, profile: Profile, index: int) -> tuple[float | None, float]:
    """(profile plus weekday correction, time-of-day profile alone) for bucket `index`."""
    lags = _lags(shape.per_day, shape.days, shape.halfwidth)
    daily = _median(profile.values[(index - lags) % shape.profile_length])
    if math.isnan(daily):
        return None, daily
    weekly_lags = _lags(shape.per_day * DAYS_PER_WEEK, shape.weeks, shape.halfwidth)
    weekday = _median(profile.daily[(index - weekly_lags) % shape.weekly_length])
    return daily + (0.0 if math.isnan(weekday) else weekday), daily


def _advance(shape: Shape, profile: Profile, index: int) -> Profile:
    """A copy whose rings hold gaps for every bucket after the newest up to `index`."""
    rings = [profile.values.copy(), profile.daily.copy(), profile.recent.copy(), profile.spikes.copy(),
             profile.sustained.copy()]
    if profile.last is not None:
        if index <= profile.last:
            raise ValueError(f"bucket {index} is not after the newest, {profile.last}")
        for ring in rings:
            if index - profile.last >= len(ring):
                ring[:] = np.nan
            elif index == profile.last + 1:  # the next bucket (most calls): one slot
                ring[index % len(ring)] = np.nan
            else:
                ring[np.arange(profile.last + 1, index + 1) % len(ring)] = np.nan
    peaks = profile.peaks.copy()
    day = index // shape.per_day
    if profile.day is not None and day > profile.day:
        for passed in range(profile.day + 1, min(day, profile.day + shape.tail_rows) + 1):
            peaks[passed % shape.tail_rows] = np.nan
    return Profile(index, *rings, peaks, day)


def _lengths(shape: Shape) -> tuple[int, ...]:
    """The lengths of a profile's rings: values, daily, recent, spikes, sustained, peaks."""
    return (shape.profile_length, shape.weekly_length, shape.recent_length, shape.profile_length,
            shape.sustained_length, shape.tail_rows)


def _moved(ring: np.ndarray, newest: int | None, length: int) -> np.ndarray:
    """A ring of `length` holding the entries of `ring` (indexed by number, up to `newest`) that fit in it."""
    moved = np.full(length, np.nan)
    if newest is not None:
        kept = np.arange(newest - min(len(ring), length) + 1, newest + 1)
        moved[kept % length] = ring[kept % len(ring)]
    return moved


def _tail(shape: Shape, profile: Profile) -> float:
    """The `tail_quantile` of the daily peak spike scores of the last `tail_days` whole days."""
    today = profile.day % shape.tail_rows
    past = [*profile.peaks[:today].tolist(), *profile.peaks[today + 1:].tolist()]
    return _quantile(tuple(value for value in past if not math.isnan(value)), shape.tail_quantile)


@lru_cache(maxsize=256)
def _quantile(values: tuple[float, ...], quantile: float) -> float:
    """The quantile of the values (NaN without any); the past days' peaks change once a day, so most calls are
    answered from the cache (the values come without NaN: NaN != NaN, a key holding one would never be found)."""
    return float(np.quantile(values, quantile)) if values else math.nan


@lru_cache(maxsize=32)
def _lags(period: int, periods: int, halfwidth: int) -> np.ndarray:
    """Bucket lags of the same phase 1..`periods` periods back, +- `halfwidth` buckets."""
    lags = [p * period - j for p in range(1, periods + 1) for j in range(-halfwidth, halfwidth + 1)]
    return np.array(lags, dtype=int)


@lru_cache(maxsize=32)
def _back(count: int) -> np.ndarray:
    """0, 1 ... count - 1: bucket lags back from the newest (made once per length)."""
    return np.arange(count)


def _median(values: np.ndarray) -> float:
    """Median of the values that are not NaN (NaN without any)."""
    values = values[~np.isnan(values)]
    half = values.size // 2
    if not values.size:
        return math.nan
    if values.size % 2:
        return float(np.partition(values, half)[half])
    low, high = np.partition(values, (half - 1, half))[half - 1:half + 1]
    return float(low + high) / 2


def _stored(value: float) -> float:
    return round(float(value), STORED_DECIMALS)


def _listed(array: np.ndarray) -> list:
    return np.where(np.isnan(array), None, array).tolist()
