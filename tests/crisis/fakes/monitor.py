"""In-memory repositories of the monitor (mentions and their buckets, source states, term watches, spike
alerts, mention labels), as db/monitor/repositories.py."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from crisis.monitor.buckets import Bucket
from crisis.monitor.mentions import Mention
from crisis.monitor.model import (
    AlertStatus,
    MentionLabel,
    SourceState,
    SpikeAlert,
    TermWatch,
)
from tests.crisis.fakes.tables import Table, as_json, check_aware


class FakeMentionStore(Table):
    """Rows: (source, source_id) -> (sequence number, mention); buckets: (term, feed, start) -> Bucket."""

    name = "mentions"

    def add(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions not stored before, in the given order; of several with one key, the first."""
        new: dict[tuple[str, str], Mention] = {}
        for mention in mentions:
            key = (mention.source, mention.source_id)
            if key not in self._rows and key not in new:
                check_aware(mention)
                new[key] = mention
        for key, mention in new.items():
            self._rows[key] = (self._uow.next_id(self.name), mention)
        return list(new.values())

    def add_to_buckets(self, tallies: Sequence[Bucket], bucket_minutes: int) -> None:
        """Counts and sums added to the stored ones; the bucket's distinct authors marked to count again (-1)."""
        buckets = self._uow.table("buckets")
        for tally in tallies:
            old = buckets.get((tally.term, tally.source, tally.start), Bucket(tally.start, term=tally.term,
                                                                              source=tally.source))
            buckets[(tally.term, tally.source, tally.start)] = replace(
                old, count=old.count + tally.count, negative_count=old.negative_count + tally.negative_count,
                scored_count=old.scored_count + tally.scored_count, compound_sum=old.compound_sum + tally.compound_sum,
                unique_authors=-1)
            self._uow.table("bucket_minutes")[(tally.term, tally.source, tally.start)] = bucket_minutes

    def count_authors(self, before: datetime, limit: int) -> int:
        buckets = self._uow.table("buckets")
        marked = sorted(key for key, bucket in buckets.items() if bucket.unique_authors < 0 and key[2] < before)
        counted = self._authors([buckets[key] for key in marked[:limit]])
        for key, authors in zip(marked[:limit], counted):
            buckets[key] = replace(buckets[key], unique_authors=authors)
        return len(marked[:limit])

    def _authors(self, buckets: Sequence[Bucket]) -> list[int]:
        """Each bucket's distinct authors, from the raw mentions (as the SQL subquery counts them, by an index:
        the mentions of each term and feed sorted by time once, each bucket a slice of them)."""
        minutes = self._uow.table("bucket_minutes")
        by_feed: dict[tuple[str, str], list[tuple[datetime, str]]] = {(b.term, b.source): [] for b in buckets}
        for _, m in self._rows.values():
            if (m.term, m.feed) in by_feed:
                by_feed[(m.term, m.feed)].append((m.created_at, m.author))
        times: dict[tuple[str, str], list[datetime]] = {}
        for feed, rows in by_feed.items():
            rows.sort(key=lambda row: row[0])
            times[feed] = [at for at, _ in rows]
        counts = []
        for b in buckets:
            end = b.start + timedelta(minutes=minutes[(b.term, b.source, b.start)])
            at = times[(b.term, b.source)]
            rows = by_feed[(b.term, b.source)][bisect_left(at, b.start):bisect_left(at, end)]
            counts.append(len({author for _, author in rows}))
        return counts

    def buckets(self, term: str, start: datetime, end: datetime) -> list[Bucket]:
        """Summed over feeds (source ""), oldest first; unique authors add up across feeds, as in SQL."""
        sums: dict[datetime, list[Bucket]] = defaultdict(list)
        for bucket in self._uow.table("buckets").values():
            if bucket.term == term and start <= bucket.start < end and bucket.count > 0:
                sums[bucket.start].append(bucket)
        uncounted = [b for feeds in sums.values() for b in feeds if b.unique_authors < 0]
        authors = dict(zip(((b.source, b.start) for b in uncounted), self._authors(uncounted)))
        return [Bucket(start=at, count=sum(b.count for b in feeds), negative_count=sum(b.negative_count for b in feeds),
                       scored_count=sum(b.scored_count for b in feeds),
                       compound_sum=sum(b.compound_sum for b in feeds),
                       unique_authors=sum(authors[(b.source, b.start)] if b.unique_authors < 0 else b.unique_authors
                                          for b in feeds), term=term, source="")
                for at, feeds in sorted(sums.items())]

    def first_bucket(self, term: str) -> datetime | None:
        return min((b.start for b in self._uow.table("buckets").values() if b.term == term), default=None)

    def _window(self, term: str, start: datetime, end: datetime) -> list[tuple[int, Mention]]:
        return [(seq, m) for seq, m in self._rows.values() if m.term == term and start <= m.created_at < end]

    def texts(self, term: str, start: datetime, end: datetime, limit: int) -> list[str]:
        newest = sorted(self._window(term, start, end), key=lambda row: (row[1].created_at, row[0]), reverse=True)
        return [m.text for _, m in newest[:limit]]

    def recent(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        newest = sorted(self._window(term, start, end), key=lambda row: (row[1].created_at, row[0]), reverse=True)
        return [m for _, m in newest[:limit]]

    def examples(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        newest = sorted(self._window(term, start, end), key=lambda row: (row[1].created_at, row[0]), reverse=True)
        return [m for _, m in sorted(newest, key=lambda row: row[1].label != "negative")[:limit]]

    def get(self, source: str, source_id: str) -> Mention | None:
        row = self._rows.get((source, source_id))
        return row[1] if row else None

    def prune(self, before: datetime, limit: int) -> int:
        """Up to `limit` raw mentions older than `before` go, oldest first, unless someone labelled them; buckets stay."""
        labelled = {(label.source, label.source_id) for _, label in self._uow.table("labels").values()}
        old = sorted((key for key, (_, m) in self._rows.items() if m.created_at < before and key not in labelled),
                     key=lambda key: self._rows[key][1].created_at)[:limit]
        for key in old:
            del self._rows[key]
        return len(old)


class FakeSourceStates(Table):
    name = "sources"

    def lock(self, name: str) -> SourceState:
        return self._created_on_first_use(name, SourceState)

    def _key(self, state: SourceState) -> str:
        return state.name

    def all(self) -> list[SourceState]:
        return self._select(lambda s: True)


class FakeTermWatches(Table):
    name = "watches"

    def lock(self, term: str) -> TermWatch:
        return self._created_on_first_use(term, TermWatch)

    def _key(self, watch: TermWatch) -> str:
        return watch.term

    def save(self, watch: TermWatch) -> None:
        super().save(replace(watch, detector=as_json(watch.detector)))

    def read_until(self, term: str) -> datetime | None:
        watch = self._first(lambda w: w.term == term)
        return watch.last_bucket if watch else None


class FakeSpikeAlerts(Table):
    name = "alerts"

    def add(self, alert: SpikeAlert) -> SpikeAlert | None:
        """None when an alert with the same term, kind, start and level exists (raised before)."""
        self._require("crises", alert.crisis_id)
        key = (alert.term, alert.kind, alert.started_at, alert.level)
        if self._first(lambda a: (a.term, a.kind, a.started_at, a.level) == key):
            return None
        return self._insert(alert)

    def unposted(self, limit: int, *, now: datetime, stale_before: datetime) -> list[int]:
        """Never claimed, or claimed before `stale_before` and still without a message; never snoozed, given
        up or waiting for a retry."""
        return self._ids(lambda a: a.status is not AlertStatus.SNOOZED and a.message_ts is None
                         and a.failed_at is None and (a.retry_at is None or a.retry_at <= now)
                         and (a.posted_at is None or a.posted_at < stale_before), lambda a: (a.created_at, a.id), limit)

    def recent(self, since: datetime, limit: int) -> list[SpikeAlert]:
        found = self._select(lambda a: a.created_at >= since, lambda a: (a.created_at, a.id))
        return found[::-1][:limit]

    def for_crisis(self, crisis_id: int) -> list[SpikeAlert]:
        return self._select(lambda a: a.crisis_id == crisis_id, lambda a: (a.created_at, a.id))


class FakeMentionLabels(Table):
    """Rows: (source, source_id, labelled_by) -> (sequence number, label)."""

    name = "labels"

    def put(self, label: MentionLabel) -> None:
        """A person relabelling replaces their label (the row keeps its place)."""
        check_aware(label)
        key = (label.source, label.source_id, label.labelled_by)
        before = self._rows.get(key)
        self._rows[key] = (before[0] if before else self._uow.next_id(self.name), label)

    def export(self) -> list[tuple[Mention, str]]:
        """Each stored mention someone labelled, with its latest label, oldest mention first."""
        latest: dict[tuple[str, str], tuple[datetime, int, str]] = {}
        for seq, label in self._rows.values():
            key = (label.source, label.source_id)
            latest[key] = max(latest.get(key, (label.labelled_at, seq, label.label)),
                              (label.labelled_at, seq, label.label))
        mentions = self._uow.table("mentions")
        rows = sorted((mentions[key] for key in latest if key in mentions), key=lambda row: (row[1].created_at, row[0]))
        return [(m, latest[(m.source, m.source_id)][2]) for _, m in rows]
