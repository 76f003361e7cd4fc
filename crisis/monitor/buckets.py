"""Mention buckets: per term, source and time window, the counts the spike detector reads, and what a batch of
stored mentions adds to them."""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from crisis.monitor.mentions import Mention

MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class ScoredMention:
    """A mention with its sentiment; `id` and `source` identify it across polls."""

    id: str
    created_at: datetime
    author: str
    text: str
    label: str
    compound: float | None
    source: str = ""
    term: str = ""

    @classmethod
    def of(cls, mention: "ScoredMention | Mapping[str, object]") -> "ScoredMention":
        """Accept a ScoredMention or a dict with the same keys (created_at may be an ISO string)."""
        if isinstance(mention, ScoredMention):
            return mention
        compound = mention.get("compound")
        return cls(
            id=str(mention.get("id") or ""),
            created_at=as_utc(mention["created_at"]),
            author=str(mention.get("author") or ""),
            text=str(mention.get("text") or ""),
            label=str(mention.get("label") or "unscored"),
            compound=None if compound is None else float(compound),
            source=str(mention.get("source") or ""),
            term=str(mention.get("term") or ""),
        )

    @property
    def identity(self) -> tuple[str, ...]:
        """Same mention, same identity: the source's id, or its author, time and text without one."""
        if self.id:
            return (self.source, self.id)
        return (self.source, self.author, self.created_at.isoformat(), self.text)


@dataclass(frozen=True)
class Bucket:
    """Mentions of one term and source in [start, start + bucket minutes)."""

    start: datetime
    count: int = 0
    negative_count: int = 0
    scored_count: int = 0
    compound_sum: float = 0.0
    unique_authors: int = 0
    term: str = ""
    source: str = ""

    @property
    def mean_compound(self) -> float | None:
        return self.compound_sum / self.scored_count if self.scored_count else None

    @property
    def negative_share(self) -> float | None:
        """Negative mentions among those with a sentiment score."""
        return self.negative_count / self.scored_count if self.scored_count else None


def as_utc(moment: datetime | str) -> datetime:
    """A timezone-aware UTC datetime; naive times and strings without an offset are taken as UTC."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment.strip())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def bucket_start(moment: datetime, bucket_minutes: int) -> datetime:
    """Start of the bucket holding `moment`; buckets are aligned on UTC midnight."""
    check_bucket_minutes(bucket_minutes)
    seconds = bucket_minutes * 60
    stamp = int(as_utc(moment).timestamp())
    return datetime.fromtimestamp(stamp - stamp % seconds, timezone.utc)


def check_bucket_minutes(bucket_minutes: int) -> None:
    if bucket_minutes <= 0 or MINUTES_PER_DAY % bucket_minutes:
        raise ValueError(f"bucket minutes must divide a day evenly, got {bucket_minutes}")


def aggregate_mentions(
    mentions: Iterable[ScoredMention | Mapping[str, object]],
    bucket_minutes: int = 5,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    keys: Iterable[tuple[str, str]] = (),
) -> list[Bucket]:
    """Buckets of the distinct mentions, per (term, source), sorted by term, source and start.

    A mention seen twice (a re-poll of the same window) counts once, so aggregating again after
    any number of polls gives the same buckets. With `start` and `end`, only mentions in
    [start, end) count and every bucket of that range is returned for each (term, source) seen or
    listed in `keys`, empty ones with zero counts: a quiet window is a zero, not a gap.
    """
    check_bucket_minutes(bucket_minutes)
    distinct = {m.identity: m for m in map(ScoredMention.of, mentions)}
    span = None
    if start is not None and end is not None:
        span = (bucket_start(start, bucket_minutes), as_utc(end))
    cells: dict[tuple[str, str, datetime], list[ScoredMention]] = {}
    for mention in distinct.values():
        if span is not None and not span[0] <= mention.created_at < span[1]:
            continue
        cell = (mention.term, mention.source, bucket_start(mention.created_at, bucket_minutes))
        cells.setdefault(cell, []).append(mention)
    if span is not None:
        step = timedelta(minutes=bucket_minutes)
        for term, source in {(t, s) for t, s, _ in cells} | set(keys):
            moment = span[0]
            while moment < span[1]:
                cells.setdefault((term, source, moment), [])
                moment += step
    return [_bucket(term, source, moment, cells[(term, source, moment)])
            for term, source, moment in sorted(cells)]


def _bucket(term: str, source: str, start: datetime, mentions: list[ScoredMention]) -> Bucket:
    scored = [m for m in mentions if m.label != "unscored"]
    return Bucket(
        start=start,
        count=len(mentions),
        negative_count=sum(1 for m in scored if m.label == "negative"),
        scored_count=len(scored),
        compound_sum=sum(m.compound or 0.0 for m in scored),
        unique_authors=len({m.author for m in mentions}),
        term=term,
        source=source,
    )


def tally(mentions: Iterable[Mention], bucket_minutes: int) -> list[Bucket]:
    """What these newly stored mentions add to their (term, feed, start) buckets, sorted by that key: counts and
    the compound sum (Bucket.source is the feed). unique_authors is 0: distinct authors do not add up, the store
    counts them from the raw mentions (MentionStore.count_authors)."""
    sums: dict[tuple[str, str, datetime], tuple[int, int, int, float]] = {}
    for mention in mentions:
        key = (mention.term, mention.feed, bucket_start(mention.created_at, bucket_minutes))
        count, negative, scored, compound = sums.get(key, (0, 0, 0, 0.0))
        if mention.label == "unscored":
            sums[key] = (count + 1, negative, scored, compound)
        else:
            sums[key] = (count + 1, negative + (mention.label == "negative"), scored + 1,
                         compound + (mention.compound or 0.0))
    return [Bucket(start=start, count=count, negative_count=negative, scored_count=scored, compound_sum=compound,
                   term=term, source=feed)
            for (term, feed, start), (count, negative, scored, compound) in sorted(sums.items())]


def read_series_csv(lines: Iterable[str]) -> list[Bucket]:
    """Buckets from `timestamp,value` rows (the NAB files' shape): value is the mention count."""
    return [Bucket(start=as_utc(row["timestamp"]), count=int(round(float(row["value"]))))
            for row in csv.DictReader(lines)]
