"""The ports the use cases need: clock, chat, repositories and the unit of work that commits them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Sequence

from crisis.events import TimelineEvent
from crisis.i18n import Msg
from crisis.model import ChannelRef, Crisis, InviteFailure, Page, PageDelivery
from crisis.plan import CrisisPlan


class Clock(Protocol):
    def now(self) -> datetime: ...


class ChannelNameTaken(Exception):
    """Chat could not create the channel because the name exists."""


class ChatFailure(Exception):
    """Chat could not do what was asked (after its own retries); `reason` is the platform's word."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Chat(Protocol):
    """What the crisis room needs from a chat platform; texts come from the message catalog."""

    def resolve_user(self, ref: str) -> str | None: ...
    def resolve_channel(self, ref: str) -> str | None: ...
    def create_channel(self, name: str) -> ChannelRef: ...
    def set_topic(self, channel_id: str, topic: Msg) -> None: ...
    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]: ...
    def post_card(self, crisis: Crisis, plan: CrisisPlan) -> str: ...
    def update_card(self, crisis: Crisis, plan: CrisisPlan) -> None: ...
    def pin(self, channel_id: str, ts: str) -> None: ...
    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery: ...
    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None: ...
    def post(self, channel_id: str, message: Msg) -> None: ...


class CrisisRepository(Protocol):
    def add(self, crisis: Crisis) -> Crisis: ...
    def get(self, crisis_id: int) -> Crisis | None: ...
    def by_channel(self, channel_id: str) -> Crisis | None: ...
    def save(self, crisis: Crisis) -> None: ...
    def lock(self, crisis_id: int) -> Crisis | None:
        """Read the crisis and hold a row lock on it until commit: every change of a crisis,
        its roles and its pages takes this lock first, so replicas and double clicks serialise."""
    def unfinished_setups(self, before: datetime) -> list[Crisis]: ...


class PageRepository(Protocol):
    def add(self, page: Page) -> Page: ...
    def get(self, page_id: int) -> Page | None: ...
    def for_crisis(self, crisis_id: int) -> list[Page]: ...
    def save(self, page: Page) -> None: ...
    def due_escalations(self, now: datetime, limit: int) -> list[int]: ...
    def due_deliveries(self, now: datetime, limit: int) -> list[int]: ...


class Timeline(Protocol):
    def append(self, crisis_id: int, event: TimelineEvent) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[TimelineEvent]: ...


class RequestLog(Protocol):
    """Slack retries and double clicks: a request key is claimed once; a second claim is False."""

    def claim(self, key: str, at: datetime) -> bool: ...


class UnitOfWork(Protocol):
    crises: CrisisRepository
    pages: PageRepository
    timeline: Timeline
    requests: RequestLog

    def __enter__(self) -> "UnitOfWork": ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


@dataclass(frozen=True)
class Ports:
    """Everything a use case talks to, wired once in bot.py and handed to each call."""

    plan: CrisisPlan
    uow: UnitOfWorkFactory
    chat: Chat
    clock: Clock

