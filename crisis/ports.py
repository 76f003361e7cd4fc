"""The ports the use cases need: clock, chat, repositories and the unit of work that commits them."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Mapping, Protocol, Sequence

from crisis.debrief_model import Debrief, DebriefResponse, FollowUp
from crisis.events import TimelineEvent
from crisis.i18n import Msg
from crisis.model import CardFacts, ChannelRef, Crisis, InviteFailure, Page, PageDelivery
from crisis.monitor.buckets import Bucket
from crisis.monitor.mentions import Mention
from crisis.monitor.pulse import TermPicture
from crisis.statement_model import PausedPost, PressInquiry, Statement
from crisis.monitor.watch import MentionLabel, SourceState, SpikeAlert, TermWatch
from crisis.plan import CrisisPlan

if TYPE_CHECKING:
    from crisis.monitoring import SpikeWarning


class Clock(Protocol):
    def now(self) -> datetime: ...


class ChannelNameTaken(Exception):
    """Chat could not create the channel because the name exists."""


class ChatFailure(Exception):
    """Chat could not do what was asked (after its own retries); `reason` is the platform's word."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ScheduledPost:
    """A brand post waiting in Slack's schedule (chat.scheduledMessages.list)."""

    id: str
    channel_id: str
    text: str
    post_at: datetime


class PublishFailed(Exception):
    """A publisher could not publish the statement; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Publisher(Protocol):
    def publish(self, statement: Statement, text: str) -> str:
        """Publish the text; return a reference people can follow (a URL or message ts)."""


class Chat(Protocol):
    """What the crisis room needs from a chat platform; texts come from the message catalog."""

    def resolve_user(self, ref: str) -> str | None: ...
    def resolve_channel(self, ref: str) -> str | None: ...
    def create_channel(self, name: str) -> ChannelRef: ...
    def set_topic(self, channel_id: str, topic: Msg) -> None: ...
    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]: ...
    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> str: ...
    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> None: ...
    def pin(self, channel_id: str, ts: str) -> None: ...
    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery: ...
    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None: ...
    def post(self, channel_id: str, message: Msg) -> None: ...
    def post_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> str: ...
    def update_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> None: ...
    def post_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> str: ...
    def update_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> None: ...
    def list_scheduled(self, channel_id: str) -> list[ScheduledPost]: ...
    def delete_scheduled(self, channel_id: str, scheduled_id: str) -> None: ...
    def schedule(self, channel_id: str, text: str, post_at: datetime) -> str: ...
    def offer_paused_posts(self, user_id: str, crisis: Crisis, posts: Sequence[PausedPost]) -> None: ...
    def channel_members(self, channel_id: str) -> list[str]:
        """People in the channel (bots left out)."""

    def invite_to_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None: ...
    def remind_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None: ...
    def upload_report(self, crisis: Crisis, markdown: str, html: str, chart: bytes | None) -> str:
        """Upload the report files to the crisis channel; return the HTML file's id."""

    def archive(self, channel_id: str) -> None: ...
    def names(self, ids: Sequence[str]) -> dict[str, str]:
        """Display names of people (U...) and channels (C...) by id; ids Slack does not know are left out."""
    def post_spike_warning(self, channel_id: str, warning: "SpikeWarning") -> str:
        """Post the warning (numbers, examples, buttons) and its chart; return the message ts."""

    def update_spike_warning(self, channel_id: str, ts: str, warning: "SpikeWarning") -> None: ...
    def post_monitor_update(self, channel_id: str, picture: TermPicture) -> None: ...
    def send_pulse(self, user_id: str, picture: TermPicture) -> None: ...


class CrisisRepository(Protocol):
    def add(self, crisis: Crisis) -> Crisis: ...
    def get(self, crisis_id: int) -> Crisis | None: ...
    def by_channel(self, channel_id: str) -> Crisis | None: ...
    def by_channel_name(self, name: str) -> Crisis | None: ...
    def save(self, crisis: Crisis) -> None: ...
    def lock(self, crisis_id: int) -> Crisis | None:
        """Read the crisis and hold a row lock on it until commit: every change of a crisis,
        its roles and its pages takes this lock first, so replicas and double clicks serialise."""
    def unfinished_setups(self, before: datetime) -> list[Crisis]: ...
    def open_for_term(self, term: str) -> Crisis | None:
        """The most recently opened open crisis about this watched term."""

    def open_with_term(self) -> list[Crisis]: ...
    def updates_due(self, now: datetime) -> list[int]:
        """Open crises whose next_update_due_at has passed."""


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


class MentionStore(Protocol):
    """Raw mentions (deduplicated by source + source_id) and their per-bucket aggregates."""

    def add(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Store the mentions not stored before; return those (the others were already there)."""

    def refresh_buckets(self, keys: set[tuple[str, str, datetime]], bucket_minutes: int) -> None:
        """Recompute the aggregates of these (term, feed, bucket start) from the raw mentions."""

    def buckets(self, term: str, start: datetime, end: datetime) -> list[Bucket]:
        """The term's buckets in [start, end), summed over feeds, oldest first (empty ones absent)."""

    def first_bucket(self, term: str) -> datetime | None: ...

    def texts(self, term: str, start: datetime, end: datetime, limit: int) -> list[str]: ...

    def examples(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        """Mentions to show people: negative ones first, then the rest, newest first."""

    def get(self, source: str, source_id: str) -> Mention | None: ...

    def prune(self, before: datetime) -> int:
        """Delete raw mentions created before `before`; bucket aggregates stay."""


class SourceStates(Protocol):
    def lock(self, name: str) -> SourceState:
        """The source's state under a row lock, created on first use."""

    def save(self, state: SourceState) -> None: ...
    def all(self) -> list[SourceState]: ...


class TermWatches(Protocol):
    def lock(self, term: str) -> TermWatch:
        """The term's watch under a row lock, created on first use."""

    def save(self, watch: TermWatch) -> None: ...


class SpikeAlerts(Protocol):
    def add(self, alert: SpikeAlert) -> SpikeAlert | None:
        """Store a new alert; None when one with the same term, kind, start and level exists."""

    def get(self, alert_id: int) -> SpikeAlert | None: ...
    def lock(self, alert_id: int) -> SpikeAlert | None: ...
    def save(self, alert: SpikeAlert) -> None: ...
    def unposted(self, limit: int, stale_before: datetime) -> list[int]: ...
    def for_crisis(self, crisis_id: int) -> list[SpikeAlert]: ...


class MentionLabels(Protocol):
    def put(self, label: MentionLabel) -> None:
        """Record (or replace) this person's label for the mention."""

    def export(self) -> list[tuple[Mention, str]]: ...


class StatementRepository(Protocol):
    def add(self, statement: Statement) -> Statement: ...
    def get(self, statement_id: int) -> Statement | None: ...
    def lock(self, statement_id: int) -> Statement | None:
        """Read the statement (versions, approvals) under a row lock until commit: approvals and the
        publish claim take it, so two approvers on two replicas cannot both publish."""

    def save(self, statement: Statement) -> None:
        """Write the statement back, adding its new versions and approvals."""

    def for_crisis(self, crisis_id: int) -> list[Statement]: ...
    def deadlines_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Open statements (pending / changes requested) whose deadline is within `remind_before`
        and not yet reminded, or passed and not yet told."""


class PausedPosts(Protocol):
    def add(self, post: PausedPost) -> PausedPost: ...
    def get(self, post_id: int) -> PausedPost | None: ...
    def lock(self, post_id: int) -> PausedPost | None: ...
    def save(self, post: PausedPost) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[PausedPost]: ...


class PressInquiries(Protocol):
    def add(self, inquiry: PressInquiry) -> PressInquiry: ...
    def get(self, inquiry_id: int) -> PressInquiry | None: ...
    def lock(self, inquiry_id: int) -> PressInquiry | None: ...
    def save(self, inquiry: PressInquiry) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[PressInquiry]: ...
    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Unanswered inquiries whose deadline is within `remind_before` and not yet reminded."""


class Debriefs(Protocol):
    def add(self, debrief: Debrief) -> Debrief | None:
        """Store the crisis's debrief; None when it already has one (a crisis has one debrief)."""

    def for_crisis(self, crisis_id: int) -> Debrief | None: ...
    def lock(self, crisis_id: int) -> Debrief | None: ...
    def save(self, debrief: Debrief) -> None: ...
    def due(self, now: datetime) -> list[int]:
        """Crisis ids of open debriefs whose reminder (remind_at, not reminded) or deadline has come."""

    def put_response(self, response: DebriefResponse) -> DebriefResponse:
        """Store or replace this participant's answers."""

    def responses(self, crisis_id: int) -> list[DebriefResponse]: ...


class FollowUps(Protocol):
    def add(self, follow_up: FollowUp) -> FollowUp: ...
    def get(self, follow_up_id: int) -> FollowUp | None: ...
    def save(self, follow_up: FollowUp) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[FollowUp]: ...
    def replace_for(self, crisis_id: int, created_by: str, follow_ups: Sequence[FollowUp]) -> list[FollowUp]:
        """A participant's follow-ups, replacing what they submitted before (their edits)."""

    def open(self) -> list[FollowUp]:
        """Not done, across crises, soonest due first."""

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]: ...


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
    publishers: Mapping[str, Sequence[tuple[str, Publisher]]] = field(default_factory=dict)
    """Per statement target: (label, publisher) in publishing order."""

