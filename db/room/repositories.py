"""SQL implementations of the crisis ports' repositories; each works inside one unit of work's Session."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from crisis.events import TimelineEvent
from crisis.room.model import Crisis, CrisisStatus, Page
from db.mapping import (crisis_from_row, crisis_to_row, event_from_row, event_to_row, page_from_row,
                        page_to_row)
from db.models import CrisisRow, HandledRequestRow, PageRow, TimelineEventRow

_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
# Reads refresh rows already in the session: after lock() waits for another transaction,
# what was read before must not shadow what that transaction committed.
_FRESH = {"populate_existing": True}


class SqlCrisisRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, crisis: Crisis) -> Crisis:
        """Insert the crisis and its roles; returns it as stored, with its new id."""
        row = CrisisRow()
        crisis_to_row(crisis, row)
        self._session.add(row)
        self._session.flush()
        return crisis_from_row(row)

    def get(self, crisis_id: int) -> Crisis | None:
        row = self._session.get(CrisisRow, crisis_id, populate_existing=True)
        return crisis_from_row(row) if row else None

    def by_channel(self, channel_id: str) -> Crisis | None:
        row = self._session.scalars(
            select(CrisisRow).where(CrisisRow.channel_id == channel_id).execution_options(**_FRESH)).one_or_none()
        return crisis_from_row(row) if row else None

    def by_channel_name(self, name: str) -> Crisis | None:
        row = self._session.scalars(
            select(CrisisRow).where(CrisisRow.channel_name == name).execution_options(**_FRESH)).first()
        return crisis_from_row(row) if row else None

    def save(self, crisis: Crisis) -> None:
        """Write the dataclass state back, roles included; the crisis must exist."""
        row = self._session.get(CrisisRow, crisis.id, populate_existing=True)
        if row is None:
            raise LookupError(f"crisis {crisis.id} does not exist")
        crisis_to_row(crisis, row)
        self._session.flush()

    def lock(self, crisis_id: int) -> Crisis | None:
        """SELECT ... FOR UPDATE on PostgreSQL; on SQLite the transaction already holds the write lock."""
        row = self._session.get(CrisisRow, crisis_id, populate_existing=True, with_for_update=True)
        return crisis_from_row(row) if row else None

    def unfinished_setups(self, before: datetime) -> list[Crisis]:
        rows = self._session.scalars(
            select(CrisisRow)
            .where(CrisisRow.set_up_at.is_(None), CrisisRow.status == CrisisStatus.OPEN.value,
                   CrisisRow.opened_at < before)
            .order_by(CrisisRow.opened_at, CrisisRow.id).execution_options(**_FRESH))
        return [crisis_from_row(row) for row in rows]

    def open_for_term(self, term: str) -> Crisis | None:
        row = self._session.scalars(
            select(CrisisRow).where(CrisisRow.term == term, CrisisRow.status == CrisisStatus.OPEN.value)
            .order_by(CrisisRow.opened_at.desc(), CrisisRow.id.desc()).limit(1).execution_options(**_FRESH)).first()
        return crisis_from_row(row) if row else None

    def open_with_term(self) -> list[Crisis]:
        rows = self._session.scalars(
            select(CrisisRow).where(CrisisRow.term.is_not(None), CrisisRow.status == CrisisStatus.OPEN.value)
            .order_by(CrisisRow.opened_at, CrisisRow.id).execution_options(**_FRESH))
        return [crisis_from_row(row) for row in rows]

    def updates_due(self, now: datetime) -> list[int]:
        """Ids of the open crises whose next_update_due_at has passed, longest overdue first."""
        return list(self._session.scalars(
            select(CrisisRow.id)
            .where(CrisisRow.status == CrisisStatus.OPEN.value, CrisisRow.next_update_due_at <= now)
            .order_by(CrisisRow.next_update_due_at, CrisisRow.id)))


def _page_open() -> tuple[ColumnElement[bool], ...]:
    return PageRow.acked_at.is_(None), PageRow.escalated_at.is_(None), PageRow.cancelled_at.is_(None)


class SqlPageRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, page: Page) -> Page:
        """Insert the page; returns it as stored, with its new id."""
        row = PageRow()
        page_to_row(page, row)
        self._session.add(row)
        self._session.flush()
        return page_from_row(row)

    def get(self, page_id: int) -> Page | None:
        row = self._session.get(PageRow, page_id, populate_existing=True)
        return page_from_row(row) if row else None

    def for_crisis(self, crisis_id: int) -> list[Page]:
        rows = self._session.scalars(
            select(PageRow).where(PageRow.crisis_id == crisis_id).order_by(PageRow.id).execution_options(**_FRESH))
        return [page_from_row(row) for row in rows]

    def save(self, page: Page) -> None:
        row = self._session.get(PageRow, page.id, populate_existing=True)
        if row is None:
            raise LookupError(f"page {page.id} does not exist")
        page_to_row(page, row)
        self._session.flush()

    def due_deliveries(self, now: datetime, limit: int) -> list[int]:
        """Undelivered open pages whose delivery is due, oldest first."""
        return list(self._session.scalars(
            select(PageRow.id).where(PageRow.delivered_at.is_(None), *_page_open(), PageRow.deliver_at <= now)
            .order_by(PageRow.deliver_at, PageRow.id).limit(limit)))

    def due_escalations(self, now: datetime, limit: int) -> list[int]:
        """Open pages whose acknowledgement time is up, oldest first."""
        return list(self._session.scalars(
            select(PageRow.id).where(*_page_open(), PageRow.escalate_at <= now)
            .order_by(PageRow.escalate_at, PageRow.id).limit(limit)))


class SqlTimeline:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, crisis_id: int, event: TimelineEvent) -> None:
        self._session.add(event_to_row(crisis_id, event))
        self._session.flush()

    def for_crisis(self, crisis_id: int) -> list[TimelineEvent]:
        rows = self._session.scalars(
            select(TimelineEventRow).where(TimelineEventRow.crisis_id == crisis_id)
            .order_by(TimelineEventRow.at, TimelineEventRow.id))
        return [event_from_row(row) for row in rows]


class SqlRequestLog:
    def __init__(self, session: Session) -> None:
        self._session = session

    def claim(self, key: str, at: datetime) -> bool:
        """INSERT .. ON CONFLICT DO NOTHING: False for a key claimed before, and the transaction goes on."""
        insert = _INSERT[self._session.get_bind().dialect.name]
        statement = insert(HandledRequestRow.__table__).values(key=key, at=at).on_conflict_do_nothing(index_elements=["key"])
        result = self._session.execute(statement.execution_options(preserve_rowcount=True))
        return result.rowcount == 1
