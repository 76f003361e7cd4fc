"""Test doubles for the crisis ports: an in-memory unit of work, a recording chat, a settable clock."""
from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Sequence

from crisis.events import TimelineEvent
from crisis.i18n import Msg, render
from crisis.room.model import ChannelRef, Crisis, CrisisStatus, InviteFailure, Page, PageDelivery
from crisis.plan import CrisisPlan
from crisis.errors import ChannelNameTaken, ChatFailure


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@dataclass
class _Store:
    crises: dict[int, Crisis] = field(default_factory=dict)
    pages: dict[int, Page] = field(default_factory=dict)
    timeline: list[TimelineEvent] = field(default_factory=list)
    requests: set[str] = field(default_factory=set)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))


class FakeUnitOfWork:
    """Works on a copy of the store; commit() publishes the copy, leaving without commit drops it."""

    def __init__(self, store: _Store) -> None:
        self._store = store
        self.crises, self.pages, self.timeline, self.requests = _Crises(self), _Pages(self), _Timeline(self), _Requests(self)
        self.statements = self.paused_posts = self.inquiries = self.follow_ups = _NoneYet()
        self.debriefs = _NoDebriefs()

    def __enter__(self) -> "FakeUnitOfWork":
        ids = self._store.ids
        self._store.ids = None
        self._work = copy.deepcopy(self._store)
        self._store.ids = self._work.ids = ids
        return self

    def __exit__(self, *exc: object) -> None:
        self._work = None

    def commit(self) -> None:
        ids = self._work.ids
        self._work.ids = None
        self._store.__dict__.update(copy.deepcopy(self._work).__dict__)
        self._store.ids = self._work.ids = ids

    def _table(self, item: Crisis | Page) -> dict:
        return self._work.crises if isinstance(item, Crisis) else self._work.pages

    def _add(self, item):
        item = copy.deepcopy(item)
        item.id = next(self._work.ids)
        self._table(item)[item.id] = item
        return copy.deepcopy(item)

    def _save(self, item) -> None:
        self._table(item)[item.id] = copy.deepcopy(item)


class _NoneYet:
    """Statements, paused posts and inquiries: the room's use cases only count them here."""

    def for_crisis(self, crisis_id: int) -> list:
        return []


class _NoDebriefs:
    """The room's tests close crises; the debrief they start is tested against the real database."""

    def add(self, debrief):
        return None


class _Crises:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def add(self, crisis: Crisis) -> Crisis:
        return self.uow._add(crisis)

    def get(self, crisis_id: int) -> Crisis | None:
        return copy.deepcopy(self.uow._work.crises.get(crisis_id))

    lock = get

    def by_channel(self, channel_id: str) -> Crisis | None:
        return next((copy.deepcopy(c) for c in self.uow._work.crises.values() if c.channel_id == channel_id), None)

    def save(self, crisis: Crisis) -> None:
        self.uow._save(crisis)

    def unfinished_setups(self, before: datetime) -> list[Crisis]:
        return [copy.deepcopy(c) for c in self.uow._work.crises.values()
                if c.status is CrisisStatus.OPEN and c.set_up_at is None and c.opened_at < before]


class _Pages:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def add(self, page: Page) -> Page:
        return self.uow._add(page)

    def get(self, page_id: int) -> Page | None:
        return copy.deepcopy(self.uow._work.pages.get(page_id))

    def for_crisis(self, crisis_id: int) -> list[Page]:
        return [copy.deepcopy(p) for p in self.uow._work.pages.values() if p.crisis_id == crisis_id]

    def save(self, page: Page) -> None:
        self.uow._save(page)

    def due_deliveries(self, now: datetime, limit: int) -> list[int]:
        due = [p for p in self.uow._work.pages.values() if p.delivered_at is None and p.is_open and p.deliver_at <= now]
        return [p.id for p in sorted(due, key=lambda p: p.deliver_at)][:limit]

    def due_escalations(self, now: datetime, limit: int) -> list[int]:
        due = [p for p in self.uow._work.pages.values() if p.is_open and p.escalate_at <= now]
        return [p.id for p in sorted(due, key=lambda p: p.escalate_at)][:limit]


class _Timeline:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def append(self, crisis_id: int, event: TimelineEvent) -> None:
        self.uow._work.timeline.append(replace(event, crisis_id=crisis_id, id=len(self.uow._work.timeline) + 1))

    def for_crisis(self, crisis_id: int) -> list[TimelineEvent]:
        return [e for e in self.uow._work.timeline if e.crisis_id == crisis_id]


class _Requests:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def claim(self, key: str, at: datetime) -> bool:
        if key in self.uow._work.requests:
            return False
        self.uow._work.requests.add(key)
        return True


class FakeDatabase:
    """A factory of fake units of work over one shared in-memory store."""

    def __init__(self) -> None:
        self.store = _Store()

    def __call__(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store)


class FakeChat:
    """Records what the crisis room asked of the chat platform; failures can be scripted per call."""

    def __init__(self, users: dict[str, str] | None = None, taken: Sequence[str] = ()) -> None:
        self.users = users or {}
        self.taken = set(taken)
        self.calls: list[tuple] = []
        self.fail: dict[str, list[str]] = {}
        self.refuse_invite: dict[str, str] = {}
        self._ts = itertools.count(1)

    def _maybe_fail(self, what: str) -> None:
        if self.fail.get(what):
            raise ChatFailure(self.fail[what].pop(0))

    def _new_ts(self) -> str:
        return f"1764061200.{next(self._ts):06d}"

    def resolve_user(self, ref: str) -> str | None:
        return ref if ref.startswith("U") else self.users.get(ref)

    def resolve_channel(self, ref: str) -> str | None:
        return "CANNOUNCE" if ref.startswith("#") else ref

    def create_channel(self, name: str) -> ChannelRef:
        self.calls.append(("create_channel", name))
        if name in self.taken:
            raise ChannelNameTaken(name)
        self.taken.add(name)
        return ChannelRef("C" + str(len(self.taken)).zfill(8), name)

    def set_topic(self, channel_id: str, topic: Msg) -> None:
        self.calls.append(("set_topic", channel_id, render(topic)))

    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        self.calls.append(("invite", channel_id, tuple(user_ids)))
        return [InviteFailure(u, self.refuse_invite[u]) for u in user_ids if u in self.refuse_invite]

    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts=None) -> str:
        self._maybe_fail("post_card")
        ts = self._new_ts()
        self.calls.append(("post_card", crisis.channel_id, ts))
        return ts

    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts=None) -> None:
        self.calls.append(("update_card", crisis.channel_id, crisis.status.value, crisis.severity,
                           tuple((r.role, r.user_id, r.acked_by) for r in crisis.roles)))

    def pin(self, channel_id: str, ts: str) -> None:
        self.calls.append(("pin", channel_id, ts))

    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery:
        self._maybe_fail(f"page:{page.user_id}")
        self.calls.append(("page", page.user_id, page.role, page.level.value))
        return PageDelivery("D" + page.user_id, self._new_ts(), self._new_ts())

    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None:
        self.calls.append(("page_acked", page.user_id, page.role))

    def post(self, channel_id: str, message: Msg) -> None:
        self.calls.append(("post", channel_id, message.key, render(message)))

    def named(self, kind: str) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind]
