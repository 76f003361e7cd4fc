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


@dataclass(frozen=True)
class TimelineEvent:
    kind: EventKind
    at: datetime
    actor: str | None
    data: Mapping[str, Any] = field(default_factory=dict)
    crisis_id: int | None = None
    id: int | None = None
