"""The ports every use case is handed: the whole chat, the unit of work over every repository, the inbox of
requests taken but not yet done, and `Ports`."""
from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from crisis.clock import Clock
from crisis.debrief.ports import DebriefChat, Debriefs, FollowUps
from crisis.home.ports import HomeViewers
from crisis.monitor.ports import (
    MentionLabels,
    MentionStore,
    MonitorChat,
    SourceStates,
    SpikeAlerts,
    TermWatches,
)
from crisis.monitor.recordings import DrillReplays, Recordings
from crisis.plan import CrisisPlan
from crisis.playbooks.ports import Checklists
from crisis.prevention.ports import AccessReviews, AccountRegister, Notices, Offboardings, PreventionChat
from crisis.room.ports import (
    CrisisRepository,
    PageRepository,
    RequestLog,
    RoomChat,
    Timeline,
)
from crisis.schedules.ports import PausedPosts, QueuedPosts, Scheduler
from crisis.statements.ports import (
    PressInquiries,
    Publisher,
    StatementChat,
    StatementRepository,
)
from crisis.takedowns.ports import PostRemover, Takedowns
from crisis.webcare.ports import DoNotEngage, Replier, Replies


class Chat(RoomChat, StatementChat, DebriefChat, MonitorChat, PreventionChat, Protocol):
    """Everything the crisis needs from a chat platform. What only some platforms can do is an optional
    capability the use cases check for: Topics and Pins (crisis.room.ports), ScheduledMessages
    (crisis.statements.ports)."""


@dataclass
class TakenRequest:
    """A request from the chat, recorded before it was answered and removed once its work is done: after a
    crash between the two, any replica runs the work again (`crisis.due.redo_requests`)."""

    key: str
    """The request's own key (the one its use case claims in the RequestLog)."""
    work: str
    """Which piece of work the chat adapter runs for it (the adapter's name for it)."""
    body: str
    """What the request carried, as the adapter serialised it; opaque to the core."""
    received_at: datetime
    redo_at: datetime
    """When it is run again if it is still here."""
    redone: int = 0


class RequestInbox(Protocol):
    """Requests taken and not yet done (see TakenRequest)."""

    def add(self, request: TakenRequest) -> bool:
        """False when a request with the key is there already (the chat delivered it twice)."""
        ...

    def due(self, now: datetime, limit: int) -> list[str]:
        """Keys of requests to run again at `now`, oldest first, skipping those another replica holds."""
        ...

    def lock(self, key: str) -> TakenRequest | None: ...
    def save(self, request: TakenRequest) -> None: ...

    def remove(self, key: str) -> None:
        """Done (a missing key is fine: another replica finished it)."""
        ...


class Intake(Protocol):
    """Where requests are taken when many arrive at once (a database adapter may batch them)."""

    def take(self, request: TakenRequest) -> None:
        """Record the request durably (kept once per key); returns once it is committed, raises if it is not."""
        ...


class Runners(Protocol):
    """The replicas' heartbeats: work held under a lease names its runner (Ports.runner), and a runner silent for
    RUNNER_SILENT_AFTER (crisis.due) is taken for dead, its work taken over before the lease ends."""

    def beat(self, runner: str, now: datetime) -> None: ...

    def silent(self, runner: str | None, since: datetime) -> bool:
        """Whether `runner` is known and has not beaten since `since` (None, or a runner never heard of: False)."""
        ...

    def forget(self, before: datetime) -> int:
        """Drop the runners silent since `before`; how many."""
        ...


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
    queued_posts: QueuedPosts
    inquiries: PressInquiries
    debriefs: Debriefs
    follow_ups: FollowUps
    inbox: RequestInbox
    accounts: AccountRegister
    notices: Notices
    offboardings: Offboardings
    reviews: AccessReviews
    runners: Runners
    checklists: Checklists
    homes: HomeViewers
    takedowns: Takedowns
    replays: DrillReplays
    replies: Replies
    unengaged: DoNotEngage

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
    removers: Mapping[str, tuple[str, PostRemover]] = field(default_factory=dict)
    """Per statement target whose account can take posts down: (the account as people know it, its remover)."""
    repliers: Mapping[str, tuple[str, Replier]] = field(default_factory=dict)
    """Per statement target whose account can reply to posts: (the account as people know it, its replier)."""
    schedulers: Mapping[str, tuple[str, Scheduler]] = field(default_factory=dict)
    """Per account whose scheduled posts are paused at open (statements.scheduled_posts): (label, scheduler)."""
    intake: Intake | None = None
    """Where requests are taken before they are answered; None: each in a unit of work of its own."""
    runner: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    """This process's name among the replicas: the holder of the work it leases (see Runners)."""
    recordings: Recordings | None = None
    """The plan's drill recordings (crisis/monitor/recordings.py); None: no drill replays a recording."""
