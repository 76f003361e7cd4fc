"""What the statement use cases need: repositories, publishers and the chat that asks for approval."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.model import PausedPost, PressInquiry, Statement


@dataclass(frozen=True)
class ScheduledPost:
    """A brand post waiting in the chat platform's schedule of a channel."""

    id: str
    channel_id: str
    text: str
    post_at: datetime


class Publisher(Protocol):
    def publish(self, statement: Statement, text: str) -> str:
        """Publish the text; return a reference people can follow (a URL or a message reference)."""


@runtime_checkable
class InsideWorkspace(Protocol):
    """A publisher that posts only inside the team's own chat workspace (a channel): a drill shows its statement in
    the drill's room instead, where an outside one is only skipped (crisis.statements.rehearsal)."""

    inside_workspace: bool


@runtime_checkable
class Amending(Protocol):
    """A publisher that corrects and retracts its own posts (crisis.statements.amendments); `ref` is what its
    `publish` returned for the original, `statement` the correction or retraction (its id keys the post)."""

    def correct(self, statement: Statement, ref: str, text: str) -> str:
        """Edit the post where the platform allows it, else reply to it; return the reference of what people see."""

    def retract(self, statement: Statement, ref: str, text: str) -> str:
        """Delete the post where the platform allows it (gone already counts as done), else reply with `text`."""


class StatementChat(Protocol):
    """Statements, the press desk and paused brand posts in chat (views: crisis.statements.views)."""

    def post_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> str:
        """Ask for approval in the crisis channel: the statement card with its buttons; return the message's reference."""

    def update_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> None: ...
    def post_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> str: ...
    def update_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> None: ...
    def offer_paused_posts(self, user_id: str, crisis: Crisis, posts: Sequence[PausedPost]) -> None: ...


@runtime_checkable
class ScheduledMessages(Protocol):
    """Optional: brand posts the chat platform holds for later. Without it there is nothing to pause in chat."""

    def list_scheduled(self, channel_id: str) -> list[ScheduledPost]: ...
    def delete_scheduled(self, channel_id: str, scheduled_id: str) -> None: ...
    def schedule(self, channel_id: str, text: str, post_at: datetime) -> str: ...


class StatementRepository(Protocol):
    def add(self, statement: Statement) -> Statement: ...
    def get(self, statement_id: int) -> Statement | None: ...
    def lock(self, statement_id: int) -> Statement | None:
        """Read the statement (versions, approvals) under a row lock until commit: approvals and the
        publish claim take it, so two approvers on two replicas cannot both publish."""

    def save(self, statement: Statement) -> None:
        """Write the statement back, adding its new versions and approvals."""

    def for_crisis(self, crisis_id: int) -> list[Statement]: ...
    def publishes_due(self, now: datetime) -> list[int]:
        """Approved statements whose publish_due_at has come (an interrupted or failed publish), soonest first."""

    def deadlines_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Open statements (pending / changes requested) whose deadline is within `remind_before`
        and not yet reminded, or passed and not yet told."""

    def deliveries_due(self, now: datetime) -> list[int]:
        """Statements whose card (card_due_at) or notice (notice_due_at) is due to be sent (again)."""


class PressInquiries(Protocol):
    def add(self, inquiry: PressInquiry) -> PressInquiry: ...
    def get(self, inquiry_id: int) -> PressInquiry | None: ...
    def lock(self, inquiry_id: int) -> PressInquiry | None: ...
    def save(self, inquiry: PressInquiry) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[PressInquiry]: ...
    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Unanswered inquiries whose deadline is within `remind_before` and not yet reminded."""
