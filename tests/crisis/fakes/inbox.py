"""In-memory request inbox, as db/inbox.py."""
from __future__ import annotations

import copy
from datetime import datetime
from typing import Hashable

from crisis.ports import TakenRequest
from tests.crisis.fakes.tables import Table, check_aware


class FakeRequestInbox(Table):
    name = "inbox"

    def add(self, request: TakenRequest) -> bool:
        check_aware(request)
        if request.key in self._rows:
            return False
        self._rows[request.key] = copy.deepcopy(request)
        return True

    def due(self, now: datetime, limit: int) -> list[str]:
        return [r.key for r in self._select(lambda r: r.redo_at <= now, lambda r: (r.redo_at, r.key), limit)]

    def lock(self, key: str) -> TakenRequest | None:
        return self.get(key)

    def save(self, request: TakenRequest) -> None:
        super().save(request)

    def remove(self, key: str) -> None:
        self._rows.pop(key, None)

    def _key(self, item: TakenRequest) -> Hashable:
        return item.key


class FakeIntake:
    """crisis.ports.Intake over a fake database: each request in a unit of work of its own; `fail_with` makes the
    next take raise (the database is down), as BatchedIntake does for every request of a failed batch."""

    def __init__(self, database) -> None:  # noqa: ANN001 - a FakeDatabase (its module imports this one)
        self._database = database
        self.taken: list[str] = []
        self.fail_with: Exception | None = None

    def take(self, request: TakenRequest) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        with self._database() as uow:
            uow.inbox.add(request)
            uow.commit()
        self.taken.append(request.key)
