"""PNG charts of mention buckets (spike warning, pulse, crisis report), drawn off-screen with Agg, and made
compact (a 32-colour palette) for chats that carry the image inside the message."""

import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from matplotlib import dates as mdates
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from crisis.i18n import msg, render, voice
from crisis.monitor.buckets import Bucket, as_utc, bucket_start
from crisis.monitor.reputation import BANDS, ReputationScore
from crisis.monitor.views import Chart

WIDTH, HEIGHT, DPI = 800, 360, 100  # pixels: every chart has exactly this size
MAX_BINS = 288  # longer series are drawn with wider bins (mean mentions per bucket, so the unit holds)
SHARE_POOL = 6  # negative share is drawn over the last 6 buckets (30 min of 5-min buckets) ...
SHARE_LEAST = 5  # ... and only where they hold at least 5 scored mentions: no 0%/100% flicker at night
TITLE_CHARS, ACTION_CHARS, NOTE_CHARS = 90, 28, 110
ACTION_GAP = 13  # pixels between action labels
FRAME = (0.09, 0.16, 0.91, 0.89)  # left, bottom, right, top of the plot, as fractions of the image
VOLUME, VOLUME_LINE, BAND, EXPECTED = "#8da9c4", "#2e5c8a", "#f2c14e", "#b7950b"
SHARE, SCORE, MARKER, ACTION = "#c0392b", "#1f2d3d", "#e67e22", "#34495e"
BAND_COLOURS = {"healthy": "#27ae60", "watch": "#f1c40f", "damaged": "#e67e22", "crisis": "#c0392b"}
TICKS = {  # numeric dates only: no month names to translate
    "formats": ["%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M", "%S"],
    "zero_formats": ["", "%Y", "%Y-%m", "%m-%d", "%H:%M", "%H:%M"],
    "offset_formats": ["", "%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"],
}

Baseline = Sequence[tuple[datetime, float, float, float]]  # (bucket start, expected, low, high)


@dataclass(frozen=True)
class Labels:
    """Axis texts; callers pass them from the message catalog, the defaults are bare units."""

    volume: str = "mentions / 5 min"
    share: str = "negative %"
    score: str = "0-100"
    time: str = "UTC"
    decimal: str = "."
    """The decimal mark of the tick texts ("1.2k"; "1,2k" for a Dutch team)."""


def spike_chart(
    buckets: Iterable[Bucket],
    baseline: Baseline | None,
    marker_at: datetime | None,
    title: str,
    *,
    labels: Labels = Labels(),
    bucket_minutes: int = 5,
    end: datetime | None = None,
    hours: int = 24,
) -> bytes:
    """The last `hours` before `end` (default: the end of the newest bucket): volume, its normal
    band and expected line, negative share on the right axis, and the spike start marked."""

    def share_and_marker(axes: Axes, series: _Series, span: tuple[datetime, datetime]) -> None:
        _share(axes, series, labels)
        if marker_at is not None and span[0] <= as_utc(marker_at) <= span[1]:
            axes.axvline(mdates.date2num(as_utc(marker_at)), color=MARKER, linestyle="--", linewidth=1.5)

    return _recent_volume(buckets, baseline, title, labels, bucket_minutes, end, hours, share_and_marker)


def monitor_chart(chart: Chart) -> bytes:
    """The spike warning's chart (marked from `since`) or the pulse's, titled and labelled from the catalog."""
    picture, title = chart.picture, render(chart.title)
    band = [(p.start, p.expected, p.low, p.high) for p in picture.band]
    minutes = (int((picture.buckets[1].start - picture.buckets[0].start).total_seconds() // 60)
               if len(picture.buckets) >= 2 else 5)
    labels = Labels(volume=render(msg("chart.volume")), share=render(msg("chart.share")),
                    score=render(msg("chart.score")), time=render(msg("chart.time", zone=voice.team().zone.key)),
                    decimal=render(msg("number.decimal")))
    if chart.since is not None:
        return spike_chart(picture.buckets, band, chart.since, title, labels=labels, bucket_minutes=minutes)
    return pulse_chart(picture.buckets, picture.hours, title, baseline=band, labels=labels, bucket_minutes=minutes)


def compact_png(png: bytes, colours: int = 32) -> bytes:
    """The chart with a palette of `colours` (about a third of the bytes): what fits inside a Teams message."""
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=colours).save(out, "PNG", optimize=True)
    return out.getvalue()


def pulse_chart(
    buckets: Iterable[Bucket],
    scores: Sequence[ReputationScore],
    title: str,
    *,
    baseline: Baseline | None = None,
    labels: Labels = Labels(),
    bucket_minutes: int = 5,
    end: datetime | None = None,
    hours: int = 24,
) -> bytes:
    """`/crisis pulse`: the last `hours` of volume (and its normal band) with the hourly reputation
    scores as a line on the right axis, each point coloured by its band."""

    def scores_in(axes: Axes, series: _Series, span: tuple[datetime, datetime]) -> None:
        _scores(axes, [score for score in scores if span[0] <= score.window_start < span[1]], labels)

    return _recent_volume(buckets, baseline, title, labels, bucket_minutes, end, hours, scores_in)


def crisis_chart(
    buckets: Iterable[Bucket],
    actions: Sequence[tuple[datetime, str]],
    title: str,
    *,
    labels: Labels = Labels(),
    bucket_minutes: int = 5,
    note: str = "",
) -> bytes:
    """The report's chart: volume and negative share over the whole crisis, with a vertical line
    and a short label at each of the team's actions (opened, first ack, statements, closed); `note` is written
    under the plot, on the right (the split by language)."""
    merged = _merge(buckets)
    figure, axes = _figure(title, labels)
    if note:
        figure.text(FRAME[2], 0.02, _short(note, NOTE_CHARS), ha="right", va="bottom", fontsize=7.5, color=ACTION,
                    parse_math=False)
    moments = [start for start, _ in merged] + [as_utc(moment) for moment, _ in actions]
    if moments:
        step = timedelta(minutes=bucket_minutes)
        start = bucket_start(min(moments), bucket_minutes)
        series = _series(merged, start, bucket_start(max(moments), bucket_minutes) + step, bucket_minutes)
        _volume(axes, series, labels, None)
        _share(axes, series, labels)
        _actions(axes, series, actions)
    _time_axis(axes, labels)
    return _png(figure)


@dataclass(frozen=True)
class _Series:
    """A regular grid of bins from `start`: edges as Matplotlib date numbers, one value per bin."""

    start: datetime
    step: timedelta  # one bucket
    edges: np.ndarray
    volume: np.ndarray  # mean mentions per bucket present; NaN (a gap) where none is: no data is no zero
    share: np.ndarray  # negative share of scored mentions, pooled; NaN where too few were scored
    buckets_per_bin: int


def _recent_volume(buckets: Iterable[Bucket], baseline: Baseline | None, title: str, labels: Labels,
                   bucket_minutes: int, end: datetime | None, hours: int,
                   overlay: Callable[[Axes, _Series, tuple[datetime, datetime]], None]) -> bytes:
    """The volume (and its normal band) of the last `hours` before `end`, with `overlay` drawn over the same
    span; only the axes when there is nothing to draw."""
    merged = _merge(buckets)
    figure, axes = _figure(title, labels)
    span = _span(merged, end, hours, bucket_minutes)
    if span is not None:
        series = _series(merged, *span, bucket_minutes)
        _volume(axes, series, labels, _band(series, baseline or ()))
        overlay(axes, series, span)
    _time_axis(axes, labels)
    return _png(figure)


def _merge(buckets: Iterable[Bucket]) -> list[tuple[datetime, tuple[float, float, float, float]]]:
    """(start, (count, negative, scored, 1)) per bucket start, sources and terms added up, oldest first."""
    totals: dict[datetime, tuple[float, float, float, float]] = {}
    for bucket in buckets:
        start = as_utc(bucket.start)
        count, negative, scored, _ = totals.get(start, (0.0, 0.0, 0.0, 1.0))
        totals[start] = (count + bucket.count, negative + bucket.negative_count, scored + bucket.scored_count, 1.0)
    return sorted(totals.items())


def _span(merged: list, end: datetime | None, hours: int, bucket_minutes: int) -> tuple[datetime, datetime] | None:
    if end is None:
        if not merged:
            return None
        end = merged[-1][0] + timedelta(minutes=bucket_minutes)
    end = bucket_start(end, bucket_minutes)
    return end - timedelta(hours=hours), end


def _series(merged: list, start: datetime, end: datetime, bucket_minutes: int) -> _Series:
    step = timedelta(minutes=bucket_minutes)
    slots = max(1, math.ceil((end - start) / step))
    per_bin = math.ceil(slots / MAX_BINS)
    bins = math.ceil(slots / per_bin)
    sums = np.zeros((4, bins))
    for moment, values in merged:
        if start <= moment < end:
            sums[:, int((moment - start) / step) // per_bin] += values
    pool = np.ones(max(1, round(SHARE_POOL / per_bin)))
    negative, scored = (np.convolve(row, pool)[:bins] for row in sums[1:3])
    with np.errstate(divide="ignore", invalid="ignore"):
        volume = np.where(sums[3] > 0, sums[0] / sums[3], np.nan)
        share = np.where((scored >= SHARE_LEAST) & (sums[3] > 0), negative / scored, np.nan)
    edges = mdates.date2num(start) + np.arange(bins + 1) * per_bin * bucket_minutes / (24 * 60)
    return _Series(start, step, edges, volume, share, per_bin)


def _figure(title: str, labels: Labels) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.subplots_adjust(*FRAME)
    axes = figure.add_subplot()
    axes.set_title(_short(title, TITLE_CHARS), loc="left", fontsize=11, parse_math=False)
    axes.spines[["top"]].set_visible(False)
    axes.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: _compact(value, labels.decimal)))
    axes.yaxis.set_major_locator(ticker.MaxNLocator(5))
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)
    return figure, axes


def _band(series: _Series, baseline: Baseline) -> np.ndarray | None:
    """(expected, low, high) per bin, averaged over the bin's buckets, NaN where unknown; None without any."""
    sums, seen = np.zeros((3, len(series.volume))), np.zeros(len(series.volume))
    for start, expected, low, high in baseline:
        slot = (as_utc(start) - series.start) / series.step
        values = (expected, low, high)
        if 0 <= slot < len(series.volume) * series.buckets_per_bin and all(map(math.isfinite, values)):
            index = int(slot) // series.buckets_per_bin
            sums[:, index] += values
            seen[index] += 1
    if not seen.any():
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(seen > 0, sums / seen, np.nan)


def _volume(axes: Axes, series: _Series, labels: Labels, band: np.ndarray | None) -> None:
    """Volume as filled steps over the normal band (shaded) and expected volume (dotted) when known;
    the axis runs from 0 to a little above the highest of them, at least to 1 (all-zero series)."""
    highest = series.volume
    if band is not None:
        expected, low, high = (_edge_values(row) for row in band)
        axes.fill_between(series.edges, low, high, step="post", color=BAND, alpha=0.35, linewidth=0)
        axes.plot(series.edges, expected, drawstyle="steps-post", color=EXPECTED, linewidth=0.8, linestyle=":")
        highest = np.concatenate([highest, high])
    axes.stairs(series.volume, series.edges, fill=True, color=VOLUME, alpha=0.35, linewidth=0)
    axes.stairs(series.volume, series.edges, baseline=None, color=VOLUME_LINE, linewidth=1.1)
    finite = highest[np.isfinite(highest)]
    axes.set_xlim(series.edges[0], series.edges[-1])
    axes.set_ylim(0, max(1.0, float(finite.max()) * 1.12 if finite.size else 0.0))
    axes.set_ylabel(labels.volume, fontsize=9, color=VOLUME_LINE, parse_math=False)


def _share(axes: Axes, series: _Series, labels: Labels) -> None:
    right = axes.twinx()
    right.plot(series.edges, _edge_values(series.share), drawstyle="steps-post", color=SHARE, linewidth=1.2)
    right.set_ylim(0, 1)
    right.yaxis.set_major_formatter(ticker.PercentFormatter(1.0, decimals=0))
    right.set_ylabel(labels.share, fontsize=9, color=SHARE, parse_math=False)
    _right_axis(right)


def _scores(axes: Axes, scores: Sequence[ReputationScore], labels: Labels) -> None:
    right = axes.twinx()
    right.set_ylim(0, 100)
    for least, _ in BANDS[:-1]:
        right.axhline(least, color="#bbbbbb", linewidth=0.6, linestyle=":")
    if scores:
        x = [mdates.date2num(score.window_start + (score.window_end - score.window_start) / 2) for score in scores]
        right.plot(x, [score.score for score in scores], color=SCORE, linewidth=1.5)
        right.scatter(x, [score.score for score in scores], s=18, zorder=3,
                      c=[BAND_COLOURS[score.band] for score in scores], edgecolors=SCORE, linewidths=0.5)
    right.yaxis.set_major_locator(ticker.FixedLocator([least for least, _ in BANDS] + [100]))
    right.set_ylabel(labels.score, fontsize=9, color=SCORE, parse_math=False)
    _right_axis(right)


def _actions(axes: Axes, series: _Series, actions: Sequence[tuple[datetime, str]]) -> None:
    """A line at each action and its label upright to the left of it; labels of actions too close
    to tell apart are pushed right, one label width apart, so none hides another."""
    left, right = series.edges[0], series.edges[-1]
    gap = ACTION_GAP * (right - left) / (WIDTH * (FRAME[2] - FRAME[0]))
    previous = -math.inf
    for moment, text in sorted(actions, key=lambda action: as_utc(action[0])):
        x = mdates.date2num(as_utc(moment))
        axes.axvline(x, color=ACTION, linewidth=1, alpha=0.8)
        previous = min(max(x, previous + gap, left + gap), right)
        axes.text(previous, 0.97, _short(text, ACTION_CHARS), transform=axes.get_xaxis_transform(), rotation=90,
                  ha="right", va="top", fontsize=7.5, color=ACTION, parse_math=False,
                  bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 1})


def _right_axis(right: Axes) -> None:
    right.tick_params(labelsize=8)
    right.spines[["top"]].set_visible(False)


def _time_axis(axes: Axes, labels: Labels) -> None:
    zone = voice.team().zone  # the team's clock; labels.time names it
    locator = mdates.AutoDateLocator(tz=zone, minticks=4, maxticks=9)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=zone, **TICKS))
    axes.xaxis.get_offset_text().set_fontsize(8)
    axes.set_xlabel(labels.time, fontsize=8, loc="left", parse_math=False)


def _edge_values(values: np.ndarray) -> np.ndarray:
    """Per-bin values repeated at the last edge, for step drawings over the bin edges."""
    return np.append(values, values[-1:])


def _compact(value: float, decimal: str = ".") -> str:
    """Tick text of a mention count: 950, 1.2k, 35M ... (SI prefixes, no words to translate), with `decimal` as
    the decimal mark."""
    for size, prefix in ((1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{prefix}".replace(".", decimal)
    return f"{value:.3g}".replace(".", decimal)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    figure.clear()
    return out.getvalue()
