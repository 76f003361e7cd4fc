"""What the debrief use cases need: repositories and the chat that asks people (the report renderer they need is
crisis.debrief.report.RenderReport: the report's model uses the statements' rule, which needs crisis.ports)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from crisis.room.model import Crisis


class DebriefChat(Protocol):
    """The questionnaire and the report in chat (views: crisis.debrief.views)."""

    def invite_to_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None: ...
    def remind_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None: ...
    def upload_report(self, crisis: Crisis, markdown: str, html: str, chart: bytes | None) -> str:
        """Upload the report files to the crisis channel; return the HTML file's id."""


class Debriefs(Protocol):
    def add(self, debrief: Debrief) -> Debrief | None:
        """Store the crisis's debrief; None when it already has one (a crisis has one debrief)."""

    def for_crisis(self, crisis_id: int) -> Debrief | None: ...
    def lock(self, crisis_id: int) -> Debrief | None: ...
    def save(self, debrief: Debrief) -> None: ...
    def due(self, now: datetime) -> list[int]:
        """Crisis ids of open debriefs whose reminder (remind_at, not everyone reminded) or deadline has come."""

    def reports_due(self, now: datetime) -> list[int]:
        """Crisis ids of closed debriefs whose report is due to be built and uploaded (again), soonest first."""

    def closes_due(self, now: datetime, silent_since: datetime) -> list[int]:
        """Crisis ids of debriefs whose close still has messages to send (close_due_at has come, or their sender
        has been silent since `silent_since`)."""

    def put_response(self, response: DebriefResponse) -> DebriefResponse:
        """Store or replace this participant's answers."""

    def responses(self, crisis_id: int) -> list[DebriefResponse]: ...


class FollowUps(Protocol):
    def add(self, follow_up: FollowUp) -> FollowUp: ...
    def get(self, follow_up_id: int) -> FollowUp | None: ...
    def save(self, follow_up: FollowUp) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[FollowUp]: ...
    def replace_for(self, crisis_id: int, created_by: str, follow_ups: Sequence[FollowUp]) -> list[FollowUp]:
        """A participant's open follow-ups become `follow_ups` (their edit): those with the id of one of them update
        it in place, those without an id are added, the others are deleted; done ones stay."""

    def open(self) -> list[FollowUp]:
        """Not done, across crises, soonest due first."""

    def lock(self, follow_up_id: int) -> FollowUp | None: ...
    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        """Not done, not reminded, due within `remind_before`, and not waiting for a retry (after `now`)."""
