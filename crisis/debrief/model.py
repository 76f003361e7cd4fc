"""Dataclasses of the debrief: the questionnaire, answers, follow-up actions and the debrief's state."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Union

from crisis.i18n import Msg, msg


class QuestionKind(StrEnum):
    TEXT = "text"
    SCALE = "scale"  # 1..5
    FOLLOW_UPS = "follow_ups"  # text + owner + due date, several


@dataclass(frozen=True)
class Question:
    """A debrief question: `text` in the plan's own words, or empty for a default one, worded by the catalog."""

    key: str
    text: str
    kind: QuestionKind = QuestionKind.TEXT
    required: bool = False

    @property
    def caption(self) -> Msg:
        """What people read: the plan's words as they are, else the catalog's `debrief.default.<key>`."""
        return msg("debrief.question", text=self.text) if self.text else msg(f"debrief.default.{self.key}")


DEFAULT_QUESTIONS: tuple[Question, ...] = (  # worded in the catalog: debrief.default.<key>
    Question("went_well", ""),
    Question("went_badly", ""),
    Question("root_cause", ""),
    Question("response_speed", "", QuestionKind.SCALE),
    Question("roles_clear", "", QuestionKind.SCALE),
    Question("lesson", ""),
    Question("follow_ups", "", QuestionKind.FOLLOW_UPS),
)

Answer = Union[str, int]


@dataclass
class FollowUp:
    crisis_id: int
    text: str
    owner: str | None
    due: datetime | None
    created_by: str
    created_at: datetime
    done_at: datetime | None = None
    reminded_at: datetime | None = None
    """When its owner was reminded (or the reminder was given up)."""
    done_by: str | None = None
    remind_attempts: int = 0
    remind_retry_at: datetime | None = None
    """While a reminder is being sent (its lease) or after one failed (its back-off): not tried before this."""
    id: int | None = None


@dataclass(frozen=True)
class FollowUpEntry:
    """One follow-up row of a submitted questionnaire; `id` is the follow-up the row showed, if it showed one."""

    text: str
    owner: str | None
    due: datetime | None
    id: int | None = None


@dataclass
class DebriefResponse:
    """One participant's answers (editable until the deadline); follow-ups are stored as FollowUp rows."""

    crisis_id: int
    user: str
    answers: dict[str, Answer]
    submitted_at: datetime
    updated_at: datetime
    id: int | None = None


@dataclass
class Debrief:
    crisis_id: int
    participants: list[str]
    invited_at: datetime
    deadline: datetime
    remind_at: datetime | None
    """When the reminder of those who have not answered is (again) due: remind_after past the close, pushed back by
    a sender's lease or a failure's back-off (crisis.debrief.reminders)."""
    reminded_at: datetime | None = None
    """When everyone due a reminder had it (or it was given up); None while some are still to be reminded."""
    closed_at: datetime | None = None
    invite_failures: dict[str, str] = field(default_factory=dict)
    """Participants the questionnaire could not reach (user -> the chat platform's reason)."""
    report_markdown: str = ""
    report_html: str = ""
    report_file_id: str | None = None
    report_due_at: datetime | None = None
    """When the report is (again) to be built and uploaded: set at close, pushed back by a claim's lease or a
    failure's back-off; None once uploaded or given up."""
    report_attempts: int = 0
    report_error: str = ""
    told: list[str] = field(default_factory=list)
    """What the close has said so far, sorted (crisis.debrief.closing's items): sent, or given up (a person
    never reached is in invite_failures); the rest is due."""
    close_due_at: datetime | None = None
    """When the close's messages not told yet are (again) to be sent: at close, the end of a sender's lease,
    or the end of a back-off; None once all are told."""
    close_runner: str | None = None
    """The replica sending them under its lease (Ports.runner): if it falls silent the tick takes over."""
    close_attempts: int = 0
    reminded: list[str] = field(default_factory=list)
    """Participants the reminder was sent to, or given up for, sorted: each is reminded once; the others not
    answered yet are tried at remind_at."""
    remind_attempts: int = 0
    id: int | None = None
