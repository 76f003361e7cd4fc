"""In-memory repository of the Home tab's viewers (one row per person)."""
from __future__ import annotations

import copy
from datetime import datetime

from crisis.home.model import HomeViewer
from tests.crisis.fakes.tables import Table, check_aware


class FakeHomeViewers(Table):
    name = "home_viewers"

    def _key(self, item: HomeViewer) -> str:
        return item.user

    def put(self, viewer: HomeViewer) -> None:
        check_aware(viewer)
        self._rows[viewer.user] = copy.deepcopy(viewer)

    def due(self, now: datetime, opened_since: datetime, limit: int) -> list[str]:
        found = self._select(lambda v: v.check_at <= now and v.opened_at >= opened_since,
                             lambda v: (v.check_at, v.user), limit)
        return [v.user for v in found]

    def forget(self, opened_before: datetime) -> int:
        gone = [user for user, v in self._rows.items() if v.opened_at < opened_before]
        for user in gone:
            del self._rows[user]
        return len(gone)
