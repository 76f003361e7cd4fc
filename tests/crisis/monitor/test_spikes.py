"""Spike detection on bucket series: volume and negative-share warnings, warm-up, cooldown, spam, restarts."""
import json
import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crisis.monitor.baseline import Reading
from crisis.monitor.buckets import Bucket, read_series_csv
from crisis.monitor.spam import largest_copy_share
from crisis.monitor.spikes import DetectorState, SpikeSettings, _negative_share, _volume, run, run_each, step

SETTINGS = SpikeSettings(bucket_minutes=15)  # 96 buckets a day keeps the synthetic series small
PER_DAY = 96
T0 = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "nab"


def counts(days, seed=7, base=60.0):
    """Mentions per 15 minutes with a daily rhythm (0.4x to 1.6x the base) and Poisson-like noise."""
    rnd = random.Random(seed)
    out = []
    for i in range(days * PER_DAY):
        mean = base * (1 + 0.6 * math.sin(2 * math.pi * (i % PER_DAY) / PER_DAY))
        out.append(max(0, round(rnd.gauss(mean, math.sqrt(mean)))))
    return out


def at(day, hour):
    return day * PER_DAY + hour * 4


def buckets(series):
    return [Bucket(T0 + timedelta(minutes=15 * i), c) for i, c in enumerate(series)]


def when(signal):
    return (signal.bucket_start - T0) // timedelta(minutes=15)


def add(series, start, extra):
    for k, more in enumerate(extra):
        series[start + k] += more


def warnings(signals, kind="volume"):
    return [s for s in signals if s.kind == kind and not s.is_update]


def bursty_series():
    series = counts(12)
    add(series, at(1, 10), [900, 900])  # in the warm-up
    add(series, at(6, 10), [300, 700, 1500, 900, 400])  # the spike, growing
    add(series, at(6, 14), [400, 800])  # a second burst in the cooldown
    add(series, at(9, 10), [300, 300])  # after the cooldown
    return series


def test_one_warning_per_spike_then_updates_as_it_grows():
    signals = run(SETTINGS, buckets(bursty_series()))
    first = [s for s in signals if at(6, 10) <= when(s) < at(6, 12)]
    assert [(when(s), s.level, s.is_update) for s in first] == [
        (at(6, 10), 1, False), (at(6, 10) + 1, 2, True), (at(6, 10) + 2, 3, True)]
    assert all(s.kind == "volume" and s.started_at == first[0].bucket_start for s in first)
    warning = first[0]
    assert warning.observed > warning.band[1] > warning.baseline > warning.band[0] >= 0
    assert warning.ratio == pytest.approx((warning.observed + SETTINGS.count_prior)
                                          / (warning.baseline + SETTINGS.count_prior))
    assert 3 < warning.ratio < 6 and not warning.spam


def test_nothing_in_warm_up_or_cooldown_and_warns_again_after_it():
    signals = warnings(run(SETTINGS, buckets(bursty_series())))
    assert [when(s) for s in signals] == [at(6, 10), at(9, 10)]


def test_quiet_series_raises_nothing():
    assert run(SETTINGS, buckets(counts(12, seed=11))) == []


def test_a_peak_that_recurs_every_day_stops_being_a_spike():
    series = counts(14, seed=3)
    for day in range(4, 14):
        for k in range(4):
            series[at(day, 6) + k] *= 3  # from day 4 on, every morning an hour at 3x
    days = [when(s) // PER_DAY for s in run(SETTINGS, buckets(series))]
    assert days and days[0] == 4
    assert max(days) <= 6


def test_a_sustained_rise_of_two_to_three_times_over_hours_warns_once():
    """No single bucket stands out (each is within the noise of a busy hour), the hours do."""
    series = counts(12, seed=8)
    start = at(8, 9)
    for k in range(6 * 4):  # six hours climbing from 2x to 3x normal
        series[start + k] = round(series[start + k] * (2 + k / 24))
    signals = warnings(run(SETTINGS, buckets(series)))
    assert [s.kind for s in signals] == ["volume"]
    assert start <= when(signals[0]) < start + 3 * 4
    assert 2 <= signals[0].ratio < 3.5


def test_a_threshold_grid_runs_once_and_warns_as_each_settings_alone():
    series, shares = bursty_series(), noisy_shares(12 * PER_DAY)
    for i in range(at(8, 9), at(8, 12)):
        shares[i] = 0.6
    variants = [replace(SETTINGS, spike_tail_factor=factor, sustained_z=z, cooldown_minutes=cooldown)
                for factor in (1.0, 1.5, 2.5) for z in (3.0, 5.0) for cooldown in (60, 1440)]
    each = run_each(variants, scored(series, shares))
    assert each == [run(settings, scored(series, shares)) for settings in variants]
    assert len({len(signals) for signals in each}) > 1  # the variants do warn differently


def test_a_grid_must_share_its_baseline():
    with pytest.raises(ValueError):
        run_each([SETTINGS, replace(SETTINGS, count_prior=2.0)], buckets(counts(2)))


def test_restart_in_the_middle_of_a_spike_gives_no_second_warning():
    series = buckets(bursty_series())
    cut = at(6, 10) + 3  # warned at +0, updated at +1 and +2, still high
    state, before = None, []
    for bucket in series[:cut]:
        state, raised = step(SETTINGS, state, bucket)
        before += raised
    state = DetectorState.from_dict(json.loads(json.dumps(state.to_dict())))
    after = []
    for bucket in series[cut:]:
        state, raised = step(SETTINGS, state, bucket)
        after += raised
    assert before + after == run(SETTINGS, series)
    assert not [s for s in after if when(s) < at(7, 0)]


def test_decisions_use_only_earlier_buckets():
    series = buckets(bursty_series())
    full = run(SETTINGS, series)
    for cut in (at(6, 10), at(6, 10) + 2, at(9, 10) + 1):
        assert run(SETTINGS, series[:cut]) == [s for s in full if when(s) < cut]


def test_re_polled_bucket_changes_nothing():
    series = buckets(bursty_series())
    state = None
    for bucket in series[:at(6, 10) + 1]:
        state, _ = step(SETTINGS, state, bucket)
    again, raised = step(SETTINGS, state, series[at(6, 10)])
    assert again is state and raised == []


def test_gaps_and_source_outages_are_not_spikes():
    series = counts(10, seed=5)
    for i in range(at(5, 2), at(5, 5)):
        series[i] = 0  # the source returned nothing for three hours
    missing = set(range(at(7, 9), at(7, 13)))  # no buckets at all for four hours
    assert run(SETTINGS, [b for i, b in enumerate(buckets(series)) if i not in missing]) == []


def test_state_from_other_settings_is_refused():
    state, _ = step(SETTINGS, None, buckets([10])[0])
    with pytest.raises(ValueError):
        step(SpikeSettings(), state, Bucket(T0 + timedelta(days=1), 10))


def scored(series, negative_shares):
    return [Bucket(T0 + timedelta(minutes=15 * i), c, negative_count=round(c * share), scored_count=c)
            for i, (c, share) in enumerate(zip(series, negative_shares))]


def noisy_shares(n, seed=2):
    rnd = random.Random(seed)
    return [min(max(rnd.gauss(0.2, 0.04), 0.0), 1.0) for _ in range(n)]


def with_texts(series, texts_at):
    state, signals = None, []
    for i, bucket in enumerate(series):
        state, raised = step(SETTINGS, state, bucket, texts_at.get(i))
        signals += raised
    return signals


DIVERSE = [f"@brand order {n} never arrived, {word} support" for n, word in
           zip(range(200), ["useless", "slow", "rude", "absent", "awful"] * 40)]
COPIES = [f"RT @ring{n}: BOYCOTT @brand NOW!!! they lie https://t.co/x{n}" for n in range(200)]


def test_negative_share_warning():
    series, shares = counts(10, seed=4), noisy_shares(10 * PER_DAY)
    for i in range(at(7, 9), at(7, 12)):
        shares[i] = 0.6
    signals = with_texts(scored(series, shares), {i: DIVERSE for i in range(at(7, 9), at(7, 12))})
    assert [s.kind for s in signals if not s.is_update] == ["negative_share"]
    warning = signals[0]
    assert at(7, 9) <= when(warning) <= at(7, 10)
    assert warning.observed == pytest.approx(0.6, abs=0.02) and warning.baseline == pytest.approx(0.2, abs=0.05)
    assert warning.band[0] < warning.baseline < warning.band[1]  # one bucket's range; this rise lasted
    assert warning.ratio == pytest.approx(warning.observed / warning.baseline) and not warning.spam


def test_spam_alone_raises_no_negativity_warning():
    series, shares = counts(10, seed=4), noisy_shares(10 * PER_DAY)
    for i in range(at(7, 9), at(7, 12)):
        shares[i] = 0.6
    assert with_texts(scored(series, shares), {i: COPIES for i in range(at(7, 9), at(7, 12))}) == []


def test_spam_burst_is_flagged():
    series = counts(10, seed=6)
    add(series, at(7, 9), [800, 800])
    signals = with_texts(buckets(series), {at(7, 9): COPIES, at(7, 9) + 1: COPIES})
    assert [(when(s), s.kind, s.spam) for s in warnings(signals)] == [(at(7, 9), "volume", True)]


def test_near_identical_texts_are_one_group():
    assert largest_copy_share(COPIES, 0.6) == 1.0
    assert largest_copy_share(DIVERSE, 0.6) <= 0.25
    assert largest_copy_share(COPIES[:50] + DIVERSE[:50], 0.6) == 0.5
    assert largest_copy_share([], 0.6) == 0.0


def test_nab_excerpt_warning_falls_in_the_labelled_window():
    with open(FIXTURES / "Twitter_volume_FB_excerpt.csv", newline="") as f:
        series = read_series_csv(f)
    window = (datetime(2015, 4, 2, 8, 52, 53, tzinfo=UTC),
              datetime(2015, 4, 5, 2, 42, 53, tzinfo=UTC))
    label = datetime(2015, 4, 3, 17, 47, 53, tzinfo=UTC)
    signals = run(SpikeSettings(), series)
    assert warnings(signals)
    assert all(window[0] <= s.bucket_start <= window[1] for s in signals)
    assert any(abs(s.bucket_start - label) <= timedelta(minutes=10) for s in signals)


def test_a_band_stays_a_number_on_absurdly_noisy_series():
    """A typical daily peak far above the threshold can put the band's edges past what `math.exp` can take."""
    reading = Reading(expected=2.0, center=2.0, scale=9.0, spike=400.0, sustained=math.nan, spike_tail=120.0)
    bucket = Bucket(T0, 3000, negative_count=2900, scored_count=3000)
    for seen in (_volume(SETTINGS, reading, bucket), _negative_share(SETTINGS, reading, bucket)):
        assert all(math.isfinite(edge) for edge in seen.band) and seen.band[0] <= seen.band[1]
