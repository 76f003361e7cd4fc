"""Mention buckets: aggregation per term, source and window, counted once however often re-polled."""
import io
from datetime import datetime, timedelta, timezone

import pytest

from crisis.monitor.buckets import Bucket, ScoredMention, aggregate_mentions, bucket_start, read_series_csv

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def mention(n, minute, author="ann", label="negative", compound=-0.5, source="x", term="acme"):
    return ScoredMention(id=str(n), created_at=T0 + timedelta(minutes=minute, seconds=7), author=author,
                         text=f"text {n}", label=label, compound=compound, source=source, term=term)


POLL = [mention(1, 0), mention(2, 1, "bob", "positive", 0.6), mention(3, 4, "ann", "neutral", 0.0),
        mention(4, 6, "cy"), mention(5, 7, "dee", "unscored", None)]


def test_counts_negatives_compound_and_authors_per_bucket():
    first, second = aggregate_mentions(POLL)
    assert first == Bucket(T0, count=3, negative_count=1, scored_count=3, compound_sum=pytest.approx(0.1),
                           unique_authors=2, term="acme", source="x")
    assert first.mean_compound == pytest.approx(0.1 / 3) and first.negative_share == pytest.approx(1 / 3)
    assert (second.start, second.count, second.negative_count, second.scored_count, second.unique_authors) == (
        T0 + timedelta(minutes=5), 2, 1, 1, 2)


def test_re_polling_the_same_window_never_double_counts():
    once = aggregate_mentions(POLL)
    assert aggregate_mentions(POLL + POLL[1:3] + POLL) == once
    overlapping = POLL[:3] + POLL[2:]
    assert aggregate_mentions(overlapping) == once


def test_mentions_without_an_id_are_told_apart_by_author_time_and_text():
    anonymous = [ScoredMention("", T0, author, "same", "neutral", 0.0) for author in ("ann", "ann", "bob")]
    assert aggregate_mentions(anonymous)[0].count == 2


def test_dict_mentions_and_iso_times():
    rows = [{"id": "a", "created_at": "2026-03-02T10:02:00+01:00", "author": "ann", "label": "negative",
             "compound": -0.7, "text": "late again", "source": "rss", "term": "acme"},
            {"id": "b", "created_at": "2026-03-02T09:03:00Z", "author": "bob", "label": "neutral", "compound": 0.0,
             "text": "ok", "source": "rss", "term": "acme"}]
    (bucket,) = aggregate_mentions(rows)
    assert (bucket.start, bucket.count, bucket.negative_count, bucket.source) == (T0, 2, 1, "rss")


def test_a_covered_window_includes_empty_buckets_per_term_and_source():
    found = aggregate_mentions(POLL + [mention(9, 1, source="y")], start=T0, end=T0 + timedelta(minutes=20),
                               keys=[("quiet", "x")])
    by_series = {}
    for bucket in found:
        by_series.setdefault((bucket.term, bucket.source), []).append(bucket.count)
    assert by_series == {("acme", "x"): [3, 2, 0, 0], ("acme", "y"): [1, 0, 0, 0], ("quiet", "x"): [0, 0, 0, 0]}
    assert aggregate_mentions(POLL, start=T0 + timedelta(minutes=5), end=T0 + timedelta(minutes=10))[0].count == 2


def test_bucket_start_is_aligned_on_utc_midnight():
    moment = datetime(2026, 3, 2, 10, 7, 59, tzinfo=timezone(timedelta(hours=1)))
    assert bucket_start(moment, 5) == datetime(2026, 3, 2, 9, 5, tzinfo=timezone.utc)
    assert bucket_start(moment, 60) == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    with pytest.raises(ValueError):
        bucket_start(moment, 7)


def test_reads_nab_shaped_series():
    series = read_series_csv(io.StringIO("timestamp,value\n2015-02-26 21:42:53,104\n2015-02-26 21:47:53,100.0\n"))
    assert series == [Bucket(datetime(2015, 2, 26, 21, 42, 53, tzinfo=timezone.utc), 104),
                      Bucket(datetime(2015, 2, 26, 21, 47, 53, tzinfo=timezone.utc), 100)]
