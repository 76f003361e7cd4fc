"""SQL repositories of prevention: the account register (one entry per account), notices (one per key),
offboardings (one per person and departure) and access reviews (one per account and round); each inside one unit
of work's Session. Due rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from crisis.prevention.model import AccessReview, Account, Notice, Offboarding
from db.prevention.mapping import (
    account_from_row,
    account_to_row,
    account_values,
    notice_from_row,
    notice_to_row,
    notice_values,
    offboarding_from_row,
    offboarding_to_row,
    review_from_row,
    review_to_row,
)
from db.prevention.rows import AccessReviewRow, OffboardingRow, PreventionNoticeRow, SocialAccountRow
from db.repository import FRESH, RowRepository, insert


class Once:
    """INSERT .. ON CONFLICT DO NOTHING of one object: the stored object, or None when its unique key is taken."""

    def _add_once(self: Any, item: Any, unique: list[str]) -> Any:
        row = self._row()
        self._write(item, row)
        values = {c.name: getattr(row, c.name) for c in self._row.__table__.columns if c.name != "id"}
        statement = (insert(self._session)(self._row).values(values).on_conflict_do_nothing(index_elements=unique)
                     .returning(self._row.id))
        new_id = self._session.execute(statement).scalar_one_or_none()
        return None if new_id is None else self.get(new_id)


class SqlAccountRegister(RowRepository[Account, SocialAccountRow], row=SocialAccountRow, noun="account",
                         read=account_from_row, write=account_to_row):
    def all(self) -> list[Account]:
        return self._all(select(SocialAccountRow).order_by(SocialAccountRow.id))

    def put(self, account: Account) -> Account:
        """INSERT .. ON CONFLICT (key) DO UPDATE: an entry replaces the account's earlier one, keeping its id."""
        values = account_values(account)
        statement = insert(self._session)(SocialAccountRow).values(values)
        statement = statement.on_conflict_do_update(index_elements=["key"], set_={
            name: statement.excluded[name] for name in values if name != "key"})
        row = self._session.scalars(statement.returning(SocialAccountRow), execution_options=FRESH).one()
        return account_from_row(row)


class SqlNotices(RowRepository[Notice, PreventionNoticeRow], row=PreventionNoticeRow, noun="notice",
                 read=notice_from_row, write=notice_to_row):
    def add(self, notice: Notice) -> bool:
        """INSERT .. ON CONFLICT (key) DO NOTHING: False when said before (or by another replica just now)."""
        statement = (insert(self._session)(PreventionNoticeRow).values(notice_values(notice))
                     .on_conflict_do_nothing(index_elements=["key"]).returning(PreventionNoticeRow.id))
        return self._session.execute(statement).scalar_one_or_none() is not None

    def keys(self, prefix: str) -> set[str]:
        n = PreventionNoticeRow
        return set(self._session.scalars(select(n.key).where(n.key.startswith(prefix, autoescape=True))))

    def lock(self, key: str) -> Notice | None:  # type: ignore[override]
        return self._one(select(PreventionNoticeRow).where(PreventionNoticeRow.key == key).with_for_update())

    def due(self, now: datetime, limit: int) -> list[str]:
        n = PreventionNoticeRow
        return self._due(select(n.key).where(n.sent_at.is_(None), n.due_at <= now).order_by(n.due_at, n.id)
                         .limit(limit))


class SqlOffboardings(Once, RowRepository[Offboarding, OffboardingRow], row=OffboardingRow, noun="offboarding",
                      read=offboarding_from_row, write=offboarding_to_row):
    def add(self, offboarding: Offboarding) -> Offboarding | None:
        """INSERT .. ON CONFLICT (user, departure) DO NOTHING: None when that departure is recorded already."""
        return self._add_once(offboarding, ["user", "departure"])

    def of_user(self, user: str) -> list[Offboarding]:
        o = OffboardingRow
        return self._all(select(o).where(o.user == user).order_by(o.departure, o.id))

    def all(self) -> list[Offboarding]:
        return self._all(select(OffboardingRow).order_by(OffboardingRow.id))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        o = OffboardingRow
        return self._due(select(o.id).where(o.card_due_at <= now).order_by(o.card_due_at, o.id).limit(limit))

    def reminders_due(self, now: datetime, limit: int) -> list[int]:
        o = OffboardingRow
        return self._due(select(o.id).where(o.remind_at <= now).order_by(o.remind_at, o.id).limit(limit))


class SqlAccessReviews(Once, RowRepository[AccessReview, AccessReviewRow], row=AccessReviewRow, noun="access review",
                       read=review_from_row, write=review_to_row):
    def add(self, review: AccessReview) -> AccessReview | None:
        """INSERT .. ON CONFLICT (account, round) DO NOTHING: None when the round's review exists."""
        return self._add_once(review, ["account", "round"])

    def last_rounds(self) -> dict[str, datetime]:
        r = AccessReviewRow
        return dict(self._session.execute(select(r.account, func.max(r.started_at)).group_by(r.account)).all())

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        r = AccessReviewRow
        return self._due(select(r.id).where(r.card_due_at <= now).order_by(r.card_due_at, r.id).limit(limit))

    def late(self, now: datetime, limit: int) -> list[AccessReview]:
        r = AccessReviewRow
        return self._all(select(r).where(r.completed_at.is_(None), r.due_at <= now).order_by(r.due_at, r.id)
                         .limit(limit))

    def overdue(self, now: datetime, limit: int) -> list[int]:
        r = AccessReviewRow
        return self._due(select(r.id).where(r.completed_at.is_(None), r.escalated_at.is_(None), r.due_at <= now)
                         .order_by(r.due_at, r.id).limit(limit))
