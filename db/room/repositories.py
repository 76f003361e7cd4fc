"""SQL repositories of the crisis room: crises (with their roles), pages, the timeline and the request log;
each works inside one unit of work's Session."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, or_, select
from sqlalchemy.orm import Session

from crisis.events import TimelineEvent
from crisis.room.model import Crisis, CrisisStatus, Page
from db.repository import RowRepository, insert
from db.room.mapping import crisis_from_row, crisis_to_row, event_from_row, event_to_row, page_from_row, page_to_row
from db.room.rows import CrisisRow, HandledRequestRow, PageRow, TimelineEventRow
from db.runners import taken_over


class SqlCrisisRepository(RowRepository[Crisis, CrisisRow], row=CrisisRow, noun="crisis", read=crisis_from_row,
                          write=crisis_to_row):
    """add() inserts the roles too; save() writes them back (roles matched by name)."""

    def by_channel(self, channel_id: str) -> Crisis | None:
        return self._one(select(CrisisRow).where(CrisisRow.channel_id == channel_id))

    def by_channel_name(self, name: str) -> Crisis | None:
        return self._first(select(CrisisRow).where(CrisisRow.channel_name == name))

    def opened_by(self, request_key: str) -> Crisis | None:
        return self._one(select(CrisisRow).where(CrisisRow.opened_request == request_key))

    def setups_due(self, now: datetime, silent_since: datetime) -> list[int]:
        return self._due(
            select(CrisisRow.id)
            .where(CrisisRow.set_up_at.is_(None), CrisisRow.status == CrisisStatus.OPEN.value,
                   or_(CrisisRow.set_up_retry_at <= now, taken_over(CrisisRow.set_up_runner, silent_since)))
            .order_by(CrisisRow.set_up_retry_at, CrisisRow.id))

    def open_for_term(self, term: str) -> Crisis | None:
        return self._first(
            select(CrisisRow).where(CrisisRow.term == term, CrisisRow.status == CrisisStatus.OPEN.value)
            .order_by(CrisisRow.opened_at.desc(), CrisisRow.id.desc()).limit(1))

    def open_with_term(self) -> list[Crisis]:
        return self._all(
            select(CrisisRow).where(CrisisRow.term.is_not(None), CrisisRow.status == CrisisStatus.OPEN.value)
            .order_by(CrisisRow.opened_at, CrisisRow.id))

    def open(self) -> list[Crisis]:
        return self._all(select(CrisisRow).where(CrisisRow.status == CrisisStatus.OPEN.value)
                         .order_by(CrisisRow.opened_at, CrisisRow.id))

    def updates_due(self, now: datetime) -> list[int]:
        """Ids of the open crises whose next_update_due_at has passed, longest overdue first."""
        return self._due(
            select(CrisisRow.id)
            .where(CrisisRow.status == CrisisStatus.OPEN.value, CrisisRow.next_update_due_at <= now)
            .order_by(CrisisRow.next_update_due_at, CrisisRow.id))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        """Crises whose stale card is due to be shown again, longest waiting first."""
        return self._due(select(CrisisRow.id).where(CrisisRow.card_due_at <= now)
                         .order_by(CrisisRow.card_due_at, CrisisRow.id).limit(limit))


def _page_open() -> tuple[ColumnElement[bool], ...]:
    return PageRow.acked_at.is_(None), PageRow.escalated_at.is_(None), PageRow.cancelled_at.is_(None)


class SqlPageRepository(RowRepository[Page, PageRow], row=PageRow, noun="page", read=page_from_row,
                        write=page_to_row):
    def for_crisis(self, crisis_id: int) -> list[Page]:
        return self._all(select(PageRow).where(PageRow.crisis_id == crisis_id).order_by(PageRow.id))

    def due_deliveries(self, now: datetime, silent_since: datetime, limit: int) -> list[int]:
        """Pages whose delivery is not recorded (nor given up, nor escalated) and is due, or held by a silent
        runner, oldest first."""
        return self._due(
            select(PageRow.id).where(PageRow.delivered_at.is_(None), PageRow.failed_at.is_(None),
                                     PageRow.escalated_at.is_(None),
                                     or_(PageRow.deliver_at <= now, taken_over(PageRow.runner, silent_since)))
            .order_by(PageRow.deliver_at, PageRow.id).limit(limit))

    def due_escalations(self, now: datetime, limit: int) -> list[int]:
        """Open pages whose acknowledgement time is up, oldest first."""
        return self._due(
            select(PageRow.id).where(*_page_open(), PageRow.escalate_at <= now)
            .order_by(PageRow.escalate_at, PageRow.id).limit(limit))

    def acks_due(self, now: datetime, limit: int) -> list[int]:
        """Pages whose acknowledged mark is due to be shown (again), longest waiting first."""
        return self._due(select(PageRow.id).where(PageRow.ack_due_at <= now)
                         .order_by(PageRow.ack_due_at, PageRow.id).limit(limit))

    def notices_due(self, now: datetime, limit: int) -> list[int]:
        """Escalated pages whose notice in the channel is due to be posted (again), longest waiting first."""
        return self._due(select(PageRow.id).where(PageRow.notice_due_at <= now)
                         .order_by(PageRow.notice_due_at, PageRow.id).limit(limit))


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
        statement = (insert(self._session)(HandledRequestRow.__table__).values(key=key, at=at)
                     .on_conflict_do_nothing(index_elements=["key"]))
        result = self._session.execute(statement.execution_options(preserve_rowcount=True))
        return result.rowcount == 1

    def prune(self, before: datetime) -> int:
        return self._session.execute(delete(HandledRequestRow).where(HandledRequestRow.at < before)).rowcount
