"""The monitor's state between ticks: each source's polling state, each watched term's detector
state, and the spike alerts raised (posted once, then answered: open crisis, false alarm, snooze)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from crisis.monitor.drivers import Drivers
from crisis.monitor.mentions import Mention
from crisis.monitor.pulse import TermPicture
from crisis.room.model import Crisis


@dataclass
class SourceState:
    name: str
    cursor: str | None = None
    next_poll_at: datetime | None = None
    last_polled_at: datetime | None = None
    failures: int = 0
    last_error: str = ""
    down_since: datetime | None = None
    reported_down: bool = False
    exhausted: bool = False


@dataclass
class TermWatch:
    """Per watched term: the spike detector's serialised state and what the team asked of it."""

    term: str
    detector: dict[str, Any] = field(default_factory=dict)
    last_bucket: datetime | None = None
    snoozed_until: datetime | None = None
    snoozed_by: str | None = None
    last_crisis_update_at: datetime | None = None


class AlertStatus(StrEnum):
    NEW = "new"
    CRISIS = "crisis"
    FALSE_ALARM = "false_alarm"
    SNOOZED = "snoozed"


@dataclass
class SpikeAlert:
    """A spike warning (or an update when it grew) about one term; unique per term, kind, start, level."""

    term: str
    kind: str
    level: int
    started_at: datetime
    bucket_start: datetime
    observed: float
    baseline: float
    band_low: float
    band_high: float
    ratio: float
    """The detector's own: the bucket's count against its usual count, its count prior added to both (times_usual
    is what people see)."""
    is_update: bool
    spam: bool
    created_at: datetime
    mentions: int = 0
    negative_share: float | None = None
    reputation: int | None = None
    status: AlertStatus = AlertStatus.NEW
    channel_id: str | None = None
    message_ts: str | None = None
    posted_at: datetime | None = None
    """When it was last claimed for posting (the claim lasts a lease); None when not claimed."""
    post_attempts: int = 0
    retry_at: datetime | None = None
    """After a failed post: not posted again before this."""
    failed_at: datetime | None = None
    """When posting was given up: the chat refused the warning itself, time after time (reported once)."""
    crisis_id: int | None = None
    answered_by: str | None = None
    feedback: str = ""
    id: int | None = None

    @property
    def times_usual(self) -> float:
        """What a warning shows as "N x normal": a volume warning's count against the usual count shown beside it
        (that at least one mention, so a nearly silent term does not read as thousands of times its normal); a
        negative-share warning's share against the usual share."""
        if self.kind != "volume":
            return self.ratio
        return self.observed / max(self.baseline, 1.0)


@dataclass(frozen=True)
class MentionLabel:
    """A person's sentiment label for a mention shown in a warning: training data for the team's scorer."""

    source: str
    source_id: str
    label: str
    labelled_by: str
    labelled_at: datetime


@dataclass(frozen=True)
class SpikeWarning:
    """An alert with what people need to decide: the term's picture, example mentions, its crisis, and what
    drives the spike."""

    alert: SpikeAlert
    picture: TermPicture
    examples: tuple[Mention, ...]
    crisis: Crisis | None = None
    snoozed_until: datetime | None = None
    drivers: Drivers | None = None
    replyable: frozenset[str] = frozenset()
    """The links of the examples offered a Reply (crisis.webcare.services.offered): never a do-not-engage author's."""
