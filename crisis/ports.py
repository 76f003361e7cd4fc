"""The ports every use case is handed: the whole chat, the unit of work over every repository, and `Ports`."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from crisis.clock import Clock
from crisis.debrief.ports import DebriefChat, Debriefs, FollowUps
from crisis.monitor.ports import (
    MentionLabels,
    MentionStore,
    MonitorChat,
    SourceStates,
    SpikeAlerts,
    TermWatches,
)
from crisis.plan import CrisisPlan
from crisis.room.ports import (
    CrisisRepository,
    PageRepository,
    RequestLog,
    RoomChat,
    Timeline,
)
from crisis.statements.ports import (
    PausedPosts,
    PressInquiries,
    Publisher,
    StatementChat,
    StatementRepository,
)


class Chat(RoomChat, StatementChat, DebriefChat, MonitorChat, Protocol):
    """Everything the crisis needs from a chat platform. What only some platforms can do is an optional
    capability the use cases check for: Topics and Pins (crisis.room.ports), ScheduledMessages
    (crisis.statements.ports)."""


class UnitOfWork(Protocol):
    crises: CrisisRepository
    pages: PageRepository
    timeline: Timeline
    requests: RequestLog
    mentions: MentionStore
    sources: SourceStates
    watches: TermWatches
    alerts: SpikeAlerts
    labels: MentionLabels
    statements: StatementRepository
    paused_posts: PausedPosts
    inquiries: PressInquiries
    debriefs: Debriefs
    follow_ups: FollowUps

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


@dataclass(frozen=True)
class Ports:
    """Everything a use case talks to, built in the composition root (wiring/) and handed to each call."""

    plan: CrisisPlan
    uow: UnitOfWorkFactory
    chat: Chat
    clock: Clock
    publishers: Mapping[str, Sequence[tuple[str, Publisher]]] = field(default_factory=dict)
    """Per statement target: (label, publisher) in publishing order."""
