"""In-memory repositories of prevention (account register, notices, offboardings, access reviews), as
db/prevention/repositories.py."""
from __future__ import annotations

import copy
from dataclasses import replace
from datetime import datetime

from crisis.prevention.model import AccessReview, Account, Notice, Offboarding
from tests.crisis.fakes.tables import Table, as_json, check_aware


class FakeAccountRegister(Table):
    name = "accounts"

    def all(self) -> list[Account]:
        return self._select(lambda a: True, lambda a: a.id)

    def put(self, account: Account) -> Account:
        """Replaces the entry for the same platform and handle (unique), keeping its id."""
        check_aware(account)
        before = self._first(lambda a: a.key == account.key)
        if before is None:
            return self._insert(replace(account, access=tuple(as_json(list(account.access)))))
        self._rows[before.id] = replace(account, id=before.id, access=tuple(as_json(list(account.access))))
        return copy.deepcopy(self._rows[before.id])


class FakeNotices(Table):
    name = "notices"

    def _key(self, item: Notice) -> str:
        return item.key

    def add(self, notice: Notice) -> bool:
        check_aware(notice)
        if notice.key in self._rows:
            return False
        self._rows[notice.key] = replace(notice, id=self._uow.next_id(self.name), params=as_json(dict(notice.params)))
        return True

    def keys(self, prefix: str) -> set[str]:
        return {key for key in self._rows if key.startswith(prefix)}

    def save(self, notice: Notice) -> None:
        super().save(replace(notice, params=as_json(dict(notice.params))))

    def due(self, now: datetime, limit: int) -> list[str]:
        found = self._select(lambda n: n.sent_at is None and n.due_at is not None and n.due_at <= now,
                             lambda n: (n.due_at, n.id), limit)
        return [n.key for n in found]


def _card_due(row: Offboarding | AccessReview, now: datetime) -> bool:
    return row.card.due_at is not None and row.card.due_at <= now


class FakeOffboardings(Table):
    name = "offboardings"

    def add(self, offboarding: Offboarding) -> Offboarding | None:
        """None when that departure of the person is recorded (user and departure are unique)."""
        if self._first(lambda o: (o.user, o.departure) == (offboarding.user, offboarding.departure)):
            return None
        return self._insert(offboarding)

    def of_user(self, user: str) -> list[Offboarding]:
        return self._select(lambda o: o.user == user, lambda o: (o.departure, o.id))

    def save(self, offboarding: Offboarding) -> None:
        super().save(replace(offboarding, revoked=as_json(offboarding.revoked)))

    def all(self) -> list[Offboarding]:
        return self._select(lambda o: True)

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda o: _card_due(o, now), lambda o: (o.card.due_at, o.id), limit)

    def reminders_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda o: o.remind_at is not None and o.remind_at <= now, lambda o: (o.remind_at, o.id), limit)


class FakeAccessReviews(Table):
    name = "reviews"

    def add(self, review: AccessReview) -> AccessReview | None:
        """None when the account's review of the round exists (unique account and round)."""
        if self._first(lambda r: (r.account, r.round) == (review.account, review.round)):
            return None
        return self._insert(review)

    def save(self, review: AccessReview) -> None:
        super().save(replace(review, decisions=as_json(review.decisions)))

    def last_rounds(self) -> dict[str, datetime]:
        last: dict[str, datetime] = {}
        for review in self._rows.values():
            last[review.account] = max(last.get(review.account, review.started_at), review.started_at)
        return last

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda r: _card_due(r, now), lambda r: (r.card.due_at, r.id), limit)

    def late(self, now: datetime, limit: int) -> list[AccessReview]:
        return self._select(lambda r: r.completed_at is None and r.due_at <= now, lambda r: (r.due_at, r.id))[:limit]

    def overdue(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda r: r.completed_at is None and r.escalated_at is None and r.due_at <= now,
                         lambda r: (r.due_at, r.id), limit)
