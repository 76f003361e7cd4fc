"""In-memory repositories of the crisis room (crises, pages, timeline, request log), as db/room/repositories.py."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from crisis.events import TimelineEvent
from crisis.room.model import Crisis, Page
from tests.crisis.fakes.tables import Table, as_json, check_aware


class FakeCrises(Table):
    name = "crises"

    def add(self, crisis: Crisis) -> Crisis:
        return self._insert(crisis)

    def by_channel(self, channel_id: str) -> Crisis | None:
        found = self._select(lambda c: c.channel_id == channel_id)
        assert len(found) <= 1, f"channel {channel_id} holds {len(found)} crises (the column is unique)"
        return found[0] if found else None

    def by_channel_name(self, name: str) -> Crisis | None:
        return self._first(lambda c: c.channel_name == name)

    def opened_by(self, request_key: str) -> Crisis | None:
        return self._first(lambda c: c.opened_request == request_key)

    def setups_due(self, now: datetime, silent_since: datetime) -> list[int]:
        return self._ids(lambda c: c.set_up_at is None and c.is_open and c.set_up_retry_at is not None
                         and (c.set_up_retry_at <= now or self._uow.runners.silent(c.set_up_runner, silent_since)),
                         lambda c: (c.set_up_retry_at, c.id))

    def open_for_term(self, term: str) -> Crisis | None:
        return self._first(lambda c: c.term == term and c.is_open, lambda c: (c.opened_at, c.id), reverse=True)

    def open_with_term(self) -> list[Crisis]:
        return self._select(lambda c: c.term is not None and c.is_open, lambda c: (c.opened_at, c.id))

    def open(self) -> list[Crisis]:
        return self._select(lambda c: c.is_open, lambda c: (c.opened_at, c.id))

    def updates_due(self, now: datetime) -> list[int]:
        return self._ids(lambda c: c.is_open and c.next_update_due_at is not None and c.next_update_due_at <= now,
                         lambda c: (c.next_update_due_at, c.id))

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda c: c.card_due_at is not None and c.card_due_at <= now,
                         lambda c: (c.card_due_at, c.id), limit)


class FakePages(Table):
    name = "pages"

    def add(self, page: Page) -> Page:
        self._require("crises", page.crisis_id)
        return self._insert(page)

    def for_crisis(self, crisis_id: int) -> list[Page]:
        return self._select(lambda p: p.crisis_id == crisis_id)

    def due_deliveries(self, now: datetime, silent_since: datetime, limit: int) -> list[int]:
        return self._ids(lambda p: p.delivered_at is None and p.failed_at is None and p.escalated_at is None
                         and (p.deliver_at <= now or self._uow.runners.silent(p.runner, silent_since)),
                         lambda p: (p.deliver_at, p.id), limit)

    def due_escalations(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda p: p.is_open and p.escalate_at <= now, lambda p: (p.escalate_at, p.id), limit)

    def acks_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda p: p.ack_due_at is not None and p.ack_due_at <= now,
                         lambda p: (p.ack_due_at, p.id), limit)

    def notices_due(self, now: datetime, limit: int) -> list[int]:
        return self._ids(lambda p: p.notice_due_at is not None and p.notice_due_at <= now,
                         lambda p: (p.notice_due_at, p.id), limit)


class FakeTimeline(Table):
    name = "timeline"

    def append(self, crisis_id: int, event: TimelineEvent) -> None:
        self._require("crises", crisis_id)
        check_aware(event)
        self._insert(replace(event, crisis_id=crisis_id, data=as_json(dict(event.data))))

    def for_crisis(self, crisis_id: int) -> list[TimelineEvent]:
        return self._select(lambda e: e.crisis_id == crisis_id, lambda e: (e.at, e.id))


class FakeRequestLog(Table):
    name = "requests"

    def claim(self, key: str, at: datetime) -> bool:
        check_aware(at)
        if key in self._rows:
            return False
        self._rows[key] = at
        return True

    def prune(self, before: datetime) -> int:
        old = [key for key, at in self._rows.items() if at < before]
        for key in old:
            del self._rows[key]
        return len(old)
