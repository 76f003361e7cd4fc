"""Spike detection on a bucket series: volume and negative-share warnings, with hysteresis and cooldown."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from typing import Literal

from crisis.monitor.baseline import Profile, Reading, Shape, expected_at, observe
from crisis.monitor.buckets import MINUTES_PER_DAY, Bucket, as_utc, check_bucket_minutes
from crisis.monitor.spam import largest_copy_share

Kind = Literal["volume", "negative_share"]
KINDS: tuple[Kind, ...] = ("volume", "negative_share")
MAX_LOG = 700.0  # math.exp overflows a little above 709: a band's top is capped there on absurdly noisy series


@dataclass(frozen=True)
class SpikeSettings:
    """How the detector reads a bucket series; the defaults are the ones measured on NAB's tweets."""

    bucket_minutes: int = 5
    # baseline: the same time of day over the last days, a weekday correction over the last weeks,
    # a short-term level, and a robust scale per time of day
    baseline_days: int = 7
    baseline_weeks: int = 2
    same_time_minutes: int = 15  # either side of the same time of day
    level_minutes: int = 180
    sustained_minutes: int = 240  # window of the sustained score, for slow rises
    sustained_same_time_minutes: int = 60  # either side of the same time of day, for the sustained score's noise
    warmup_days: int = 3  # no warnings before this much history
    count_prior: float = 5.0  # mentions added to counts before taking logs: calms small counts
    scale_floor: float = 0.05
    # when to warn: a spike's robust z above its minimum and above a typical day's peak times a factor,
    # or the sustained score (mean residual over hours) above its own minimum
    spike_z: float = 6.0
    spike_tail_factor: float = 1.5
    sustained_z: float = 4.0
    tail_days: int = 14
    tail_quantile: float = 0.5
    min_ratio: float = 2.0  # volume: at least this many times the normal count
    min_volume: int = 10  # volume: at least this many mentions in the bucket
    negative_min_volume: int = 20  # negative share: at least this many scored mentions
    negative_min_increase: float = 0.1  # negative share: at least this far above normal
    outage_expected: float = 5.0  # zero mentions where this many are normal is a source gap
    # one spike, one warning: it ends after calm buckets, then a cooldown; updates when it grows
    clear_fraction: float = 0.3  # calm: scores below this fraction of the warning threshold
    clear_minutes: int = 30
    cooldown_minutes: int = 1440
    level_step: float = 2.0  # a new level each time the ratio multiplies by this
    # spam: most of a bucket near-identical copies of one text
    spam_similarity: float = 0.6
    spam_share: float = 0.5
    spam_min_mentions: int = 10

    def __post_init__(self) -> None:
        check_bucket_minutes(self.bucket_minutes)
        if self.baseline_days < 1 or self.baseline_weeks < 0 or self.tail_days < 1 or self.level_step <= 1:
            raise ValueError("baseline_days and tail_days must be >= 1, baseline_weeks >= 0, level_step > 1")

    @cached_property
    def shape(self) -> Shape:
        return Shape(
            per_day=MINUTES_PER_DAY // self.bucket_minutes,
            days=self.baseline_days,
            weeks=self.baseline_weeks,
            halfwidth=self.buckets(self.same_time_minutes, 0),
            sustained_halfwidth=self.buckets(self.sustained_same_time_minutes, 0),
            level=self.buckets(self.level_minutes),
            sustained=self.buckets(self.sustained_minutes),
            tail_days=self.tail_days,
            tail_quantile=self.tail_quantile,
            scale_floor=self.scale_floor,
        )

    def buckets(self, minutes: float, least: int = 1) -> int:
        return max(least, round(minutes / self.bucket_minutes))


# the settings that say only when to warn, not how the baseline reads the series (see `run_each`)
WARNING_SETTINGS = frozenset({
    "warmup_days", "spike_z", "spike_tail_factor", "sustained_z", "min_ratio", "min_volume", "negative_min_volume",
    "negative_min_increase", "clear_fraction", "clear_minutes", "cooldown_minutes", "level_step"})


@dataclass(frozen=True)
class SpikeSignal:
    """A spike warning, or an update when it grew past the next level; numbers for the message and chart."""

    kind: Kind
    level: int  # 1 for the warning, then 2, 3... as the spike grows
    started_at: datetime  # first bucket of the spike
    bucket_start: datetime  # the bucket that raised this signal
    observed: float  # mentions in the bucket, or its negative share
    baseline: float  # the normal value for this time of day and weekday
    band: tuple[float, float]  # normal range of one bucket: a single bucket above it warns
    ratio: float  # observed / normal, "x times normal" (counts: both plus count_prior)
    is_update: bool
    spam: bool  # most of the bucket is near-identical copies of one text


@dataclass(frozen=True)
class SpikeTrack:
    """Where one kind of warning stands: an active spike, or the cooldown after one."""

    started_at: datetime | None = None  # first bucket of the active spike; None without one
    level: int = 0
    warned_ratio: float = 0.0  # ratio when the warning was raised
    calm: int = 0  # calm buckets in a row
    quiet_until: int | None = None  # bucket number before which no new warning is raised

    def to_dict(self) -> dict:
        return {"started_at": self.started_at.isoformat() if self.started_at else None, "level": self.level,
                "warned_ratio": self.warned_ratio, "calm": self.calm, "quiet_until": self.quiet_until}

    @classmethod
    def from_dict(cls, data: dict) -> "SpikeTrack":
        started = data["started_at"]
        return cls(as_utc(started) if started else None, data["level"], data["warned_ratio"], data["calm"],
                   data["quiet_until"])


@dataclass(frozen=True)
class DetectorState:
    """All the detector remembers; `to_dict` / `from_dict` give a JSON-able copy to persist and restore."""

    first: int | None  # bucket number of the first bucket seen
    profiles: dict[Kind, Profile]
    tracks: dict[Kind, SpikeTrack]

    @classmethod
    def fresh(cls, settings: SpikeSettings) -> "DetectorState":
        shape = settings.shape
        return cls(None, {kind: Profile.empty(shape) for kind in KINDS}, {kind: SpikeTrack() for kind in KINDS})

    @property
    def last(self) -> int | None:
        """Bucket number of the newest bucket seen."""
        return self.profiles["volume"].last

    def to_dict(self) -> dict:
        return {"first": self.first, "profiles": {k: p.to_dict() for k, p in self.profiles.items()},
                "tracks": {k: t.to_dict() for k, t in self.tracks.items()}}

    def fits(self, settings: SpikeSettings) -> bool:
        """Whether this state was built with settings of the same shape (`step` needs one that fits)."""
        shape = settings.shape
        return all(p.fits(shape) for p in self.profiles.values())

    def refitted(self, settings: SpikeSettings) -> "DetectorState | None":
        """This state carried over to the shape of `settings`; None when it was built for another bucket size.

        A state stored by an older version, or built with other windows, keeps every bucket its
        rings share with the new ones; the rest fill in as buckets arrive (see `Profile.resized`).
        """
        if self.fits(settings):
            return self
        profiles = {kind: profile.resized(settings.shape) for kind, profile in self.profiles.items()}
        if any(profile is None for profile in profiles.values()):
            return None
        return DetectorState(self.first, profiles, self.tracks)  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, data: dict) -> "DetectorState":
        return cls(data["first"], {k: Profile.from_dict(data["profiles"][k]) for k in KINDS},
                   {k: SpikeTrack.from_dict(data["tracks"][k]) for k in KINDS})

    @classmethod
    def restored(cls, data: dict, settings: SpikeSettings) -> "DetectorState | None":
        """A stored state made to fit `settings`; None (learn afresh) when it cannot be: another bucket size,
        or a copy this version cannot read."""
        try:
            state = cls.from_dict(data)
        except (KeyError, TypeError, ValueError):
            return None
        return state.refitted(settings)


@dataclass(frozen=True)
class _Observation:
    """One bucket of one kind, read against its baseline."""

    score: float  # >= 1: above the warning threshold
    observed: float
    baseline: float
    band: tuple[float, float]
    ratio: float
    eligible: bool  # big enough to warn about


def bucket_number(moment: datetime, bucket_minutes: int) -> int:
    return int(as_utc(moment).timestamp()) // (bucket_minutes * 60)


def step(
    settings: SpikeSettings,
    state: DetectorState | None,
    bucket: Bucket,
    recent_texts: Sequence[str] | None = None,
) -> tuple[DetectorState, list[SpikeSignal]]:
    """Read the next bucket (its mentions' texts optional) and say which warnings or updates it raises.

    Uses only this bucket and the state of the ones before: live or in a backtest, the same
    buckets give the same signals. A bucket that is not after the newest one (a re-poll) changes
    nothing. `state` None starts afresh.
    """
    state = state or DetectorState.fresh(settings)
    if not state.fits(settings):
        raise ValueError("the detector state was built with other settings; start from DetectorState.fresh")
    index = bucket_number(bucket.start, settings.bucket_minutes)
    if state.last is not None and index <= state.last:
        return state, []
    first, profiles, readings, spam = _read(settings, state, index, bucket, recent_texts)
    tracks, signals = _warn(settings, state.tracks, first, index, bucket, readings, spam)
    return DetectorState(first, profiles, tracks), signals


def run(settings: SpikeSettings, buckets: Iterable[Bucket]) -> list[SpikeSignal]:
    """Step through a whole series exactly as the live monitor would, from a fresh state."""
    return run_each([settings], buckets)[0]


def run_each(variants: Sequence[SpikeSettings], buckets: Iterable[Bucket]) -> list[list[SpikeSignal]]:
    """`run` for each of several settings that differ only in when to warn (`WARNING_SETTINGS`).

    They read the series alike, so the baseline is kept once and only the warnings per settings:
    a grid of thresholds costs about one run.
    """
    reader = variants[0]
    if any(replace(v, **{key: getattr(reader, key) for key in WARNING_SETTINGS}) != reader for v in variants):
        raise ValueError(f"run_each: the settings may differ only in {', '.join(sorted(WARNING_SETTINGS))}")
    state = DetectorState.fresh(reader)
    tracks, found = [state.tracks] * len(variants), [[] for _ in variants]
    for bucket in buckets:
        index = bucket_number(bucket.start, reader.bucket_minutes)
        if state.last is not None and index <= state.last:
            continue
        first, profiles, readings, spam = _read(reader, state, index, bucket, None)
        for at, settings in enumerate(variants):
            tracks[at], signals = _warn(settings, tracks[at], first, index, bucket, readings, spam)
            found[at].extend(signals)
        state = DetectorState(first, profiles, state.tracks)
    return found


def _read(
    settings: SpikeSettings, state: DetectorState, index: int, bucket: Bucket, recent_texts: Sequence[str] | None
) -> tuple[int, dict[Kind, Profile], dict[Kind, Reading], bool]:
    """Bucket `index` recorded in the baselines: (first bucket number, profiles, readings by kind, spam)."""
    shape = settings.shape
    spam = bool(recent_texts) and len(recent_texts) >= settings.spam_min_mentions and \
        largest_copy_share(recent_texts, settings.spam_similarity) >= settings.spam_share
    volume = math.log(bucket.count + settings.count_prior)
    if bucket.count == 0:
        expected = expected_at(shape, state.profiles["volume"], index)
        if expected is not None and math.exp(expected) - settings.count_prior >= settings.outage_expected:
            volume = None
    negative = None
    if bucket.scored_count and not spam:  # copies alone neither teach the baseline nor warn
        negative = math.log((bucket.negative_count + 1) / (bucket.scored_count - bucket.negative_count + 1))
    profiles, readings = dict(state.profiles), {}
    for kind, value in (("volume", volume), ("negative_share", negative)):
        profiles[kind], reading = observe(shape, state.profiles[kind], index, value)
        if reading is not None:
            readings[kind] = reading
    return index if state.first is None else state.first, profiles, readings, spam


def _warn(
    settings: SpikeSettings, tracks: dict[Kind, SpikeTrack], first: int, index: int, bucket: Bucket,
    readings: dict[Kind, Reading], spam: bool,
) -> tuple[dict[Kind, SpikeTrack], list[SpikeSignal]]:
    """The readings of bucket `index` against the thresholds: the new tracks and the signals raised."""
    may_warn = index - first >= settings.warmup_days * settings.shape.per_day
    tracks, signals = dict(tracks), []
    for kind, reading in readings.items():
        seen = _volume(settings, reading, bucket) if kind == "volume" else _negative_share(settings, reading, bucket)
        tracks[kind], signal = _follow(settings, tracks[kind], index, bucket.start, seen, may_warn)
        if signal is not None:
            signals.append(SpikeSignal(kind, signal[0], tracks[kind].started_at, bucket.start, seen.observed,
                                       seen.baseline, seen.band, seen.ratio, signal[1], spam))
    return tracks, signals


def _follow(
    settings: SpikeSettings, track: SpikeTrack, index: int, start: datetime, seen: _Observation, may_warn: bool
) -> tuple[SpikeTrack, tuple[int, bool] | None]:
    """Hysteresis and cooldown for one kind: the new track and (level, is_update) when it signals."""
    if track.started_at is not None:
        calm = track.calm + 1 if not seen.score >= settings.clear_fraction else 0
        if calm >= settings.buckets(settings.clear_minutes):
            return SpikeTrack(quiet_until=index + settings.buckets(settings.cooldown_minutes, 0)), None
        level = 1 + math.floor(math.log(max(seen.ratio / track.warned_ratio, 1.0)) / math.log(settings.level_step))
        if level > track.level:
            return replace(track, level=level, calm=calm), (level, True)
        return replace(track, calm=calm), None
    cooling = track.quiet_until is not None and index < track.quiet_until
    if may_warn and not cooling and seen.eligible and seen.score >= 1.0:
        return SpikeTrack(started_at=start, level=1, warned_ratio=seen.ratio), (1, False)
    return track, None


def _score(settings: SpikeSettings, reading: Reading) -> tuple[float, float]:
    """(score, spike limit): the score is >= 1 when the spike or the sustained score reaches its limit."""
    limit = settings.spike_z
    if not math.isnan(reading.spike_tail):
        limit = max(limit, settings.spike_tail_factor * reading.spike_tail)
    scores = [s for s in (reading.spike / limit, reading.sustained / settings.sustained_z) if not math.isnan(s)]
    return max(scores, default=math.nan), limit


def _volume(settings: SpikeSettings, reading: Reading, bucket: Bucket) -> _Observation:
    prior = settings.count_prior
    normal = math.exp(reading.expected)
    score, limit = _score(settings, reading)
    low, high = (math.exp(min(reading.center + sign * limit * reading.scale, MAX_LOG)) - prior for sign in (-1, 1))
    ratio = (bucket.count + prior) / normal
    return _Observation(
        score=score,
        observed=bucket.count,
        baseline=max(normal - prior, 0.0),
        band=(max(low, 0.0), max(high, 0.0)),
        ratio=ratio,
        eligible=bucket.count >= settings.min_volume and ratio >= settings.min_ratio,
    )


def _negative_share(settings: SpikeSettings, reading: Reading, bucket: Bucket) -> _Observation:
    share = bucket.negative_count / bucket.scored_count
    normal = _logistic(reading.expected)
    score, limit = _score(settings, reading)
    return _Observation(
        score=score,
        observed=share,
        baseline=normal,
        band=(_logistic(reading.center - limit * reading.scale), _logistic(reading.center + limit * reading.scale)),
        ratio=share / normal,
        eligible=bucket.scored_count >= settings.negative_min_volume
        and share - normal >= settings.negative_min_increase,
    )


def _logistic(log_odds: float) -> float:
    """The share of these log-odds, without overflow far out in either tail."""
    odds = math.exp(-abs(log_odds))
    return 1.0 / (1.0 + odds) if log_odds >= 0 else odds / (1.0 + odds)
