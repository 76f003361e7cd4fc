"""The monitor's SQL repositories: mentions stored once, bucket aggregates added to once per new mention,
source states and term watches created under a lock, spike alerts unique, labels upserted."""
from __future__ import annotations

import random
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from crisis.monitor.buckets import ScoredMention, aggregate_mentions, tally
from crisis.monitor.model import AlertStatus, MentionLabel, SourceState, TermWatch
from crisis.room.model import CrisisStatus
from tests.db.builders import T0, a_crisis, a_mention, an_alert
from tests.db.races import HOLD, race_indexed

PARIS = timezone(timedelta(hours=1))
MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


def _store(uow_factory, mentions, bucket_minutes=5):
    """As the monitor's use cases store a batch: the new mentions, then what they add to their buckets."""
    with uow_factory() as uow:
        new = uow.mentions.add(mentions)
        uow.mentions.add_to_buckets(tally(new, bucket_minutes), bucket_minutes)
        uow.commit()
    return new


# --- MentionStore.add --------------------------------------------------------------------------

def test_mention_round_trip(uow_factory):
    mention = a_mention("1", created_at=datetime(2026, 11, 25, 10, 0, tzinfo=PARIS), language=None, compound=None,
                        label="unscored", truncated=True, text="ünïcode \u2014 \U0001f92c \"quoted\" \\ " + "x" * 5000,
                        platform="TikTok <ü>")
    with uow_factory() as uow:
        assert uow.mentions.add([mention]) == [mention]
        uow.commit()
    with uow_factory() as uow:
        stored = uow.mentions.get("mastodon", "1")
        assert stored == mention and stored.platform == "TikTok <ü>"
        assert uow.mentions.recent("acme", T0, T0 + MINUTE, 10) == [mention]
        assert stored.created_at == T0 and stored.created_at.tzinfo is timezone.utc
        assert uow.mentions.get("mastodon", "2") is None
        assert uow.mentions.get("bluesky", "1") is None


def test_add_returns_only_new_mentions(uow_factory):
    first, again, other_source = a_mention("1"), a_mention("1", text="edited"), a_mention("1", source="bluesky")
    with uow_factory() as uow:
        assert uow.mentions.add([]) == []
        assert uow.mentions.add([first, again, other_source, a_mention("2")]) == [first, other_source, a_mention("2")]
        uow.commit()
    with uow_factory() as uow:
        assert uow.mentions.add([a_mention("3"), again, a_mention("2"), a_mention("4")]) == [
            a_mention("3"), a_mention("4")]
        assert uow.mentions.add([a_mention("3")]) == []
        uow.commit()
    with uow_factory() as uow:
        assert uow.mentions.get("mastodon", "1").text == first.text
        assert len(uow.mentions.texts("acme", T0, T0 + MINUTE, 100)) == 5


def test_add_many_in_several_batches(uow_factory):
    mentions = [a_mention(str(i), created_at=T0 + timedelta(seconds=i)) for i in range(4_500)]
    random.Random(7).shuffle(mentions)
    with uow_factory() as uow:
        assert uow.mentions.add(mentions[:3_000]) == mentions[:3_000]
        assert uow.mentions.add(mentions) == mentions[3_000:]
        uow.commit()
    with uow_factory() as uow:
        assert len(uow.mentions.texts("acme", T0, T0 + DAY, 10_000)) == 4_500


def test_add_refuses_naive_datetimes(uow_factory):
    with uow_factory() as uow, pytest.raises((ValueError, StatementError), match="naive datetime"):
        uow.mentions.add([a_mention("1", created_at=datetime(2026, 11, 25, 9, 0))])


def test_add_rolls_back_with_the_unit(uow_factory):
    with uow_factory() as uow:
        uow.mentions.add([a_mention("1")])
    with uow_factory() as uow:
        assert uow.mentions.get("mastodon", "1") is None
        assert uow.mentions.add([a_mention("1")]) == [a_mention("1")]


# --- buckets ---------------------------------------------------------------------------------

def test_buckets_count_one_bucket(uow_factory):
    mentions = [
        a_mention("1", author="@ann", label="negative", compound=-0.8),
        a_mention("2", author="@ann", label="negative", compound=-0.4, created_at=T0 + 4 * MINUTE),
        a_mention("3", author="@bob", label="positive", compound=0.5, created_at=T0 + 2 * MINUTE),
        a_mention("4", author="@cyd", label="unscored", compound=None, created_at=T0 + 3 * MINUTE),
        a_mention("5", author="@dee", label="neutral", compound=None, created_at=T0 + MINUTE),
        a_mention("6", author="@eve", created_at=T0 + 5 * MINUTE),   # the next bucket
        a_mention("7", author="@fay", created_at=T0 - timedelta(microseconds=1)),  # the one before
        a_mention("8", author="@gus", term="other"),
    ]
    _store(uow_factory, mentions)
    with uow_factory() as uow:
        first, = uow.mentions.buckets("acme", T0, T0 + 5 * MINUTE)
    assert (first.start, first.term, first.source) == (T0, "acme", "")
    assert (first.count, first.negative_count, first.scored_count, first.unique_authors) == (5, 2, 4, 4)
    assert first.compound_sum == pytest.approx(-0.8 - 0.4 + 0.5)
    assert first.start.tzinfo is timezone.utc


def test_a_mention_pushed_again_adds_nothing(uow_factory):
    mentions = [a_mention(str(i), created_at=T0 + i * MINUTE, author=f"@u{i % 3}") for i in range(12)]
    _store(uow_factory, mentions[:7])
    with uow_factory() as uow:
        before = uow.mentions.buckets("acme", T0, T0 + DAY)
    assert [b.count for b in before] == [5, 2]
    for _ in range(2):  # re-polling the window: the same mentions again, plus the rest
        _store(uow_factory, mentions)
    with uow_factory() as uow:
        after = uow.mentions.buckets("acme", T0, T0 + DAY)
        assert uow.mentions.count_authors(T0 + DAY, 10) == 3
        assert uow.mentions.count_authors(T0 + DAY, 10) == 0
        assert uow.mentions.buckets("acme", T0, T0 + DAY) == after
    assert [(b.start, b.count, b.negative_count, b.unique_authors) for b in after] == [
        (T0, 5, 5, 3), (T0 + 5 * MINUTE, 5, 5, 3), (T0 + 10 * MINUTE, 2, 2, 2)]


def test_buckets_agree_with_aggregate_mentions(uow_factory):
    """The SQL aggregate and the domain's in-memory aggregate give the same numbers, bucket by bucket."""
    rng = random.Random(11)
    mentions = []
    for i in range(600):
        label = rng.choice(["negative", "neutral", "positive", "unscored"])
        mentions.append(a_mention(
            str(i), author=f"@u{rng.randrange(40)}", term=rng.choice(["acme", "acme air"]),
            feed=rng.choice(["mastodon", "rss"]), label=label,
            compound=None if label == "unscored" or rng.random() < 0.1 else round(rng.uniform(-1, 1), 3),
            created_at=T0 + timedelta(seconds=rng.randrange(3 * 3600))))
    _store(uow_factory, mentions[:400], bucket_minutes=15)
    _store(uow_factory, mentions[200:], bucket_minutes=15)
    expected = aggregate_mentions(
        [ScoredMention(m.source_id, m.created_at, m.author, m.text, m.label, m.compound, m.feed, m.term)
         for m in mentions], 15)
    for term in ("acme", "acme air"):
        with uow_factory() as uow:
            got = uow.mentions.buckets(term, T0 - DAY, T0 + DAY)
        feeds = [b for b in expected if b.term == term]
        starts = sorted({b.start for b in feeds})
        assert [b.start for b in got] == starts
        for bucket in got:
            same = [b for b in feeds if b.start == bucket.start]
            assert bucket.count == sum(b.count for b in same)
            assert bucket.negative_count == sum(b.negative_count for b in same)
            assert bucket.scored_count == sum(b.scored_count for b in same)
            assert bucket.unique_authors == sum(b.unique_authors for b in same)
            assert bucket.compound_sum == pytest.approx(sum(b.compound_sum for b in same))


def test_one_push_into_many_buckets(uow_factory):
    mentions = [a_mention(str(i), created_at=T0 + i * 5 * MINUTE + (i % 5) * MINUTE) for i in range(1_100)]
    _store(uow_factory, mentions)
    with uow_factory() as uow:
        got = uow.mentions.buckets("acme", T0, T0 + 10 * DAY)
    assert [(b.start, b.count) for b in got] == [(T0 + i * 5 * MINUTE, 1) for i in range(1_100)]


def test_buckets_sum_over_feeds_in_the_window_oldest_first(uow_factory):
    mentions = [
        a_mention("1", feed="mastodon", author="@ann", label="negative", compound=-0.5),
        a_mention("2", feed="rss", author="@ann", label="positive", compound=0.25),
        a_mention("3", feed="rss", author="@bob", label="unscored", compound=None, created_at=T0 + 1 * MINUTE),
        a_mention("4", feed="mastodon", created_at=T0 + 10 * MINUTE),
        a_mention("5", feed="rss", created_at=T0 - 5 * MINUTE),
        a_mention("6", feed="rss", created_at=T0 + 20 * MINUTE),
    ]
    _store(uow_factory, mentions)
    with uow_factory() as uow:
        got = uow.mentions.buckets("acme", T0, T0 + 20 * MINUTE)
        assert uow.mentions.buckets("acme", T0 + 20 * MINUTE, T0 + 20 * MINUTE) == []
        assert uow.mentions.buckets("nobody", T0, T0 + DAY) == []
    assert [(b.start, b.count, b.negative_count, b.scored_count, b.unique_authors, b.source) for b in got] == [
        (T0, 3, 1, 2, 3, ""),  # @ann on two feeds counts twice: unique_authors is a per-feed sum
        (T0 + 10 * MINUTE, 1, 1, 1, 1, "")]
    assert got[0].compound_sum == pytest.approx(-0.25)


def test_a_push_adds_to_its_bucket_without_recounting_it(uow_factory):
    """The bucket's first mentions are pruned (the edge of the retention): a late one adds to their counts."""
    _store(uow_factory, [a_mention("1", author="@ann"), a_mention("2", author="@bob", label="positive", compound=0.5)])
    with uow_factory() as uow:
        assert uow.mentions.count_authors(T0 + DAY, 10) == 1
        assert uow.mentions.prune(T0 + DAY, 10) == 2
        uow.mentions.add_to_buckets([], 5)
        uow.commit()
    _store(uow_factory, [a_mention("3", author="@cyd", created_at=T0 + MINUTE)])
    with uow_factory() as uow:
        bucket, = uow.mentions.buckets("acme", T0 - DAY, T0 + 2 * DAY)
    assert (bucket.start, bucket.count, bucket.negative_count, bucket.scored_count) == (T0, 3, 2, 3)
    assert bucket.compound_sum == pytest.approx(-0.6 + 0.5 - 0.6)


def test_first_bucket(uow_factory):
    with uow_factory() as uow:
        assert uow.mentions.first_bucket("acme") is None
    _store(uow_factory, [a_mention("1", created_at=T0 + 7 * MINUTE), a_mention("2", created_at=T0 + DAY),
                         a_mention("3", created_at=T0 - DAY + MINUTE, term="other")])
    with uow_factory() as uow:
        assert uow.mentions.first_bucket("acme") == T0 + 5 * MINUTE
        assert uow.mentions.first_bucket("acme").tzinfo is timezone.utc
        assert uow.mentions.first_bucket("other") == T0 - DAY


# --- texts, examples, prune --------------------------------------------------------------------

def test_texts_in_the_window_newest_first(uow_factory):
    with uow_factory() as uow:
        uow.mentions.add([a_mention(str(i), text=f"t{i}", created_at=T0 + i * MINUTE) for i in range(6)]
                         + [a_mention("x", text="other term", term="other", created_at=T0 + 2 * MINUTE)])
        uow.commit()
    with uow_factory() as uow:
        assert uow.mentions.texts("acme", T0 + MINUTE, T0 + 5 * MINUTE, 10) == ["t4", "t3", "t2", "t1"]
        assert uow.mentions.texts("acme", T0, T0 + DAY, 2) == ["t5", "t4"]
        assert uow.mentions.texts("nobody", T0, T0 + DAY, 10) == []


def test_examples_negative_first_then_newest(uow_factory):
    mentions = [
        a_mention("old-neg", label="negative", created_at=T0),
        a_mention("new-pos", label="positive", compound=0.7, created_at=T0 + 4 * MINUTE),
        a_mention("mid-neg", label="negative", created_at=T0 + 2 * MINUTE),
        a_mention("mid-neu", label="neutral", compound=0.0, created_at=T0 + 3 * MINUTE),
        a_mention("unscored", label="unscored", compound=None, created_at=T0 + 1 * MINUTE),
        a_mention("too-late", label="negative", created_at=T0 + 10 * MINUTE),
        a_mention("other", label="negative", term="other", created_at=T0 + 2 * MINUTE),
    ]
    with uow_factory() as uow:
        uow.mentions.add(mentions)
        uow.commit()
    with uow_factory() as uow:
        examples = uow.mentions.examples("acme", T0, T0 + 10 * MINUTE, 10)
        assert [m.source_id for m in examples] == ["mid-neg", "old-neg", "new-pos", "mid-neu", "unscored"]
        assert examples[2] == mentions[1]
        assert [m.source_id for m in uow.mentions.examples("acme", T0, T0 + DAY, 2)] == ["too-late", "mid-neg"]


def test_prune_deletes_old_raw_mentions_but_keeps_buckets_and_labelled_ones(uow_factory):
    mentions = [a_mention(str(i), created_at=T0 + i * DAY) for i in range(4)]
    _store(uow_factory, mentions)
    with uow_factory() as uow:
        uow.labels.put(MentionLabel("mastodon", "0", "negative", "U0ANN", T0))
        assert uow.mentions.prune(T0 + 2 * DAY, 10) == 1
        assert uow.mentions.prune(T0 + 2 * DAY, 10) == 0
        uow.commit()
    with uow_factory() as uow:
        assert [m.source_id for m in uow.mentions.examples("acme", T0 - DAY, T0 + 9 * DAY, 10)] == ["3", "2", "0"]
        assert [b.count for b in uow.mentions.buckets("acme", T0, T0 + 9 * DAY)] == [1, 1, 1, 1]
        assert uow.mentions.first_bucket("acme") == T0
        assert uow.mentions.add([mentions[1]]) == [mentions[1]]  # pruned, so new again


# --- source states, term watches ---------------------------------------------------------------

def test_source_state_lock_creates_then_reads(uow_factory):
    with uow_factory() as uow:
        assert uow.sources.all() == []
        assert uow.sources.lock("rss-news") == SourceState("rss-news")
        uow.commit()
    with uow_factory() as uow:
        state = uow.sources.lock("rss-news")
        state.cursor, state.next_poll_at, state.last_polled_at = "etag:abc" * 200, T0 + MINUTE, T0
        state.failures, state.last_error, state.down_since = 3, "HTTP 503", T0 - MINUTE
        state.reported_down, state.exhausted = True, True
        uow.sources.save(state)
        uow.sources.lock("mastodon")
        uow.commit()
    with uow_factory() as uow:
        assert uow.sources.lock("rss-news") == state
        assert uow.sources.all() == [SourceState("mastodon"), state]
        with pytest.raises(LookupError):
            uow.sources.save(SourceState("unknown"))


def test_term_watch_lock_creates_then_reads(uow_factory):
    with uow_factory() as uow:
        assert uow.watches.lock("acme") == TermWatch("acme")
        uow.commit()
    watch = TermWatch("acme", detector={"level": 2, "history": [1.5, 2.0], "nested": {"on": True}},
                      last_bucket=T0, snoozed_until=T0 + DAY, snoozed_by="U0LEAD", last_crisis_update_at=T0)
    with uow_factory() as uow:
        uow.watches.lock("acme")
        uow.watches.save(watch)
        uow.commit()
    with uow_factory() as uow:
        assert uow.watches.lock("acme") == watch
        assert uow.watches.lock("acme air") == TermWatch("acme air")
        with pytest.raises(LookupError):
            uow.watches.save(TermWatch("unknown"))


def test_how_far_a_detector_read_is_known_without_a_watch_being_made(uow_factory):
    with uow_factory() as uow:
        assert uow.watches.read_until("acme") is None
        watch = uow.watches.lock("acme")
        watch.last_bucket = T0
        uow.watches.save(watch)
        uow.commit()
    with uow_factory() as uow:
        assert uow.watches.read_until("acme") == T0
        assert uow.watches.read_until("never watched") is None
        assert uow.watches.lock("never watched") == TermWatch("never watched")  # read_until made no row


# --- spike alerts ------------------------------------------------------------------------------

def test_alert_round_trip_and_save(uow_factory):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis(term="acme", reputation=4)).id
        alert = uow.alerts.add(an_alert(bucket_start=datetime(2026, 11, 25, 10, 5, tzinfo=PARIS)))
        uow.commit()
    assert alert.id is not None and alert.status is AlertStatus.NEW
    with uow_factory() as uow:
        assert uow.alerts.get(alert.id) == alert
        locked = uow.alerts.lock(alert.id)
        locked.status, locked.crisis_id, locked.answered_by, locked.feedback = (
            AlertStatus.CRISIS, crisis_id, "U0LEAD", "real")
        locked.channel_id, locked.message_ts, locked.posted_at, locked.post_attempts = "C0WARN", "1.2", T0, 1
        uow.alerts.save(locked)
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.get(alert.id) == locked
        assert uow.alerts.get(alert.id).status is AlertStatus.CRISIS
        assert uow.alerts.for_crisis(crisis_id) == [locked]
        assert uow.alerts.for_crisis(404) == []
        assert uow.alerts.get(404) is None and uow.alerts.lock(404) is None
        with pytest.raises(LookupError):
            uow.alerts.save(an_alert(id=404))
        with pytest.raises(LookupError):
            uow.alerts.save(an_alert())
        crisis = uow.crises.get(crisis_id)
        assert (crisis.term, crisis.reputation, crisis.status) == ("acme", 4, CrisisStatus.OPEN)


def test_same_alert_twice_is_none_and_the_unit_still_commits(uow_factory):
    with uow_factory() as uow:
        first = uow.alerts.add(an_alert())
        assert uow.alerts.add(an_alert(observed=99.0)) is None
        higher = uow.alerts.add(an_alert(level=2, is_update=True))
        uow.sources.lock("rss")
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.add(an_alert(created_at=T0 + DAY)) is None
        other_kind = uow.alerts.add(an_alert(kind="negative_share"))
        later_spike = uow.alerts.add(an_alert(started_at=T0 + DAY))
        uow.commit()
    with uow_factory() as uow:
        assert None not in {a.id for a in (first, higher, other_kind, later_spike)}
        assert len({a.id for a in (first, higher, other_kind, later_spike)}) == 4
        assert uow.alerts.get(first.id).observed == 40.0
        assert uow.sources.all() == [SourceState("rss")]


def test_unposted_oldest_first_with_stale_claims_and_never_snoozed(uow_factory):
    with uow_factory() as uow:
        late = uow.alerts.add(an_alert(level=1, created_at=T0 + 3 * MINUTE)).id
        early = uow.alerts.add(an_alert(level=2, created_at=T0 + 1 * MINUTE)).id
        claimed = uow.alerts.add(an_alert(level=3, created_at=T0, posted_at=T0)).id  # its poster died
        uow.alerts.add(an_alert(level=4, created_at=T0 + 2 * MINUTE, status=AlertStatus.SNOOZED))
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.unposted(10, now=T0, stale_before=T0) == [early, late]
        assert uow.alerts.unposted(1, now=T0, stale_before=T0) == [early]
        assert uow.alerts.unposted(10, now=T0 + 10 * MINUTE, stale_before=T0 + 10 * MINUTE) == [claimed, early, late]
        alert = uow.alerts.lock(early)
        alert.posted_at, alert.channel_id, alert.message_ts = T0 + 4 * MINUTE, "C1", "1.1"
        uow.alerts.save(alert)
        uow.commit()
    with uow_factory() as uow:
        assert uow.alerts.unposted(10, now=T0 + 10 * MINUTE, stale_before=T0 + 10 * MINUTE) == [claimed, late]


def test_deleting_a_crisis_unlinks_its_alerts(uow_factory, engine):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        alert_id = uow.alerts.add(an_alert(crisis_id=crisis_id)).id
        uow.commit()
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM crisis WHERE id = {crisis_id}")
    with uow_factory() as uow:
        assert uow.alerts.get(alert_id).crisis_id is None


# --- labels ------------------------------------------------------------------------------------

def test_labels_upsert_and_export_the_latest_per_mention(uow_factory):
    one, two, three = a_mention("1"), a_mention("2", created_at=T0 - MINUTE), a_mention("3")
    with uow_factory() as uow:
        uow.mentions.add([one, two, three])
        uow.labels.put(MentionLabel("mastodon", "1", "negative", "U0ANN", T0))
        uow.labels.put(MentionLabel("mastodon", "1", "neutral", "U0BOB", T0 + MINUTE))
        uow.labels.put(MentionLabel("mastodon", "2", "positive", "U0ANN", T0))
        uow.labels.put(MentionLabel("mastodon", "never-stored", "negative", "U0ANN", T0))
        uow.commit()
    with uow_factory() as uow:
        assert uow.labels.export() == [(two, "positive"), (one, "neutral")]
        uow.labels.put(MentionLabel("mastodon", "1", "negative", "U0ANN", T0 + 2 * MINUTE))  # Ann changes her mind
        uow.labels.put(MentionLabel("mastodon", "2", "negative", "U0ANN", T0 + 2 * MINUTE))
        uow.commit()
    with uow_factory() as uow:
        assert uow.labels.export() == [(two, "negative"), (one, "negative")]


# --- concurrency -------------------------------------------------------------------------------

THREADS = 4


def test_concurrent_adds_store_each_mention_once_and_count_it_once(uow_factory):
    """Overlapping batches in shuffled orders: each mention is stored once, the add() results partition
    them, no deadlock, and the buckets every thread refreshed count every mention exactly once."""
    everything = [a_mention(str(i), author=f"@u{i % 7}", created_at=T0 + timedelta(seconds=20 * i))
                  for i in range(120)]

    def add(index):
        batch = everything[index * 20:index * 20 + 60]
        random.Random(index).shuffle(batch)
        with uow_factory() as uow:
            new = uow.mentions.add(batch)
            uow.mentions.add_to_buckets(tally(new, 5), 5)
            time.sleep(HOLD)
            uow.commit()
        return new

    results = race_indexed(add, THREADS)
    stored = [m.source_id for new in results for m in new]
    assert sorted(stored) == sorted(m.source_id for m in everything)
    with uow_factory() as uow:
        assert [b.count for b in uow.mentions.buckets("acme", T0, T0 + DAY)] == [15] * 8  # one every 20 s


def test_concurrent_first_locks_create_one_row(uow_factory):
    def lock(_):
        with uow_factory() as uow:
            uow.sources.lock("rss")
            watch = uow.watches.lock("acme")
            watch.detector = {"n": watch.detector.get("n", 0) + 1}
            uow.watches.save(watch)
            time.sleep(HOLD)
            uow.commit()
        return True

    assert all(race_indexed(lock, THREADS))
    with uow_factory() as uow:
        assert uow.sources.all() == [SourceState("rss")]
        assert uow.watches.lock("acme").detector == {"n": THREADS}


def test_concurrent_same_alert_is_stored_once(uow_factory):
    def add(_):
        with uow_factory() as uow:
            alert = uow.alerts.add(an_alert())
            time.sleep(HOLD)
            uow.commit()
        return alert is not None

    assert sorted(race_indexed(add, THREADS)) == [False] * (THREADS - 1) + [True]
    with uow_factory() as uow:
        assert len(uow.alerts.unposted(10, now=T0, stale_before=T0)) == 1


def test_concurrent_pushes_into_one_bucket_miss_no_mention(uow_factory):
    """Disjoint mentions in the same buckets (nothing makes one add wait for another): without a lock,
    each transaction would write a count of its own mentions and the committed ones only."""
    def add(index):
        batch = [a_mention(f"{index}-{i}", created_at=T0 + timedelta(seconds=30 * i)) for i in range(20)]
        with uow_factory() as uow:
            new = uow.mentions.add(batch)
            time.sleep(HOLD)
            uow.mentions.add_to_buckets(tally(new, 5), 5)
            time.sleep(HOLD)
            uow.commit()
        return len(new)

    assert race_indexed(add, THREADS) == [20] * THREADS
    with uow_factory() as uow:
        assert [b.count for b in uow.mentions.buckets("acme", T0, T0 + DAY)] == [10 * THREADS] * 2
