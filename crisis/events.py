"""Timeline events: one frozen record per thing that happened in a crisis, with who and when."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping


class EventKind(StrEnum):
    OPENED = "opened"
    CHANNEL_CREATED = "channel_created"
    PAGED = "paged"
    PAGE_FAILED = "page_failed"
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    UNANSWERED = "unanswered"
    INVITE_FAILED = "invite_failed"
    NOTE = "note"
    SEVERITY_CHANGED = "severity_changed"
    ROLE_ASSIGNED = "role_assigned"
    CLOSED = "closed"
    STATEMENT_DRAFTED = "statement_drafted"
    STATEMENT_EDITED = "statement_edited"
    STATEMENT_APPROVED = "statement_approved"
    STATEMENT_CHANGES_REQUESTED = "statement_changes_requested"
    STATEMENT_REJECTED = "statement_rejected"
    STATEMENT_PUBLISHED = "statement_published"
    STATEMENT_PUBLISH_FAILED = "statement_publish_failed"
    CORRECTION_DRAFTED = "correction_drafted"
    RETRACTION_DRAFTED = "retraction_drafted"
    STATEMENT_CORRECTED = "statement_corrected"
    STATEMENT_RETRACTED = "statement_retracted"
    CORRECTION_WITHDRAWN = "correction_withdrawn"  # its original retracted before it went out
    POSTS_PAUSED = "posts_paused"
    POST_RESUMED = "post_resumed"
    POST_DISCARDED = "post_discarded"
    SCHEDULE_UNREAD = "schedule_unread"
    UPDATE_POSTED = "update_posted"
    PRESS_LOGGED = "press_logged"
    PRESS_ANSWERED = "press_answered"
    PRESS_REOPENED = "press_reopened"  # its statement withdrawn or no longer approved before it went out
    IMPACT_STARTED = "impact_started"
    DEBRIEF_ANSWERED = "debrief_answered"
    FOLLOW_UP_DONE = "follow_up_done"
    PLAYBOOK_STEP_DONE = "playbook_step_done"
    PLAYBOOK_STEP_UNDONE = "playbook_step_undone"
    TAKEDOWN_REQUESTED = "takedown_requested"
    TAKEDOWN_APPROVED = "takedown_approved"
    TAKEDOWN_REJECTED = "takedown_rejected"
    TAKEN_DOWN = "taken_down"
    TAKEDOWN_GONE = "takedown_gone"
    TAKEDOWN_FAILED = "takedown_failed"
    TAKEDOWN_SKIPPED = "takedown_skipped"  # a drill's, approved: the post left alone
    # webcare (crisis/webcare)
    REPLY_REQUESTED = "reply_requested"
    REPLY_APPROVED = "reply_approved"
    REPLY_REJECTED = "reply_rejected"
    REPLY_SENT = "reply_sent"
    REPLY_FAILED = "reply_failed"
    REPLY_SKIPPED = "reply_skipped"  # a drill's, approved: nothing sent
    DO_NOT_ENGAGE = "do_not_engage"
    ENGAGE_AGAIN = "engage_again"


@dataclass(frozen=True)
class TimelineEvent:
    kind: EventKind
    at: datetime
    actor: str | None
    data: Mapping[str, Any] = field(default_factory=dict)
    crisis_id: int | None = None
    id: int | None = None
