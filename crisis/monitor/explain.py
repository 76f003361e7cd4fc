"""Where a spike's drivers are read from: the stored mentions of a warning's spike, of the last hour (the
pulse) or of a crisis (its report), each against the week before; and a backtest's mention file, per warning."""
from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from crisis.monitor import backtest
from crisis.monitor.backtest import BacktestWarning
from crisis.monitor.buckets import Bucket, ScoredMention
from crisis.monitor.drivers import Drivers, drivers
from crisis.monitor.mentions import Mention, platform_of
from crisis.monitor.ports import MentionStore
from crisis.monitor.sentiment import Scorer
from crisis.monitor.spikes import SpikeSettings
from crisis.room.model import Crisis

WINDOW_LIMIT = 20_000
"""Mentions of the window read at most (the newest): the drivers of a larger window come from this sample."""
BASELINE_LIMIT = 20_000
"""Mentions of the baseline read at most: the newest of the BASELINE before the window."""
BASELINE = timedelta(days=7)
PULSE_WINDOW = timedelta(hours=1)


def stored_drivers(mentions: MentionStore, term: str, start: datetime, end: datetime) -> Drivers:
    """The drivers of the term's mentions in [start, end) against the BASELINE before `start`."""
    window = mentions.recent(term, start, end, WINDOW_LIMIT)
    baseline = mentions.recent(term, start - BASELINE, start, BASELINE_LIMIT)
    return drivers(term, start, end, window, baseline)


def pulse_drivers(mentions: MentionStore, term: str, now: datetime) -> Drivers:
    return stored_drivers(mentions, term, now - PULSE_WINDOW, now)


def crisis_drivers(mentions: MentionStore, crisis: Crisis, spike_starts: Sequence[datetime],
                   now: datetime) -> Drivers | None:
    """For a crisis about a watched term: from its first spike (else the impact's start, else its opening)
    to its close (or now); None for a crisis without a term."""
    if not crisis.term:
        return None
    start = min(spike_starts, default=crisis.impact_started_at or crisis.opened_at)
    return stored_drivers(mentions, crisis.term, start, max(crisis.closed_at or now, start))


# --- backtests --------------------------------------------------------------------------------------

def explained_backtest(rows: Iterable[Mapping[str, Any]], scorer: Scorer, settings: SpikeSettings, term: str,
                       feed: str, progress: Callable[[int, int], None] | None = None
                       ) -> tuple[list[Bucket], list[tuple[BacktestWarning, Drivers]]]:
    """backtest.run on a mention file's rows, each warning with the drivers of its spike (from its first bucket to
    the end of the bucket that raised it) against the BASELINE before, read like the live monitor reads them."""
    kept = [row for row in rows if row.get("created_at")]
    scored = list(backtest.scored_mentions(kept, scorer))
    series = backtest.bucketed(scored, settings.bucket_minutes)
    found = backtest.run(settings, series, progress=progress)
    mentions = sorted((_file_mention(row, s, term, feed) for row, s in zip(kept, scored)), key=lambda m: m.created_at)
    times = [m.created_at for m in mentions]
    step = timedelta(minutes=settings.bucket_minutes)

    def explain(warning: BacktestWarning) -> Drivers:
        end = series_time(warning.timestamp, series) + step
        start = warning.started_at or end - step
        first, last = bisect.bisect_left(times, start), bisect.bisect_left(times, end)
        window = mentions[max(first, last - WINDOW_LIMIT):last]
        before = bisect.bisect_left(times, start - BASELINE)
        return drivers(term, start, end, window, mentions[max(before, first - BASELINE_LIMIT):first])

    return series, [(warning, explain(warning)) for warning in found]


def series_time(timestamp: str, series: Sequence[Bucket]) -> datetime:
    """The aware start of the bucket a backtest warning names."""
    tz = series[0].start.tzinfo if series else None
    return datetime.strptime(timestamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)


def drivers_record(warning: BacktestWarning, found: Drivers) -> dict[str, Any]:
    """One warning and its drivers as plain data (a line of `crisisbot backtest --explain`)."""
    def risers(items):
        return [{"text": r.text, "count": r.count, "share": round(r.share, 4), "baseline_count": r.baseline_count,
                 "baseline_share": None if r.baseline_share is None else round(r.baseline_share, 4),
                 "lift": None if r.lift is None else round(r.lift, 2)} for r in items]

    def slices(items):
        return [{"name": s.name, "count": s.count, "share": round(s.share, 4),
                 "negative_share": None if s.negative_share is None else round(s.negative_share, 4),
                 "baseline_share": None if s.baseline_share is None else round(s.baseline_share, 4)} for s in items]

    return {"timestamp": warning.timestamp, "kind": warning.kind, "level": warning.level,
            "window_start": found.start.isoformat(), "window_end": found.end.isoformat(),
            "mentions": found.mentions, "baseline_mentions": found.baseline_mentions,
            "terms": risers(found.terms), "hashtags": risers(found.hashtags), "links": risers(found.links),
            "platforms": slices(found.platforms), "sources": slices(found.sources),
            "shared": [{"text": p.mention.text, "copies": p.copies, "authors": p.authors, "author": p.mention.author,
                        "platform": platform_of(p.mention), "url": p.mention.url, "label": p.mention.label}
                       for p in found.shared]}


def _file_mention(row: Mapping[str, Any], scored: ScoredMention, term: str, feed: str) -> Mention:
    """A file row as a mention: its platform from a `source` or `platform` column (else the file's name)."""
    platform = str(row.get("source") or row.get("platform") or feed)
    return Mention(source=feed, platform=platform, source_id=scored.id, author=scored.author, text=scored.text,
                   url=str(row.get("url") or ""), created_at=scored.created_at, term=term,
                   feed=str(row.get("feed") or feed), compound=scored.compound, label=scored.label)
