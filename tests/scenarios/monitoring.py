"""The mention stream the monitored scenarios replay (two calm days, then a burst) and how a spike is raised from
it, the same for every platform: move the clock, poll the replay source, tick the monitor."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sandbox.local_bot import SettableClock
from tests.handlers.mention_stream import (
    SPIKE_AT,
    START,
    monitor_plan_section,
    write_stream,
)

__all__ = ["START", "monitor_section", "raise_spike"]


def monitor_section(folder: Path) -> dict[str, Any]:
    return monitor_plan_section(write_stream(folder / "mentions.jsonl", calm_per_bucket=2, spike_per_bucket=30,
                                             spike_buckets=5))


def raise_spike(clock: SettableClock, poll: Callable[[], object], tick: Callable[[], Any],
                warned: Callable[[], bool]) -> None:
    """Two calm days give no warning; then five-minute steps into the burst until the volume warning is out."""
    clock.current = SPIKE_AT - timedelta(minutes=5)
    poll()
    assert tick().posted == 0, "two calm days: no warning"
    for _ in range(4):
        clock.advance(minutes=5)
        poll()
        if tick().posted and warned():
            return
    raise AssertionError("no spike warning after 20 minutes of burst")
