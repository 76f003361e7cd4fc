"""SQL repositories of statements (with their append-only versions and approvals), paused brand posts and
press inquiries; each works inside one unit of work's Session."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select

from crisis.schedules.model import MediaCopy
from crisis.statements.model import PausedPost, PressInquiry, Statement, StatementState
from db.repository import RowRepository, insert
from db.statements.mapping import (
    paused_post_from_row,
    paused_post_to_row,
    paused_post_values,
    press_inquiry_from_row,
    press_inquiry_to_row,
    statement_from_row,
    statement_to_row,
)
from db.statements.rows import (
    PausedPostFileRow,
    PausedPostRow,
    PressInquiryRow,
    StatementRow,
)

_OPEN_STATES = (StatementState.PENDING.value, StatementState.CHANGES_REQUESTED.value)


class SqlStatementRepository(RowRepository[Statement, StatementRow], row=StatementRow, noun="statement",
                             read=statement_from_row, write=statement_to_row):
    """Versions come back by number, approvals in the order stored. save() writes the statement's own fields
    and inserts the versions (new numbers) and approvals (new version + user + decision) not stored yet;
    stored ones stay as they are."""

    def for_crisis(self, crisis_id: int) -> list[Statement]:
        return self._all(select(StatementRow).where(StatementRow.crisis_id == crisis_id)
                         .order_by(StatementRow.created_at, StatementRow.id))

    def publishes_due(self, now: datetime) -> list[int]:
        """Approved statements whose publish_due_at has come (an interrupted or failed publish), soonest first."""
        s = StatementRow
        return self._due(select(s.id).where(s.state == StatementState.APPROVED.value, s.publish_due_at <= now)
                         .order_by(s.publish_due_at, s.id))

    def deliveries_due(self, now: datetime) -> list[int]:
        """Statements whose card or notice is due to be sent (again), soonest first."""
        s = StatementRow
        card = s.card_due_at.is_not(None) & (s.card_due_at <= now)
        notice = s.notice_due_at.is_not(None) & (s.notice_due_at <= now)
        return self._due(select(s.id).where(or_(card, notice)).order_by(s.id))

    def deadlines_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Open statements (pending / changes requested) whose deadline is within `remind_before` and
        not yet reminded, or passed and not yet told; soonest deadline first."""
        s = StatementRow
        return self._due(
            select(s.id).where(
                s.state.in_(_OPEN_STATES), s.deadline.is_not(None),
                or_(and_(s.deadline_reminded_at.is_(None), s.deadline <= now + remind_before),
                    and_(s.deadline_passed_told.is_(False), s.deadline <= now)))
            .order_by(s.deadline, s.id))


class SqlPausedPosts(RowRepository[PausedPost, PausedPostRow], row=PausedPostRow, noun="paused post",
                     read=paused_post_from_row, write=paused_post_to_row):
    def add(self, post: PausedPost) -> PausedPost:
        """INSERT .. ON CONFLICT (channel_id, scheduled_id) DO NOTHING: a post paused before (a retry,
        another replica) is not stored again, and the stored one is returned as it is."""
        statement = (insert(self._session)(PausedPostRow.__table__)
                     .values(paused_post_values(post))
                     .on_conflict_do_nothing(index_elements=["channel_id", "scheduled_id"])
                     .returning(PausedPostRow.__table__.c.id))
        post_id = self._session.execute(statement).scalar_one_or_none()
        if post_id is not None:
            return replace(post, id=post_id)
        stored = self._one(select(PausedPostRow).where(PausedPostRow.channel_id == post.channel_id,
                                                       PausedPostRow.scheduled_id == post.scheduled_id))
        assert stored is not None
        return stored

    def keep_files(self, post_id: int, files: Sequence[MediaCopy]) -> None:
        """INSERT .. ON CONFLICT DO NOTHING per file: copies kept before (another replica) stay as they are."""
        for position, file in enumerate(files):
            self._session.execute(insert(self._session)(PausedPostFileRow.__table__).values(
                paused_post_id=post_id, position=position, reference=file.reference, name=file.name,
                content_type=file.content_type, data=file.data).on_conflict_do_nothing())

    def files(self, post_id: int) -> list[MediaCopy]:
        rows = self._session.scalars(select(PausedPostFileRow).where(PausedPostFileRow.paused_post_id == post_id)
                                     .order_by(PausedPostFileRow.position))
        return [MediaCopy(r.reference, r.name, r.content_type, r.data) for r in rows]

    def drop_files(self, post_id: int) -> None:
        self._session.execute(delete(PausedPostFileRow).where(PausedPostFileRow.paused_post_id == post_id))

    def for_crisis(self, crisis_id: int) -> list[PausedPost]:
        """The crisis's paused posts by their scheduled time."""
        return self._all(select(PausedPostRow).where(PausedPostRow.crisis_id == crisis_id)
                         .order_by(PausedPostRow.post_at, PausedPostRow.id))

    def removals_due(self, now: datetime, limit: int) -> list[int]:
        """Posts whose removal at their provider failed and is due to be tried again, soonest first."""
        p = PausedPostRow
        return self._due(select(p.id).where(p.remove_due_at <= now, p.deleted.is_(False), p.outcome == "")
                         .order_by(p.remove_due_at, p.id).limit(limit))


class SqlPressInquiries(RowRepository[PressInquiry, PressInquiryRow], row=PressInquiryRow, noun="press inquiry",
                        read=press_inquiry_from_row, write=press_inquiry_to_row):
    def for_crisis(self, crisis_id: int) -> list[PressInquiry]:
        """The crisis's inquiries in the order they were logged."""
        return self._all(select(PressInquiryRow).where(PressInquiryRow.crisis_id == crisis_id)
                         .order_by(PressInquiryRow.logged_at, PressInquiryRow.id))

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Unanswered inquiries whose deadline is within `remind_before` and not yet reminded; soonest first."""
        i = PressInquiryRow
        return self._due(
            select(i.id).where(i.answered_at.is_(None), i.reminded_at.is_(None), i.deadline <= now + remind_before)
            .order_by(i.deadline, i.id))
