"""Stored detector states of an older version or other windows carry over; of another bucket size, learn afresh."""
import json
import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crisis.monitor.buckets import Bucket
from crisis.monitor.spikes import DetectorState, SpikeSettings, run, step

# the settings and series the fixture was stored with, by the version before the sustained noise was pooled
# (its sustained rings one bucket shorter)
SMALL = SpikeSettings(bucket_minutes=60, baseline_days=2, baseline_weeks=1, warmup_days=1, tail_days=3,
                      min_volume=3, negative_min_volume=3, cooldown_minutes=360)
T0 = datetime(2026, 3, 2, tzinfo=UTC)
STORED_AFTER = 6 * 24  # buckets the stored state had seen
OLD_STATE = Path(__file__).resolve().parents[2] / "fixtures" / "monitor" / "detector_state_before_pooling.json"


def hourly(days, seed=5):
    rnd = random.Random(seed)
    out = []
    for i in range(days * 24):
        mean = 30 * (1.5 if 8 <= i % 24 < 20 else 0.5)
        count = max(0, round(rnd.gauss(mean, math.sqrt(mean))))
        negative = rnd.randint(0, count // 3)
        out.append(Bucket(T0 + timedelta(hours=i), count, negative_count=negative, scored_count=count))
    return out


def stepped(state, buckets):
    signals = []
    for bucket in buckets:
        state, raised = step(SMALL, state, bucket)
        signals += raised
    return state, signals


def test_a_state_stored_before_the_pooled_noise_carries_over_and_converges_to_an_uninterrupted_run():
    stored = json.loads(OLD_STATE.read_text())
    series = hourly(9)
    series[7 * 24 + 12] = replace(series[7 * 24 + 12], count=3000)  # a spike after the restart
    assert not DetectorState.from_dict(stored).fits(SMALL)  # the old shape: `step` alone would refuse it
    restored = DetectorState.restored(stored, SMALL)
    assert restored is not None and restored.fits(SMALL)
    uninterrupted, _ = stepped(None, series[:STORED_AFTER])
    # every bucket the old rings held is kept: only the pooled window's oldest bucket is a gap
    carried, fresh = restored.to_dict(), uninterrupted.to_dict()
    for kind in ("volume", "negative_share"):
        old, new = carried["profiles"][kind], fresh["profiles"][kind]
        assert {k: v for k, v in old.items() if k != "sustained"} == {k: v for k, v in new.items() if k != "sustained"}
        oldest = (restored.last + 1) % len(old["sustained"])
        assert old["sustained"][oldest] is None and new["sustained"][oldest] is not None
        assert old["sustained"][:oldest] + old["sustained"][oldest + 1:] == \
            new["sustained"][:oldest] + new["sustained"][oldest + 1:]
    assert carried["tracks"] == fresh["tracks"]
    state, signals = stepped(restored, series[STORED_AFTER:])
    assert [s.kind for s in signals if not s.is_update] == ["volume"]
    assert signals == [s for s in run(SMALL, series) if s.bucket_start >= series[STORED_AFTER].start]
    final, _ = stepped(uninterrupted, series[STORED_AFTER:])
    assert json.dumps(state.to_dict()) == json.dumps(final.to_dict())


def test_a_state_moved_to_longer_windows_and_back_is_unchanged():
    state, _ = stepped(None, hourly(5))
    longer = replace(SMALL, baseline_days=3, sustained_same_time_minutes=120, level_minutes=300, tail_days=5)
    moved = state.refitted(longer)
    assert moved is not None and moved.fits(longer) and not state.fits(longer)
    back = moved.refitted(SMALL)
    assert json.dumps(back.to_dict()) == json.dumps(state.to_dict())


def test_a_state_of_another_bucket_size_or_unreadable_learns_afresh():
    state, _ = stepped(None, hourly(3))
    stored = state.to_dict()
    assert DetectorState.restored(stored, SMALL) is not None
    assert DetectorState.restored(stored, replace(SMALL, bucket_minutes=30)) is None
    assert DetectorState.restored({"profiles": {}}, SMALL) is None
