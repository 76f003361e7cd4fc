"""Properties of the spike detector on any series: causal (a prefix warns as the full run did) and restart-safe."""
import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis.monitor.buckets import Bucket
from crisis.monitor.spikes import DetectorState, SpikeSettings, run, run_each, step

# hourly buckets and short windows: a few days of history are enough to warn, and to test quickly
SMALL = SpikeSettings(bucket_minutes=60, baseline_days=2, baseline_weeks=1, warmup_days=1, tail_days=3,
                      min_volume=3, negative_min_volume=3, cooldown_minutes=360)
T0 = datetime(2026, 3, 2, tzinfo=UTC)
HOUR = timedelta(hours=1)
# derandomized: the same examples every run; no deadline and no speed health check: a loaded machine (xdist, other
# jobs) makes a run slower, never wrong
PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def series(draw) -> list[Bucket]:
    """Four to eight days of hourly buckets: a daily rhythm, noise, bursts, negative mentions, missing hours."""
    days = draw(st.integers(4, 8))
    base = draw(st.integers(0, 40))
    buckets, start = [], T0
    for hour in range(days * 24):
        start += HOUR * (1 + draw(st.sampled_from([0] * 12 + [1, 3])))  # now and then hours without a bucket
        normal = base * (1.5 if 8 <= hour % 24 < 20 else 0.5)
        count = max(0, round(normal + draw(st.integers(-4, 4)) + draw(st.sampled_from([0] * 20 + [30, 200]))))
        scored = draw(st.integers(0, count))
        negative = draw(st.integers(0, scored))
        buckets.append(Bucket(start, count, negative_count=negative, scored_count=scored))
    return buckets


@PROPERTY
@given(series(), st.floats(0.0, 1.0))
def test_a_prefix_raises_exactly_the_signals_the_full_run_raised_over_it(buckets, where):
    cut = round(where * len(buckets))
    full = run(SMALL, buckets)
    end = buckets[cut].start if cut < len(buckets) else buckets[-1].start + HOUR
    assert run(SMALL, buckets[:cut]) == [s for s in full if s.bucket_start < end]
    # and every number a warning shows is a number (a NaN would also make the equality above fail)
    assert all(math.isfinite(x) for s in full for x in (s.observed, s.baseline, *s.band, s.ratio))


@PROPERTY
@given(series(), st.floats(0.0, 1.0))
def test_a_restored_state_continues_exactly_as_if_never_stopped(buckets, where):
    cut = round(where * len(buckets))
    state, signals = None, []
    for bucket in buckets[:cut]:
        state, raised = step(SMALL, state, bucket)
        signals += raised
    if state is not None:
        state = DetectorState.from_dict(json.loads(json.dumps(state.to_dict())))
    for bucket in buckets[cut:]:
        state, raised = step(SMALL, state, bucket)
        signals += raised
    uninterrupted = None
    for bucket in buckets:
        uninterrupted, _ = step(SMALL, uninterrupted, bucket)
    assert signals == run(SMALL, buckets)
    assert json.dumps(state.to_dict()) == json.dumps(uninterrupted.to_dict())


@PROPERTY
@given(series(), st.lists(st.tuples(st.floats(0.5, 3.0), st.floats(1.0, 8.0), st.integers(0, 2)), min_size=1,
                          max_size=4))
def test_a_threshold_grid_warns_as_each_of_its_settings_alone(buckets, grid):
    variants = [replace(SMALL, spike_tail_factor=factor, sustained_z=z, warmup_days=warmup)
                for factor, z, warmup in grid]
    assert run_each(variants, buckets) == [run(settings, buckets) for settings in variants]


def test_the_property_series_do_raise_warnings():
    """The properties above mean something only if their series warn: a burst after warm-up does."""
    buckets = [Bucket(T0 + HOUR * i, 10 + (i % 3)) for i in range(5 * 24)]
    buckets[4 * 24 + 5] = Bucket(buckets[4 * 24 + 5].start, 400)
    assert [s.kind for s in run(SMALL, buckets) if not s.is_update] == ["volume"]
