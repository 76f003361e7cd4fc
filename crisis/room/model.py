"""Dataclasses of a crisis in progress: the crisis, who holds which role, and the pages sent."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class CrisisStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PageLevel(StrEnum):
    """Who a page went to: the role's primary, its backup, or the crisis lead as last resort."""

    PRIMARY = "primary"
    BACKUP = "backup"
    LEAD = "lead"


@dataclass
class RoleAssignment:
    role: str
    user_id: str | None
    backup_id: str | None = None
    acked_by: str | None = None
    acked_at: datetime | None = None
    unanswered: bool = False


@dataclass
class Crisis:
    title: str
    severity: str
    kind: str
    opened_by: str
    opened_at: datetime
    description: str = ""
    link: str = ""
    status: CrisisStatus = CrisisStatus.OPEN
    roles: list[RoleAssignment] = field(default_factory=list)
    channel_id: str | None = None
    channel_name: str | None = None
    card_ts: str | None = None
    announced: bool = False
    set_up_at: datetime | None = None
    set_up_retry_at: datetime | None = None
    """While not set up: when the tick runs the set-up again (the end of the running one's lease, or a back-off
    after a step failed)."""
    opened_request: str | None = None
    """The key of the request that opened it: the same request again (sent twice, or run again after a crash)
    finds it."""
    set_up_runner: str | None = None
    """The replica running the set-up under its lease (Ports.runner): if it falls silent the tick takes over."""
    set_up_attempts: int = 0
    posts_swept_at: datetime | None = None
    """When the room's tick last paused the brand posts scheduled since the open (crisis.schedules.sweep)."""
    closed_at: datetime | None = None
    closed_by: str | None = None
    resolution: str = ""
    term: str | None = None
    """The watched term this crisis is about, when it was opened from a spike warning."""
    reputation: int | None = None
    impact_started_at: datetime | None = None
    """When the impact really started (e.g. the offending post), set with `/crisis started`; metrics use it."""
    next_update_due_at: datetime | None = None
    """When the comms lead is reminded to post an update (the severity's cadence), unless one is posted."""
    private: bool = False
    """Its channel is private and the announce channel learns no details (the plan's private_rooms, at open)."""
    drill: bool = False
    """A practice crisis (`/crisis drill`): its channel, card and notices say DRILL."""
    card_claims: int = 0
    """Changes the card must show, counted: each change of what the card shows adds one in its transaction."""
    card_claims_shown: int = 0
    """The count of changes the card showed last (or whose showing was given up): below card_claims, it is stale."""
    card_due_at: datetime | None = None
    """When the tick shows a stale card: the end of its sender's lease, or of a failure's back-off."""
    card_attempts: int = 0
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status is CrisisStatus.OPEN

    def role(self, name: str) -> RoleAssignment | None:
        return next((r for r in self.roles if r.role == name), None)

    def holders(self) -> set[str]:
        return {r.user_id for r in self.roles if r.user_id}


@dataclass
class Page:
    crisis_id: int
    role: str
    user_id: str
    level: PageLevel
    created_at: datetime
    escalate_at: datetime
    deliver_at: datetime
    delivered_at: datetime | None = None
    dm_channel: str | None = None
    dm_ts: str | None = None
    channel_ts: str | None = None
    attempts: int = 0
    last_error: str = ""
    acked_at: datetime | None = None
    acked_by: str | None = None
    escalated_at: datetime | None = None
    cancelled_at: datetime | None = None
    failed_at: datetime | None = None
    """When delivery was given up: the chat refused the page itself, time after time (it still escalates)."""
    runner: str | None = None
    """The replica delivering it under its lease (Ports.runner): if it falls silent the tick takes over."""
    ack_due_at: datetime | None = None
    """Its role was acknowledged and the page must say so: when the tick (re)marks it (a lease, or a back-off)."""
    ack_attempts: int = 0
    ack_shown_at: datetime | None = None
    notice_due_at: datetime | None = None
    """It escalated and the channel must hear of it: when the tick (re)posts the notice."""
    notice_attempts: int = 0
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.acked_at is None and self.escalated_at is None and self.cancelled_at is None


@dataclass(frozen=True)
class OpenCrisisForm:
    """What the opener submitted in the open-crisis modal, before validation."""

    title: str
    severity: str
    kind: str
    description: str = ""
    link: str = ""


@dataclass(frozen=True)
class ChannelRef:
    id: str
    name: str


@dataclass(frozen=True)
class PageDelivery:
    dm_channel: str | None
    dm_ts: str | None
    channel_ts: str | None
    dm_refused: str | None = None
    """Why the direct message was refused for good (the person cannot be reached directly), when it was."""


@dataclass(frozen=True)
class InviteFailure:
    user_id: str
    reason: str


@dataclass(frozen=True)
class CardFacts:
    """Counts the crisis card shows beside the crisis itself."""

    statements_published: int = 0
    statements_waiting: int = 0
    paused_posts: int = 0
    open_inquiries: int = 0
    posts_not_removed: int = 0
    """Scheduled posts recorded but not yet off their schedule (crisis.schedules retries them)."""
    removal_failure: str = ""
    """The account and the provider's reason of the first of them, e.g. "Hootsuite: ... answered 503"."""
