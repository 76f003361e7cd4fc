"""SQL implementations of the statement ports: statements (with their append-only versions and approvals),
paused brand posts and press inquiries; each works inside one unit of work's Session."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from crisis.statements.model import PausedPost, PressInquiry, Statement, StatementState
from db.mapping import (paused_post_from_row, paused_post_to_row, paused_post_values, press_inquiry_from_row,
                        press_inquiry_to_row, statement_from_row, statement_to_row)
from db.models import PausedPostRow, PressInquiryRow, StatementRow
from db.room.repositories import _FRESH, _INSERT

_OPEN_STATES = (StatementState.PENDING.value, StatementState.CHANGES_REQUESTED.value)


class SqlStatementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, statement: Statement) -> Statement:
        """Insert the statement with its versions and approvals; returns it as stored, with its new id."""
        row = StatementRow()
        statement_to_row(statement, row)
        self._session.add(row)
        self._session.flush()
        return statement_from_row(row)

    def get(self, statement_id: int) -> Statement | None:
        row = self._session.get(StatementRow, statement_id, populate_existing=True)
        return statement_from_row(row) if row else None

    def lock(self, statement_id: int) -> Statement | None:
        """SELECT ... FOR UPDATE on the statement row (PostgreSQL; on SQLite the transaction already holds
        the write lock), then its versions (by number) and approvals (in the order stored), read fresh."""
        row = self._session.get(StatementRow, statement_id, populate_existing=True, with_for_update=True)
        return statement_from_row(row) if row else None

    def save(self, statement: Statement) -> None:
        """Write the statement's own fields back and insert the versions (new numbers) and approvals (new
        version + user + decision) not stored yet; stored ones stay as they are. The statement must exist."""
        row = (self._session.get(StatementRow, statement.id, populate_existing=True)
               if statement.id is not None else None)
        if row is None:
            raise LookupError(f"statement {statement.id} does not exist")
        statement_to_row(statement, row)
        self._session.flush()

    def for_crisis(self, crisis_id: int) -> list[Statement]:
        rows = self._session.scalars(
            select(StatementRow).where(StatementRow.crisis_id == crisis_id)
            .order_by(StatementRow.created_at, StatementRow.id).execution_options(**_FRESH))
        return [statement_from_row(row) for row in rows]

    def deadlines_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Open statements (pending / changes requested) whose deadline is within `remind_before` and
        not yet reminded, or passed and not yet told; soonest deadline first."""
        s = StatementRow
        return list(self._session.scalars(
            select(s.id).where(
                s.state.in_(_OPEN_STATES), s.deadline.is_not(None),
                or_(and_(s.deadline_reminded_at.is_(None), s.deadline <= now + remind_before),
                    and_(s.deadline_passed_told.is_(False), s.deadline <= now)))
            .order_by(s.deadline, s.id)))


class SqlPausedPosts:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, post: PausedPost) -> PausedPost:
        """INSERT .. ON CONFLICT (channel_id, scheduled_id) DO NOTHING: a post paused before (a retry,
        another replica) is not stored again, and the stored one is returned as it is."""
        statement = (_INSERT[self._session.get_bind().dialect.name](PausedPostRow.__table__)
                     .values(paused_post_values(post))
                     .on_conflict_do_nothing(index_elements=["channel_id", "scheduled_id"])
                     .returning(PausedPostRow.__table__.c.id))
        post_id = self._session.execute(statement).scalar_one_or_none()
        if post_id is not None:
            return replace(post, id=post_id)
        row = self._session.scalars(
            select(PausedPostRow).where(PausedPostRow.channel_id == post.channel_id,
                                        PausedPostRow.scheduled_id == post.scheduled_id)
            .execution_options(**_FRESH)).one()
        return paused_post_from_row(row)

    def get(self, post_id: int) -> PausedPost | None:
        row = self._session.get(PausedPostRow, post_id, populate_existing=True)
        return paused_post_from_row(row) if row else None

    def lock(self, post_id: int) -> PausedPost | None:
        """SELECT ... FOR UPDATE on PostgreSQL; on SQLite the transaction already holds the write lock."""
        row = self._session.get(PausedPostRow, post_id, populate_existing=True, with_for_update=True)
        return paused_post_from_row(row) if row else None

    def save(self, post: PausedPost) -> None:
        row = self._session.get(PausedPostRow, post.id, populate_existing=True) if post.id is not None else None
        if row is None:
            raise LookupError(f"paused post {post.id} does not exist")
        paused_post_to_row(post, row)
        self._session.flush()

    def for_crisis(self, crisis_id: int) -> list[PausedPost]:
        """The crisis's paused posts by their scheduled time."""
        rows = self._session.scalars(
            select(PausedPostRow).where(PausedPostRow.crisis_id == crisis_id)
            .order_by(PausedPostRow.post_at, PausedPostRow.id).execution_options(**_FRESH))
        return [paused_post_from_row(row) for row in rows]


class SqlPressInquiries:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, inquiry: PressInquiry) -> PressInquiry:
        """Insert the inquiry; returns it as stored, with its new id."""
        row = PressInquiryRow()
        press_inquiry_to_row(inquiry, row)
        self._session.add(row)
        self._session.flush()
        return press_inquiry_from_row(row)

    def get(self, inquiry_id: int) -> PressInquiry | None:
        row = self._session.get(PressInquiryRow, inquiry_id, populate_existing=True)
        return press_inquiry_from_row(row) if row else None

    def lock(self, inquiry_id: int) -> PressInquiry | None:
        """SELECT ... FOR UPDATE on PostgreSQL; on SQLite the transaction already holds the write lock."""
        row = self._session.get(PressInquiryRow, inquiry_id, populate_existing=True, with_for_update=True)
        return press_inquiry_from_row(row) if row else None

    def save(self, inquiry: PressInquiry) -> None:
        row = self._session.get(PressInquiryRow, inquiry.id, populate_existing=True) if inquiry.id is not None else None
        if row is None:
            raise LookupError(f"press inquiry {inquiry.id} does not exist")
        press_inquiry_to_row(inquiry, row)
        self._session.flush()

    def for_crisis(self, crisis_id: int) -> list[PressInquiry]:
        """The crisis's inquiries in the order they were logged."""
        rows = self._session.scalars(
            select(PressInquiryRow).where(PressInquiryRow.crisis_id == crisis_id)
            .order_by(PressInquiryRow.logged_at, PressInquiryRow.id).execution_options(**_FRESH))
        return [press_inquiry_from_row(row) for row in rows]

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Unanswered inquiries whose deadline is within `remind_before` and not yet reminded; soonest first."""
        i = PressInquiryRow
        return list(self._session.scalars(
            select(i.id).where(i.answered_at.is_(None), i.reminded_at.is_(None), i.deadline <= now + remind_before)
            .order_by(i.deadline, i.id)))
