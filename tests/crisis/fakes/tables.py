"""What every in-memory repository shares: a table of rows copied in and out, and the checks the database makes."""
from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Transaction(Protocol):
    """The fake unit of work as its repositories see it: its open transaction's tables and the id sequences."""

    def table(self, name: str) -> dict: ...
    def next_id(self, name: str) -> int: ...


def check_aware(item: object, where: str = "") -> None:
    """UtcDateTime refuses naive datetimes; so do the fakes, anywhere in a row (roles, versions...)."""
    if isinstance(item, datetime):
        if item.tzinfo is None:
            raise ValueError(f"naive datetime {item} in {where or 'a row'}")
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        for f in dataclasses.fields(item):
            check_aware(getattr(item, f.name), f"{type(item).__name__}.{f.name}")
    elif isinstance(item, (list, tuple)):
        for element in item:
            check_aware(element, where)


def as_json(value: T) -> T:
    """A JSON column's value as the database gives it back (tuples become lists, keys strings)."""
    return json.loads(json.dumps(value, allow_nan=False))


class Table:
    """One table's rows by key in the unit of work's open transaction; rows go in and out as copies, so
    changing what was read changes nothing until it is saved (and nothing for others until commit)."""

    name: str = ""

    def __init__(self, uow: Transaction, name: str | None = None) -> None:
        self._uow = uow
        self.name = name or self.name

    @property
    def _rows(self) -> dict:
        return self._uow.table(self.name)

    def _insert(self, item: T) -> T:
        """Store a copy under a new id (from the table's sequence, never rolled back); return it as stored."""
        check_aware(item)
        stored = dataclasses.replace(item, id=self._uow.next_id(self.name))
        self._rows[stored.id] = copy.deepcopy(stored)
        return copy.deepcopy(stored)

    def _require(self, table: str, key: Hashable | None) -> None:
        """A foreign key: the database refuses a row pointing at nothing."""
        if key is not None and key not in self._uow.table(table):
            raise LookupError(f"{self.name}: no row {key!r} in {table}")

    def get(self, key: Hashable) -> Any:
        return copy.deepcopy(self._rows.get(key))

    def lock(self, key: Hashable) -> Any:
        """The unit of work holds the only transaction (as on SQLite), so reading is locking."""
        return self.get(key)

    def _created_on_first_use(self, key: Hashable, make: Callable[[Any], T]) -> T:
        if key not in self._rows:
            self._rows[key] = make(key)
        return copy.deepcopy(self._rows[key])

    def save(self, item: Any) -> None:
        key = self._key(item)
        if key is None or key not in self._rows:
            raise LookupError(f"{self.name}: {key!r} does not exist")
        check_aware(item)
        self._rows[key] = copy.deepcopy(item)

    def _key(self, item: Any) -> Hashable:
        return item.id

    def _select(self, where: Callable[[Any], bool], order: Callable[[Any], Any] | None = None,
                limit: int | None = None, reverse: bool = False) -> list:
        found = sorted((row for row in self._rows.values() if where(row)), key=order or self._key, reverse=reverse)
        return copy.deepcopy(found[:limit])

    def _ids(self, where: Callable[[Any], bool], order: Callable[[Any], Any], limit: int | None = None) -> list[int]:
        return [row.id for row in sorted(filter(where, self._rows.values()), key=order)[:limit]]

    def _first(self, where: Callable[[Any], bool], order: Callable[[Any], Any] | None = None,
               reverse: bool = False) -> Any:
        found = self._select(where, order, 1, reverse)
        return found[0] if found else None
