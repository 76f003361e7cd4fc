"""Bucket increments against the recount: whatever the pushes (duplicates, several feeds and buckets, concurrent
transactions, authors counted in between), the stored buckets equal the aggregates of the raw mentions; and
raw mentions are pruned in bounded batches."""
from __future__ import annotations

import time
from collections import defaultdict
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from crisis.monitor.buckets import ScoredMention, aggregate_mentions, tally
from crisis.monitor.model import MentionLabel
from db.monitor.repositories import UNCOUNTED
from db.monitor.rows import MentionBucketRow, MentionRow
from tests.db.builders import T0, a_mention
from tests.db.races import HOLD, race_indexed

DAY = timedelta(days=1)
FIELDS = ("term", "feed", "start", "count", "negative_count", "scored_count", "compound_sum", "unique_authors")


def push(uow_factory, mentions, hold=0.0):
    """As the monitor stores a batch: the new mentions, then (last) what they add to their buckets."""
    with uow_factory() as uow:
        new = uow.mentions.add(mentions)
        time.sleep(hold)
        uow.mentions.add_to_buckets(tally(new, 5), 5)
        time.sleep(hold)
        uow.commit()
    return new


def recount(engine):
    """The reference: every bucket aggregated afresh from the raw mention rows, per (term, feed, start)."""
    with engine.connect() as connection:
        m = MentionRow.__table__.c
        rows = connection.execute(select(m.id, m.created_at, m.author, m.label, m.compound, m.feed, m.term)).all()
    mentions = [ScoredMention(str(i), created_at, author, "", label, compound, feed, term)
                for i, created_at, author, label, compound, feed, term in rows]
    return {(b.term, b.source, b.start): b for b in aggregate_mentions(mentions, 5)}


def stored(engine):
    with engine.connect() as connection:
        rows = connection.execute(select(*(MentionBucketRow.__table__.c[name] for name in FIELDS))).all()
    return {(term, feed, start): values for term, feed, start, *values in rows}


def assert_increments_equal_recount(engine, uow_factory, *, counted: bool):
    """The stored rows and what buckets() reads equal the recount, bucket by bucket; a stored author count is exact
    or, unless all were `counted`, marked UNCOUNTED."""
    expected = recount(engine)
    got = stored(engine)
    assert set(got) == set(expected)
    for key, (count, negative, scored, compound, authors) in got.items():
        want = expected[key]
        assert (count, negative, scored) == (want.count, want.negative_count, want.scored_count), key
        assert compound == pytest.approx(want.compound_sum, abs=1e-9), key
        assert authors in ({want.unique_authors} if counted else {want.unique_authors, UNCOUNTED}), key
    for term in {key[0] for key in expected}:
        sums = defaultdict(list)
        for (t, _, start), bucket in expected.items():
            if t == term:
                sums[start].append(bucket)
        with uow_factory() as uow:
            read = uow.mentions.buckets(term, T0 - DAY, T0 + DAY)
        assert [(b.start, b.count, b.negative_count, b.scored_count, b.unique_authors) for b in read] == [
            (start, sum(b.count for b in feeds), sum(b.negative_count for b in feeds),
             sum(b.scored_count for b in feeds), sum(b.unique_authors for b in feeds))
            for start, feeds in sorted(sums.items())]


def count_all_authors(uow_factory):
    with uow_factory() as uow:
        counted = uow.mentions.count_authors(T0 + DAY, 1_000)
        uow.commit()
    return counted


def empty(engine):
    with engine.begin() as connection:
        for table in ("mention_label", "mention", "mention_bucket"):
            connection.exec_driver_sql(f"DELETE FROM {table}")


LABELS = st.sampled_from(["negative", "neutral", "positive", "unscored"])
A_MENTION = st.builds(
    lambda source_id, author, term, feed, label, compound, seconds: a_mention(
        str(source_id), author=f"@u{author}", term=term, feed=feed, label=label,
        compound=None if label == "unscored" else compound, created_at=T0 + timedelta(seconds=seconds)),
    st.integers(0, 14), st.integers(0, 4), st.sampled_from(["acme", "acme air"]), st.sampled_from(["rss", "webhook"]),
    LABELS, st.none() | st.floats(-1, 1, allow_nan=False), st.integers(0, 15 * 60 - 1))
PUSHES = st.lists(st.tuples(st.lists(A_MENTION, max_size=8), st.booleans()), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pushes=PUSHES)
def test_increments_equal_the_recount(engine, uow_factory, pushes):
    """Ids drawn from a small pool: the same mention comes again (in one batch, in later ones, with other fields),
    and only its first storing counts; authors counted between some pushes are marked again by later ones."""
    empty(engine)
    for mentions, count_authors_after in pushes:
        push(uow_factory, mentions)
        if count_authors_after:
            count_all_authors(uow_factory)
    assert_increments_equal_recount(engine, uow_factory, counted=False)
    count_all_authors(uow_factory)
    assert_increments_equal_recount(engine, uow_factory, counted=True)
    assert count_all_authors(uow_factory) == 0


THREADS = 4


def test_concurrent_pushes_and_author_counts_equal_the_recount(engine, uow_factory):
    """Pushes overlapping in mentions (duplicates across transactions) into the same two buckets, each holding
    its bucket locks a while, and a thread counting authors meanwhile: nothing is missed or counted twice."""
    everything = [a_mention(str(i), author=f"@u{i % 9}", feed=("rss", "webhook")[i % 2],
                            label=("negative", "positive", "unscored")[i % 3], compound=(i % 5) / 5 - 0.4,
                            created_at=T0 + timedelta(seconds=17 * i)) for i in range(36)]

    def work(index):
        if index == 0:
            for _ in range(6):
                count_all_authors(uow_factory)
                time.sleep(HOLD / 2)
            return 0
        return len(push(uow_factory, everything[(index - 1) * 9:(index - 1) * 9 + 18], hold=HOLD))

    assert sum(race_indexed(work, THREADS + 1)) == len(everything)
    count_all_authors(uow_factory)
    assert_increments_equal_recount(engine, uow_factory, counted=True)


def test_prune_deletes_in_batches_oldest_first_and_keeps_labelled_mentions(engine, uow_factory):
    push(uow_factory, [a_mention(str(i), created_at=T0 + timedelta(minutes=i)) for i in range(14)])
    with uow_factory() as uow:
        uow.labels.put(MentionLabel("mastodon", "0", "negative", "U0ANN", T0))
        uow.commit()
    batches = []
    while not batches or batches[-1] == 5:
        with uow_factory() as uow:
            batches.append(uow.mentions.prune(T0 + timedelta(minutes=12), 5))
            if batches == [5]:
                assert [m.source_id for m in uow.mentions.recent("acme", T0, T0 + DAY, 20)][-2:] == ["6", "0"]
            uow.commit()
    assert batches == [5, 5, 1]
    with uow_factory() as uow:
        assert sorted(m.source_id for m in uow.mentions.recent("acme", T0, T0 + DAY, 20)) == ["0", "12", "13"]
        assert sum(b.count for b in uow.mentions.buckets("acme", T0, T0 + DAY)) == 14
