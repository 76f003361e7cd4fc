"""Dataclasses of public statements (drafts, versions, approvals), paused brand posts and press inquiries."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class StatementState(StrEnum):
    PENDING = "pending"  # waiting for approvals
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"  # the rule is met; publishing claimed or failed (see publish_*)
    PUBLISHED = "published"
    REJECTED = "rejected"


class Amendment(StrEnum):
    """What a statement does to an earlier, published one (crisis.statements.amendments)."""

    CORRECTION = "correction"  # an edit of the post where the platform allows it, else a reply to it
    RETRACTION = "retraction"  # the post deleted where the platform allows it, else a retraction notice


class Decision(StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"


@dataclass(frozen=True)
class StatementVersion:
    number: int
    text: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class Approval:
    """One person's decision on one version, in the role that let them decide."""

    version: int
    role: str
    user: str
    decision: Decision
    at: datetime
    note: str = ""


@dataclass
class Statement:
    crisis_id: int
    target: str
    author: str
    created_at: datetime
    versions: list[StatementVersion] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    state: StatementState = StatementState.PENDING
    template: str | None = None
    deadline: datetime | None = None
    deadline_reminded_at: datetime | None = None
    deadline_passed_told: bool = False
    channel_id: str | None = None
    message_ts: str | None = None
    publishing_since: datetime | None = None
    """Set while one process publishes; another seeing it does not publish again."""
    published_at: datetime | None = None
    published_ref: str = ""
    publish_attempts: int = 0
    publish_error: str = ""
    publish_due_at: datetime | None = None
    """When the tick (re)tries publishing an approved statement: the end of a claim's lease (its publisher may
    have died), or the end of a back-off after a failure; None when published or given up."""
    card_changes: int = 0
    """Changes the card in the chat does not show yet (the draft itself is the first): crisis.statements.delivery."""
    card_due_at: datetime | None = None
    """When the card is (again) to be posted or edited: at a change, the end of a sender's lease, or the end of a
    back-off; None when the card shows everything or its edit was given up."""
    card_attempts: int = 0
    notice: str = ""
    """The catalog key of the notice of a publish's outcome still to be posted in the crisis channel ("" none)."""
    notice_due_at: datetime | None = None
    notice_attempts: int = 0
    amends: int | None = None
    """The published statement this one corrects or retracts (None for a statement of its own)."""
    amendment: Amendment | None = None
    retracted_by: int | None = None
    """The published retraction of this statement, if any."""
    id: int | None = None

    @property
    def current(self) -> StatementVersion:
        return self.versions[-1]


@dataclass
class PausedPost:
    """A scheduled brand post taken off the schedule when the crisis opened; kept until resumed or discarded."""

    crisis_id: int
    channel_id: str
    text: str
    post_at: datetime
    scheduled_id: str
    author: str = ""
    blocks_json: str = ""
    paused_at: datetime | None = None
    deleted: bool = False
    """The chat platform confirmed the deletion (the row is written before deleting, so nothing is lost)."""
    outcome: str = ""  # "" (still paused), "resumed", "discarded"
    resumed_at: datetime | None = None
    new_post_at: datetime | None = None
    decided_by: str | None = None
    # where the post was scheduled (crisis.schedules): "" a chat channel (Slack), else the plan's scheduler key
    source: str = ""
    account: str = ""
    """The account as people know it (e.g. "Mastodon social.example"); the channel for a chat channel."""
    media_json: str = ""
    options_json: str = ""
    """The provider's settings to restore it with (crisis.schedules.model.PlannedPost.options_json)."""
    remove_due_at: datetime | None = None
    """When a failed removal at the provider is tried again (None: removed, or left to people)."""
    remove_attempts: int = 0
    remove_failure: str = ""
    """Why the last removal failed, in the provider's words (shown on the card); "" once removed."""
    restore_attempts: int = 0
    deciding: str = ""
    """The outcome a claimed decision is making ("resumed", "discarded"; "" when none is claimed): the provider is
    called under this claim, and other decisions are refused while it lives (crisis.schedules.rules)."""
    deciding_since: datetime | None = None
    deciding_runner: str | None = None
    """The replica holding the claim (Ports.runner): if it falls silent, the claim is taken over before its lease
    ends."""
    deciding_by: str | None = None
    restored_id: str = ""
    """The post's id at its provider once resumed there (made, or found from an earlier try)."""
    id: int | None = None

    @property
    def media(self) -> tuple[str, ...]:
        """The post's media as its scheduler showed them (links, or the provider's media ids)."""
        try:
            found = json.loads(self.media_json) if self.media_json else []
        except ValueError:
            return ()
        return tuple(str(m) for m in found) if isinstance(found, list) else ()


@dataclass
class PressInquiry:
    crisis_id: int
    outlet: str
    contact: str
    question: str
    deadline: datetime
    logged_by: str
    logged_at: datetime
    assignee: str | None = None
    reminded_at: datetime | None = None
    answered_at: datetime | None = None
    statement_id: int | None = None
    channel_ts: str | None = None
    id: int | None = None
