"""In-memory drill replays, as db/monitor/replays.py: one per drill crisis, keyed by its crisis id."""
from __future__ import annotations

import copy

from crisis.errors import BadInput
from crisis.monitor.recordings import DrillReplay, RecordedMention
from crisis.room.model import CrisisStatus
from tests.crisis.fakes.tables import Table, check_aware


class FakeDrillReplays(Table):
    name = "drill_replays"

    def add(self, replay: DrillReplay) -> DrillReplay | None:
        """None when the drill has one; the crisis must exist (a foreign key)."""
        self._require("crises", replay.crisis_id)
        if replay.crisis_id in self._rows:
            return None
        check_aware(replay)
        self._rows[replay.crisis_id] = copy.deepcopy(replay)
        return copy.deepcopy(replay)

    def _key(self, item: DrillReplay) -> int:
        return item.crisis_id

    def live(self) -> list[int]:
        crises = self._uow.table("crises")
        return sorted(key for key in self._rows if crises[key].status is CrisisStatus.OPEN)

    def get(self, crisis_id: int) -> DrillReplay | None:
        return super().get(crisis_id)

    def lock(self, crisis_id: int) -> DrillReplay | None:
        return super().lock(crisis_id)

    def save(self, replay: DrillReplay) -> None:
        super().save(replay)


class FakeRecordings:
    """Recordings by name, held in memory; `broken` names those whose file cannot be read now."""

    def __init__(self, recordings: dict[str, tuple[RecordedMention, ...]] | None = None) -> None:
        self.recordings = dict(recordings or {})
        self.broken: set[str] = set()

    def load(self, name: str) -> tuple[RecordedMention, ...]:
        if name in self.broken:
            raise BadInput("error.unreadable_recording", name=name, problem="no file")
        if name not in self.recordings:
            raise BadInput("error.unknown_recording", name=name, choices=", ".join(sorted(self.recordings)))
        return self.recordings[name]
