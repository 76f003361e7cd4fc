"""The request inbox's table, its repository, and the intake that records requests from many request threads in
one transaction per batch: requests taken before they were answered, removed once done."""
from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from datetime import datetime

from sqlalchemy import Engine, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from crisis.ports import TakenRequest
from db.base import Base
from db.repository import insert_for


class TakenRequestRow(Base):
    """A request taken and not yet done (crisis.ports.TakenRequest)."""

    __tablename__ = "taken_request"

    key: Mapped[str] = mapped_column(primary_key=True)
    work: Mapped[str]
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    redo_at: Mapped[datetime] = mapped_column(index=True)
    redone: Mapped[int] = mapped_column(default=0)


def _values(request: TakenRequest) -> dict[str, object]:
    return {"key": request.key, "work": request.work, "body": request.body, "received_at": request.received_at,
            "redo_at": request.redo_at, "redone": request.redone}


def _insert(session: Session):  # noqa: ANN202 - the dialect's Insert
    return _new_rows(session.get_bind().dialect.name)


def _new_rows(dialect: str):  # noqa: ANN202 - the dialect's Insert
    """INSERT .. ON CONFLICT (key) DO NOTHING: a request delivered twice is kept once, as it came first."""
    return insert_for(dialect)(TakenRequestRow.__table__).on_conflict_do_nothing(index_elements=["key"])


def _request(row: TakenRequestRow) -> TakenRequest:
    return TakenRequest(row.key, row.work, row.body, row.received_at, row.redo_at, row.redone)


class SqlRequestInbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, request: TakenRequest) -> bool:
        """INSERT .. ON CONFLICT DO NOTHING: a second delivery of the request keeps the first."""
        statement = _insert(self._session).values(_values(request))
        return self._session.execute(statement.execution_options(preserve_rowcount=True)).rowcount == 1

    def due(self, now: datetime, limit: int) -> list[str]:
        statement = (select(TakenRequestRow.key).where(TakenRequestRow.redo_at <= now)
                     .order_by(TakenRequestRow.redo_at, TakenRequestRow.key).limit(limit))
        return list(self._session.scalars(statement.with_for_update(skip_locked=True)))

    def lock(self, key: str) -> TakenRequest | None:
        row = self._session.get(TakenRequestRow, key, populate_existing=True, with_for_update=True)
        return _request(row) if row else None

    def save(self, request: TakenRequest) -> None:
        row = self._session.get(TakenRequestRow, request.key, populate_existing=True)
        if row is None:
            raise LookupError(f"taken request {request.key!r} does not exist")
        row.redo_at, row.redone = request.redo_at, request.redone
        self._session.flush()

    def remove(self, key: str) -> None:
        self._session.execute(delete(TakenRequestRow).where(TakenRequestRow.key == key))


log = logging.getLogger(__name__)


class BatchedIntake:
    """crisis.ports.Intake on a database: request threads hand their request to one writer thread, which inserts
    what has gathered in one transaction and wakes each of them once it is committed (a group commit). Under a
    burst a request costs a share of one INSERT and one commit instead of a transaction of its own."""

    MAX_BATCH = 200
    WAIT_SECONDS = 10.0
    """How long a request thread waits for its commit; past it the request fails before it is answered."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._insert = _new_rows(engine.dialect.name)
        self._waiting: queue.SimpleQueue[tuple[TakenRequest, Future[None]] | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write, name="inbox-intake", daemon=True)
        self._writer.start()

    def take(self, request: TakenRequest) -> None:
        self.submit(request).result(timeout=self.WAIT_SECONDS)

    def submit(self, request: TakenRequest) -> Future[None]:
        """Hand the request to the writer; the future is done once its batch is committed (or failed)."""
        committed: Future[None] = Future()
        self._waiting.put((request, committed))
        return committed

    def close(self) -> None:
        self._waiting.put(None)
        self._writer.join(timeout=self.WAIT_SECONDS)

    def _write(self) -> None:
        while (first := self._waiting.get()) is not None:
            batch = [first]
            while len(batch) < self.MAX_BATCH:
                try:
                    item = self._waiting.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._waiting.put(None)
                    break
                batch.append(item)
            self._commit(batch)

    def _commit(self, batch: list[tuple[TakenRequest, Future[None]]]) -> None:
        try:
            with self._engine.begin() as connection:  # Core, not a Session: this runs once per burst's batch
                connection.execute(self._insert, [_values(request) for request, _ in batch])
        except Exception as error:  # noqa: BLE001 - each waiting request fails with it, before its answer
            log.error("could not take %d request(s) into the inbox: %s", len(batch), type(error).__name__)
            for _, committed in batch:
                committed.set_exception(error)
            return
        for _, committed in batch:
            committed.set_result(None)
