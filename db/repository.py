"""What the SQL repositories share: add / get / lock / save of one row class through its mapping functions, fresh
reads, the dialect's INSERT, due rows claimed with FOR UPDATE SKIP LOCKED, and advisory locks until commit."""
from __future__ import annotations

import hashlib
from typing import Any, Callable, ClassVar, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

D = TypeVar("D")
R = TypeVar("R")

FRESH = {"populate_existing": True}
"""Reads refresh rows already in the session: after lock() waits for another transaction,
what was read before must not shadow what that transaction committed."""

_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert(session: Session) -> Any:
    """The dialect's INSERT, which has on_conflict_do_nothing / on_conflict_do_update."""
    return insert_for(session.get_bind().dialect.name)


def insert_for(dialect: str) -> Any:
    """The INSERT of the dialect named `dialect` ("postgresql", "sqlite")."""
    return _INSERT[dialect]


def advisory_lock(session: Session, *key: object) -> None:
    """On PostgreSQL a transaction lock on `key` (pg_advisory_xact_lock), held until commit; elsewhere nothing:
    the SQLite transaction already holds the write lock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.blake2b("\0".join(map(str, key)).encode(), digest_size=8).digest()
    session.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest, "big", signed=True))))


class RowRepository(Generic[D, R]):
    """One kind of domain object stored as one row (its children through the row's relationships): add, get,
    lock and save, and fresh queries for the rest. A subclass names the row class, the object's name in errors,
    the two mapping functions and the attribute holding the row's key:

        class SqlPageRepository(RowRepository[Page, PageRow], row=PageRow, noun="page",
                                read=page_from_row, write=page_to_row): ...
    """

    _row: ClassVar[type[Any]]
    _noun: ClassVar[str]
    _key: ClassVar[str]
    _read: Callable[[R], D]
    _write: Callable[[D, R], None]

    def __init_subclass__(cls, *, row: type[Any], noun: str, read: Callable[[Any], Any],
                          write: Callable[[Any, Any], None], key: str = "id", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._row, cls._noun, cls._key = row, noun, key
        cls._read, cls._write = staticmethod(read), staticmethod(write)  # type: ignore[assignment]

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, item: D) -> D:
        """Insert the object (and its children); returns it as stored, with its new id."""
        row = self._row()
        self._write(item, row)
        self._session.add(row)
        self._session.flush()
        return self._read(row)

    def get(self, key: Any) -> D | None:
        row = self._session.get(self._row, key, populate_existing=True)
        return self._read(row) if row else None

    def lock(self, key: Any) -> D | None:
        """SELECT ... FOR UPDATE on PostgreSQL, read fresh; on SQLite the transaction already holds the write lock."""
        row = self._session.get(self._row, key, populate_existing=True, with_for_update=True)
        return self._read(row) if row else None

    def save(self, item: D) -> None:
        """Write the object back onto its row; the row must exist (LookupError otherwise)."""
        key = getattr(item, self._key)
        row = self._session.get(self._row, key, populate_existing=True) if key is not None else None
        if row is None:
            raise LookupError(f"{self._noun} {key!r} does not exist")
        self._write(item, row)
        self._session.flush()

    def _lock_or_create(self, key: Any, **defaults: Any) -> D:
        """The row under lock, created first when missing with INSERT .. ON CONFLICT DO NOTHING, so two
        replicas creating it at once both end up locking the one row."""
        row = self._session.get(self._row, key, populate_existing=True, with_for_update=True)
        if row is None:
            self._session.execute(insert(self._session)(self._row.__table__).values({self._key: key, **defaults})
                                  .on_conflict_do_nothing(index_elements=[self._key]))
            row = self._session.get(self._row, key, populate_existing=True, with_for_update=True)
        assert row is not None
        return self._read(row)

    def _all(self, statement: Select[Any]) -> list[D]:
        return [self._read(row) for row in self._session.scalars(statement.execution_options(**FRESH))]

    def _one(self, statement: Select[Any]) -> D | None:
        """The one row the statement finds (None for none; more than one is an error)."""
        row = self._session.scalars(statement.execution_options(**FRESH)).one_or_none()
        return self._read(row) if row else None

    def _first(self, statement: Select[Any]) -> D | None:
        row = self._session.scalars(statement.execution_options(**FRESH)).first()
        return self._read(row) if row else None

    def _due(self, statement: Select[Any]) -> list[Any]:
        """What a due-work query selects (ids, in its order), leaving out rows another transaction holds locked:
        FOR UPDATE SKIP LOCKED on PostgreSQL, so replicas ticking at once share out the work instead of queueing
        on one row (SQLite has no row locks; its writers take turns). The claim lasts as long as the claiming
        unit of work; each item is then locked and checked again in its own."""
        return list(self._session.scalars(statement.with_for_update(skip_locked=True)))
