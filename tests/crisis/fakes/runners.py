"""In-memory replicas' heartbeats, as db/runners.py."""
from __future__ import annotations

from datetime import datetime

from tests.crisis.fakes.tables import Table, check_aware


class FakeRunners(Table):
    name = "runners"

    def beat(self, runner: str, now: datetime) -> None:
        check_aware(now)
        self._rows[runner] = now

    def silent(self, runner: str | None, since: datetime) -> bool:
        beat_at = self._rows.get(runner) if runner is not None else None
        return beat_at is not None and beat_at < since

    def forget(self, before: datetime) -> int:
        gone = [name for name, beat_at in self._rows.items() if beat_at < before]
        for name in gone:
            del self._rows[name]
        return len(gone)
