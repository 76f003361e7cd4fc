"""Monitor use cases that need no Slack."""
from datetime import datetime, timezone

from crisis.monitor import spikes
from crisis.monitor.services import restore_detector

START = datetime(2026, 11, 25, tzinfo=timezone.utc)


def test_changed_detector_settings_restart_learning_instead_of_failing():
    state, _ = spikes.step(spikes.SpikeSettings(), None, spikes.Bucket(start=START))
    assert restore_detector(state.to_dict(), spikes.SpikeSettings(), "acme") is not None
    assert restore_detector(state.to_dict(), spikes.SpikeSettings(bucket_minutes=10), "acme") is None
