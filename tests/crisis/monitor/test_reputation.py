"""Reputation score: its bands, its monotonic properties, small samples, and hourly/daily slicing."""
from datetime import datetime, timedelta, timezone

import pytest

from crisis.monitor.buckets import Bucket
from crisis.monitor.reputation import band_of, daily, hourly, reputation

T0 = datetime(2024, 3, 4, tzinfo=timezone.utc)
STEP = timedelta(minutes=5)
HOUR = timedelta(hours=1)


def bucket(start, count, negative_share=0.2, compound=0.15, scored=None):
    scored = count if scored is None else scored
    return Bucket(start=start, count=count, negative_count=round(scored * negative_share), scored_count=scored,
                  compound_sum=scored * compound, unique_authors=count)


def series(start, hours, count, **kwargs):
    return [bucket(start + i * STEP, count, **kwargs) for i in range(hours * 12)]


def score_of(buckets, baseline=10.0, start=T0, end=T0 + HOUR):
    return reputation(buckets, baseline, start, end)


def test_a_calm_day_is_healthy():
    day = series(T0, 24, 10, negative_share=0.2, compound=0.15)
    result = reputation(day, 10.0, T0, T0 + timedelta(days=1))
    assert result.band == "healthy" and 60 <= result.score <= 75
    assert (result.mentions, result.scored_mentions) == (2880, 2880)
    assert result.negative_share == pytest.approx(0.2) and result.mean_compound == pytest.approx(0.15)
    assert result.volume_ratio == pytest.approx(1.0)


def test_a_tenfold_negative_burst_is_a_crisis():
    burst = series(T0, 1, 100, negative_share=0.8, compound=-0.5)
    result = score_of(burst)
    assert result.band == "crisis" and result.volume_ratio == pytest.approx(10.0)


def test_more_negative_share_means_a_lower_score():
    scores = [score_of(series(T0, 1, 20, negative_share=share / 10, compound=0.0)).score for share in range(11)]
    assert scores == sorted(scores, reverse=True) and scores[0] - scores[-1] >= 40


def test_a_darker_tone_means_a_lower_score():
    scores = [score_of(series(T0, 1, 20, compound=tone / 10)).score for tone in range(-10, 11)]
    assert scores == sorted(scores) and scores[-1] - scores[0] >= 40


def test_more_volume_of_a_negative_conversation_means_a_lower_score():
    scores = [score_of(series(T0, 1, count, negative_share=0.6, compound=-0.3)).score
              for count in (10, 20, 40, 80, 160)]
    assert scores == sorted(scores, reverse=True) and scores[0] - scores[-1] >= 25


def test_the_volume_pull_is_capped():
    assert score_of(series(T0, 1, 1000, negative_share=0.3)).score == score_of(series(T0, 1, 10_000,
                                                                                      negative_share=0.3)).score


def test_quiet_is_no_praise():
    assert score_of(series(T0, 1, 2)).score == reputation(series(T0, 1, 2), None, T0, T0 + HOUR).score


def test_no_mentions_is_a_neutral_50_flagged_as_no_data():
    result = score_of([])
    assert (result.score, result.band, result.no_data) == (50, "healthy", True)
    assert (result.negative_share, result.mean_compound, result.volume_ratio) == (None, None, 0.0)
    assert not score_of(series(T0, 1, 1)).no_data


def test_tiny_samples_are_pulled_toward_50():
    def distance(count):
        return abs(50 - score_of([bucket(T0, count, negative_share=1.0, compound=-0.8)], baseline=None).score)

    distances = [distance(count) for count in (1, 2, 5, 20, 100, 1000)]
    assert distances == sorted(distances) and distances[0] <= 5 and distances[-1] >= 40


def test_unscored_mentions_count_in_volume_but_not_in_sentiment():
    scored = bucket(T0, 20, negative_share=0.5, compound=-0.2)
    with_unscored = bucket(T0, 200, negative_share=0.5, compound=-0.2, scored=20)
    assert score_of([with_unscored], baseline=None).score == score_of([scored], baseline=None).score
    loud = score_of([with_unscored], baseline=10 / 12)
    assert loud.mentions == 200 and loud.volume_ratio == pytest.approx(20.0) and loud.negative_share == 0.5
    assert loud.score < score_of([scored], baseline=None).score


def test_without_a_baseline_only_sentiment_counts():
    loud = series(T0, 1, 1000, negative_share=0.8)
    result = score_of(loud, baseline=None)
    assert result.volume_ratio is None and result.score == score_of(loud, baseline=1000.0).score
    assert result.score > score_of(loud, baseline=10.0).score


def test_scores_stay_within_0_and_100():
    assert score_of(series(T0, 1, 10_000, negative_share=0.0, compound=1.0)).score == 100
    assert score_of(series(T0, 1, 10_000, negative_share=1.0, compound=-1.0), baseline=0.0).score == 0


def test_only_buckets_inside_the_window_count():
    day = series(T0, 3, 10)
    assert score_of(day, start=T0 + HOUR, end=T0 + 2 * HOUR).mentions == 120


@pytest.mark.parametrize("score,band", [(100, "healthy"), (50, "healthy"), (49, "watch"), (35, "watch"),
                                        (34, "damaged"), (20, "damaged"), (19, "crisis"), (0, "crisis")])
def test_bands(score, band):
    assert band_of(score) == band


def test_bad_windows_and_baselines_are_refused():
    with pytest.raises(ValueError):
        reputation([], 1.0, T0, T0)
    with pytest.raises(ValueError):
        reputation([], -1.0, T0, T0 + HOUR)


def test_hourly_gives_every_utc_hour_of_the_series_quiet_ones_included():
    buckets = series(T0, 1, 10) + series(T0 + 3 * HOUR, 1, 10)
    hours = hourly(list(reversed(buckets)), 10.0)
    assert [h.window_start for h in hours] == [T0 + i * HOUR for i in range(4)]
    assert [h.window_end - h.window_start for h in hours] == [HOUR] * 4
    assert [h.mentions for h in hours] == [120, 0, 0, 120] and [h.no_data for h in hours] == [False, True, True, False]


def test_hourly_cuts_the_first_and_last_hour_to_start_and_end():
    now = T0 + 24 * HOUR + timedelta(minutes=30)
    buckets = series(T0, 26, 10)
    hours = hourly(buckets, 10.0, start=now - 24 * HOUR, end=now)
    assert len(hours) == 25
    assert (hours[0].window_start, hours[0].window_end) == (T0 + timedelta(minutes=30), T0 + HOUR)
    assert (hours[-1].window_start, hours[-1].window_end) == (T0 + 24 * HOUR, now)
    assert [h.mentions for h in (hours[0], hours[1], hours[-1])] == [60, 120, 60]
    assert all(h.volume_ratio == pytest.approx(1.0) for h in hours)


def test_daily_gives_one_score_per_utc_day():
    days = daily(series(T0 + 12 * HOUR, 48, 1), 1.0)
    assert [d.window_start for d in days] == [T0 + 12 * HOUR, T0 + 24 * HOUR, T0 + 48 * HOUR]
    assert [d.mentions for d in days] == [144, 288, 144]
    assert days[-1].window_end == T0 + 60 * HOUR


def test_no_buckets_and_no_range_is_no_slices():
    assert hourly([], 1.0) == [] and daily([], None, start=T0) == []
    assert [d.no_data for d in daily([], None, start=T0, end=T0 + 48 * HOUR)] == [True, True]
