"""SQL repositories of the monitor: mention store and buckets, source states, term watches, spike alerts and
mention labels; each works inside one unit of work's Session."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Iterator, Sequence, TypeVar

from sqlalchemy import (
    Dialect,
    and_,
    bindparam,
    case,
    delete,
    distinct,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from crisis.monitor.buckets import Bucket
from crisis.monitor.mentions import Mention
from crisis.monitor.model import AlertStatus, MentionLabel, SourceState, SpikeAlert, TermWatch
from db.monitor.mapping import (
    MENTION_FIELDS,
    mention_from_row,
    mention_label_values,
    mention_values,
    source_state_from_row,
    source_state_to_row,
    spike_alert_from_row,
    spike_alert_to_row,
    spike_alert_values,
    term_watch_from_row,
    term_watch_to_row,
)
from db.monitor.rows import MentionBucketRow, MentionLabelRow, MentionRow, SourceStateRow, SpikeAlertRow, TermWatchRow
from db.repository import FRESH, RowRepository, insert
from db.types import UtcDateTime

T = TypeVar("T")

INSERT_CHUNK = 2_000
"""Mentions per INSERT: one JSON document on PostgreSQL; on SQLite, SQLAlchemy's "insertmanyvalues" splits
them further into multi-row VALUES within SQLite's parameter limit."""
BUCKET_CHUNK = 500
"""Buckets per upsert (10 parameters each, within SQLite's limit)."""
AUTHOR_CHUNK = 200
"""Buckets whose distinct authors one statement counts (a subquery and 4 parameters each, one result column)."""
UNCOUNTED = -1
"""unique_authors of a bucket mentions were added to since its distinct authors were last counted."""

_MENTION = MentionRow.__table__
_BUCKET = MentionBucketRow.__table__
_LABEL = MentionLabelRow.__table__
_ADDED = ("count", "negative_count", "scored_count", "compound_sum")
"""The aggregates a push adds to; unique_authors does not add up."""
_AGGREGATES = (*_ADDED, "unique_authors")


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for first in range(0, len(items), size):
        yield items[first:first + size]


def _add_statement(session: Session) -> Any:
    """Executed with a list of rows, SQLAlchemy sends it as multi-row INSERTs ("insertmanyvalues")."""
    return (insert(session)(_MENTION).on_conflict_do_nothing(index_elements=["source", "source_id"])
            .returning(_MENTION.c.source, _MENTION.c.source_id))


# On PostgreSQL the batch goes as one JSON document turned back into rows by the server: a short
# statement whatever the batch size. (A multi-row VALUES of 1,000 mentions has 12,000 parameters, and
# psycopg spends most of the time parsing it; one array per column is faster, JSON faster still.)
_PG_TYPES = {"text": "text", "created_at": "timestamptz", "compound": "float8", "truncated": "boolean"}
_PG_RECORD = ", ".join(f"{name} {_PG_TYPES.get(name, 'varchar')}" for name in MENTION_FIELDS)
_PG_ADD = text(f"INSERT INTO mention ({', '.join(MENTION_FIELDS)}) SELECT {', '.join(MENTION_FIELDS)} "
               f"FROM json_to_recordset(CAST(:rows AS json)) AS r({_PG_RECORD}) "
               "ON CONFLICT (source, source_id) DO NOTHING RETURNING source, source_id")


def _as_json(rows: Sequence[dict[str, Any]], dialect: Dialect) -> dict[str, str]:
    """The parameter of _PG_ADD; times go through UtcDateTime's check (aware, UTC), odd floats become NULL."""
    utc = UtcDateTime()
    for row in rows:
        row["created_at"] = utc.process_bind_param(row["created_at"], dialect).isoformat()
        if row["compound"] is not None and not math.isfinite(row["compound"]):
            row["compound"] = None
    return {"rows": json.dumps(rows, allow_nan=False, ensure_ascii=False)}


class SqlMentionStore:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, mentions: Sequence[Mention]) -> list[Mention]:
        """INSERT .. ON CONFLICT (source, source_id) DO NOTHING RETURNING the keys stored, in batches.

        Returns the newly stored mentions in the given order; of several with one key in the batch,
        the first. Rows go in sorted by key, so two transactions adding overlapping batches take the
        key locks in the same order (PostgreSQL: the second waits for the first, never deadlocks) and
        a mention a concurrent transaction stored (and committed) is not returned.
        """
        unique: dict[tuple[str, str], Mention] = {}
        for mention in mentions:
            unique.setdefault((mention.source, mention.source_id), mention)
        if not unique:
            return []
        rows = [mention_values(unique[key]) for key in sorted(unique)]
        dialect = self._session.get_bind().dialect
        stored: set[tuple[str, str]] = set()
        for chunk in _chunks(rows, INSERT_CHUNK):
            if dialect.name == "postgresql":
                result = self._session.execute(_PG_ADD, _as_json(chunk, dialect))
            else:
                result = self._session.execute(_add_statement(self._session), chunk)
            stored.update((source, source_id) for source, source_id in result)
        return [mention for key, mention in unique.items() if key in stored]

    def add_to_buckets(self, tallies: Sequence[Bucket], bucket_minutes: int) -> None:
        """INSERT .. ON CONFLICT (term, feed, start) DO UPDATE adding the tallies' counts and sums to the stored
        ones: no bucket is recounted, and two pushes into one bucket wait for each other only from this statement
        to their commit (the row lock). Rows go in key order, so two pushes lock shared buckets in one order (no
        deadlock). Distinct authors do not add up: the bucket is marked UNCOUNTED (see count_authors)."""
        rows = [{"term": b.term, "feed": b.source, "start": b.start, "bucket_minutes": bucket_minutes,
                 **{name: getattr(b, name) for name in _ADDED}, "unique_authors": UNCOUNTED}
                for b in sorted(tallies, key=lambda b: (b.term, b.source, b.start))]
        for chunk in _chunks(rows, BUCKET_CHUNK):
            statement = insert(self._session)(_BUCKET).values(list(chunk))
            self._session.execute(statement.on_conflict_do_update(
                index_elements=["term", "feed", "start"],
                set_={"bucket_minutes": statement.excluded.bucket_minutes, "unique_authors": UNCOUNTED,
                      **{name: _BUCKET.c[name] + statement.excluded[name] for name in _ADDED}}))

    def count_authors(self, before: datetime, limit: int) -> int:
        """Count the distinct authors of up to `limit` UNCOUNTED buckets that start before `before`, from the raw
        mentions; returns how many buckets.

        The buckets are locked first (SELECT .. FOR UPDATE, in key order) and counted by a later statement. On
        PostgreSQL (read committed) each statement sees what committed before it began, and a push holds its
        buckets' locks from add_to_buckets to its commit: so a push that added to a bucket before is counted,
        and one that adds after marks it UNCOUNTED again. The repair path of the increments, needed only for
        this one aggregate."""
        b = _BUCKET.c
        marked = self._session.execute(
            select(b.id, b.term, b.feed, b.start, b.bucket_minutes)
            .where(b.unique_authors == UNCOUNTED, b.start < before)
            .order_by(b.term, b.feed, b.start).limit(limit).with_for_update()).all()
        if marked:
            counts = self._authors([(term, feed, start, minutes) for _, term, feed, start, minutes in marked])
            self._session.execute(
                update(_BUCKET).where(b.id == bindparam("bucket_id")).values(unique_authors=bindparam("authors")),
                [{"bucket_id": row[0], "authors": authors} for row, authors in zip(marked, counts)])
        return len(marked)

    def _authors(self, buckets: Sequence[tuple[str, str, datetime, int]]) -> list[int]:
        """The distinct authors of each (term, feed, start, minutes) bucket, counted by one statement (a subquery
        per bucket) rather than one round trip each."""
        m = _MENTION.c
        counts: list[int] = []
        for chunk in _chunks(list(buckets), AUTHOR_CHUNK):
            counts += self._session.execute(select(*(
                select(func.count(distinct(m.author))).where(
                    m.term == term, m.feed == feed, m.created_at >= start,
                    m.created_at < start + timedelta(minutes=minutes)).scalar_subquery()
                for term, feed, start, minutes in chunk))).one()
        return [int(count) for count in counts]

    def buckets(self, term: str, start: datetime, end: datetime) -> list[Bucket]:
        """The term's buckets in [start, end), summed over feeds (Bucket.source is ""), oldest first.

        unique_authors is the sum of each feed's distinct authors: an author seen on two feeds counts
        twice, so over several feeds it is an upper bound, not an exact count. An UNCOUNTED bucket's authors
        are counted from the raw mentions for this read (a bucket closed since the last monitor tick).
        """
        b = _BUCKET.c
        rows = self._session.execute(
            select(b.feed, b.start, b.bucket_minutes, *(b[name] for name in _AGGREGATES))
            .where(b.term == term, b.start >= start, b.start < end, b.count > 0).order_by(b.start, b.feed)).all()
        uncounted = [(term, feed, start_, minutes)
                     for feed, start_, minutes, *_, authors in rows if authors == UNCOUNTED]
        counted = dict(zip(((feed, start_) for _, feed, start_, _ in uncounted), self._authors(uncounted)))
        sums: dict[datetime, Bucket] = {}
        for feed, start_, minutes, count, negative, scored, compound, authors in rows:
            if authors == UNCOUNTED:
                authors = counted[(feed, start_)]
            total = sums.get(start_, Bucket(start=start_, term=term, source=""))
            sums[start_] = replace(
                total, count=total.count + count, negative_count=total.negative_count + negative,
                scored_count=total.scored_count + scored, compound_sum=total.compound_sum + float(compound),
                unique_authors=total.unique_authors + authors)
        return list(sums.values())

    def first_bucket(self, term: str) -> datetime | None:
        """Start of the term's oldest bucket (buckets outlive pruned mentions)."""
        return self._session.scalar(select(func.min(_BUCKET.c.start)).where(_BUCKET.c.term == term))

    def _window(self, term: str, start: datetime, end: datetime) -> tuple[Any, ...]:
        return MentionRow.term == term, MentionRow.created_at >= start, MentionRow.created_at < end

    def texts(self, term: str, start: datetime, end: datetime, limit: int) -> list[str]:
        """Texts of the term's mentions created in [start, end), newest first."""
        return list(self._session.scalars(
            select(MentionRow.text).where(*self._window(term, start, end))
            .order_by(MentionRow.created_at.desc(), MentionRow.id.desc()).limit(limit)))

    def recent(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        """The term's mentions created in [start, end), newest first, at most `limit` (columns, not ORM rows:
        a spike's drivers read tens of thousands)."""
        rows = self._session.execute(
            select(*(_MENTION.c[name] for name in MENTION_FIELDS)).where(*self._window(term, start, end))
            .order_by(MentionRow.created_at.desc(), MentionRow.id.desc()).limit(limit))
        return [Mention(*row) for row in rows]

    def examples(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        """The term's mentions in [start, end): negative ones first, then the rest, newest first."""
        rows = self._session.scalars(
            select(MentionRow).where(*self._window(term, start, end))
            .order_by(case((MentionRow.label == "negative", 0), else_=1), MentionRow.created_at.desc(),
                      MentionRow.id.desc())
            .limit(limit).execution_options(**FRESH))
        return [mention_from_row(row) for row in rows]

    def get(self, source: str, source_id: str) -> Mention | None:
        row = self._session.scalars(
            select(MentionRow).where(MentionRow.source == source, MentionRow.source_id == source_id)
            .execution_options(**FRESH)).one_or_none()
        return mention_from_row(row) if row else None

    def prune(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` raw mentions created before `before`, oldest first; returns how many. Bucket
        aggregates stay, and so do mentions someone labelled (training data for the team's scorer; export()
        needs their text). On PostgreSQL rows another replica is deleting are skipped, not waited for."""
        labelled = exists().where(_LABEL.c.source == _MENTION.c.source, _LABEL.c.source_id == _MENTION.c.source_id)
        oldest = (select(_MENTION.c.id).where(_MENTION.c.created_at < before, ~labelled)
                  .order_by(_MENTION.c.created_at).limit(limit).with_for_update(skip_locked=True))
        return self._session.execute(delete(_MENTION).where(_MENTION.c.id.in_(oldest))).rowcount


class SqlSourceStates(RowRepository[SourceState, SourceStateRow], row=SourceStateRow, noun="source state",
                      read=source_state_from_row, write=source_state_to_row, key="name"):
    def lock(self, name: str) -> SourceState:
        """The source's state under a row lock (SELECT .. FOR UPDATE on PostgreSQL; on SQLite the
        transaction holds the write lock); created on first use, race-safe. save() needs it to exist."""
        return self._lock_or_create(name, failures=0, last_error="", reported_down=False, exhausted=False)

    def all(self) -> list[SourceState]:
        return self._all(select(SourceStateRow).order_by(SourceStateRow.name))


class SqlTermWatches(RowRepository[TermWatch, TermWatchRow], row=TermWatchRow, noun="term watch",
                     read=term_watch_from_row, write=term_watch_to_row, key="term"):
    def lock(self, term: str) -> TermWatch:
        """The term's watch under a row lock, created on first use (race-safe, like SqlSourceStates.lock)."""
        return self._lock_or_create(term, detector={})

    def read_until(self, term: str) -> datetime | None:
        return self._session.execute(
            select(TermWatchRow.last_bucket).where(TermWatchRow.term == term)).scalar_one_or_none()


class SqlSpikeAlerts(RowRepository[SpikeAlert, SpikeAlertRow], row=SpikeAlertRow, noun="spike alert",
                     read=spike_alert_from_row, write=spike_alert_to_row):
    def add(self, alert: SpikeAlert) -> SpikeAlert | None:
        """INSERT .. ON CONFLICT (term, kind, started_at, level) DO NOTHING: None when that alert was
        raised before (by this or another replica), and the transaction goes on."""
        statement = (insert(self._session)(SpikeAlertRow.__table__).values(spike_alert_values(alert))
                     .on_conflict_do_nothing(index_elements=["term", "kind", "started_at", "level"])
                     .returning(SpikeAlertRow.__table__.c.id))
        alert_id = self._session.execute(statement).scalar_one_or_none()
        return None if alert_id is None else replace(alert, id=alert_id)

    def unposted(self, limit: int, *, now: datetime, stale_before: datetime) -> list[int]:
        """Ids of the alerts to post, oldest first: never claimed, or claimed before `stale_before` and
        still without a message (the poster died); snoozed, given up and those waiting for a retry after
        `now` are left out, so they never hold up newer ones."""
        a = SpikeAlertRow
        return self._due(
            select(a.id).where(
                a.status != AlertStatus.SNOOZED.value, a.message_ts.is_(None), a.failed_at.is_(None),
                or_(a.retry_at.is_(None), a.retry_at <= now), or_(a.posted_at.is_(None), a.posted_at < stale_before))
            .order_by(SpikeAlertRow.created_at, SpikeAlertRow.id).limit(limit))

    def recent(self, since: datetime, limit: int) -> list[SpikeAlert]:
        return self._all(select(SpikeAlertRow).where(SpikeAlertRow.created_at >= since)
                         .order_by(SpikeAlertRow.created_at.desc(), SpikeAlertRow.id.desc()).limit(limit))

    def for_crisis(self, crisis_id: int) -> list[SpikeAlert]:
        return self._all(select(SpikeAlertRow).where(SpikeAlertRow.crisis_id == crisis_id)
                         .order_by(SpikeAlertRow.created_at, SpikeAlertRow.id))


class SqlMentionLabels:
    def __init__(self, session: Session) -> None:
        self._session = session

    def put(self, label: MentionLabel) -> None:
        """Upsert on (source, source_id, labelled_by): a person relabelling replaces their label."""
        statement = insert(self._session)(_LABEL).values(mention_label_values(label))
        self._session.execute(statement.on_conflict_do_update(
            index_elements=["source", "source_id", "labelled_by"],
            set_={"label": statement.excluded.label, "labelled_at": statement.excluded.labelled_at}))

    def export(self) -> list[tuple[Mention, str]]:
        """Each labelled mention with its latest label (whoever gave it), oldest mention first;
        labels of mentions that were never stored are left out."""
        latest = select(_LABEL.c.source, _LABEL.c.source_id, _LABEL.c.label, func.row_number().over(
            partition_by=(_LABEL.c.source, _LABEL.c.source_id),
            order_by=(_LABEL.c.labelled_at.desc(), _LABEL.c.id.desc())).label("rank")).subquery()
        rows = self._session.execute(
            select(MentionRow, latest.c.label)
            .join(latest, and_(latest.c.source == MentionRow.source, latest.c.source_id == MentionRow.source_id))
            .where(latest.c.rank == 1).order_by(MentionRow.created_at, MentionRow.id).execution_options(**FRESH))
        return [(mention_from_row(row), label) for row, label in rows]
