"""What the monitor's use cases need: mention, watch and alert repositories, and the chat for warnings."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from crisis.monitor.buckets import Bucket
from crisis.monitor.mentions import Mention
from crisis.monitor.model import (
    MentionLabel,
    SourceState,
    SpikeAlert,
    SpikeWarning,
    TermWatch,
)
from crisis.monitor.pulse import TermPicture


class MonitorChat(Protocol):
    """Spike warnings, crisis-room numbers and the pulse in chat (views: crisis.monitor.views)."""

    def post_spike_warning(self, channel_id: str, warning: SpikeWarning) -> str:
        """Post the warning (numbers, examples, answers) and its chart; return the message's reference."""

    def update_spike_warning(self, channel_id: str, ref: str, warning: SpikeWarning) -> None: ...
    def post_monitor_update(self, channel_id: str, picture: TermPicture) -> None: ...
    def send_pulse(self, user_id: str, picture: TermPicture) -> None: ...


class MentionStore(Protocol):
    """Raw mentions (deduplicated by source + source_id) and their per-bucket aggregates."""

    def add(self, mentions: Sequence[Mention]) -> list[Mention]:
        """Store the mentions not stored before; return those (the others were already there)."""

    def add_to_buckets(self, tallies: Sequence[Bucket], bucket_minutes: int) -> None:
        """Add these counts and sums (buckets.tally of the mentions add() stored) to the stored (term, feed =
        Bucket.source, start) buckets, creating missing ones, and mark their distinct authors to count again.
        Locks those buckets until commit: the last step of a transaction."""

    def count_authors(self, before: datetime, limit: int) -> int:
        """Count from the raw mentions the distinct authors of up to `limit` marked buckets that start before
        `before` (closed ones: the open bucket is marked again by every push); return how many."""

    def buckets(self, term: str, start: datetime, end: datetime) -> list[Bucket]:
        """The term's buckets in [start, end), summed over feeds, oldest first (empty ones absent); distinct
        authors of a marked bucket are counted for this read."""

    def first_bucket(self, term: str) -> datetime | None: ...

    def texts(self, term: str, start: datetime, end: datetime, limit: int) -> list[str]: ...

    def recent(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        """The term's mentions created in [start, end), newest first, at most `limit`."""

    def examples(self, term: str, start: datetime, end: datetime, limit: int) -> list[Mention]:
        """Mentions to show people: negative ones first, then the rest, newest first."""

    def get(self, source: str, source_id: str) -> Mention | None: ...

    def prune(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` raw mentions created before `before`, oldest first; return how many. Bucket
        aggregates stay."""


class SourceStates(Protocol):
    def lock(self, name: str) -> SourceState:
        """The source's state under a row lock, created on first use."""

    def save(self, state: SourceState) -> None: ...
    def all(self) -> list[SourceState]: ...


class TermWatches(Protocol):
    def lock(self, term: str) -> TermWatch:
        """The term's watch under a row lock, created on first use."""

    def save(self, watch: TermWatch) -> None: ...

    def read_until(self, term: str) -> datetime | None:
        """The start of the last bucket the term's detector read; None before its first run (no lock taken)."""


class SpikeAlerts(Protocol):
    def add(self, alert: SpikeAlert) -> SpikeAlert | None:
        """Store a new alert; None when one with the same term, kind, start and level exists."""

    def get(self, alert_id: int) -> SpikeAlert | None: ...
    def lock(self, alert_id: int) -> SpikeAlert | None: ...
    def save(self, alert: SpikeAlert) -> None: ...
    def unposted(self, limit: int, *, now: datetime, stale_before: datetime) -> list[int]:
        """Alerts to post, oldest first: not snoozed, without a message, not given up, not waiting for a retry
        (retry_at after `now`), and never claimed or claimed before `stale_before` (the poster died)."""
    def for_crisis(self, crisis_id: int) -> list[SpikeAlert]: ...

    def recent(self, since: datetime, limit: int) -> list[SpikeAlert]:
        """Alerts created since `since`, newest first, at most `limit`."""


class MentionLabels(Protocol):
    def put(self, label: MentionLabel) -> None:
        """Record (or replace) this person's label for the mention."""

    def export(self) -> list[tuple[Mention, str]]: ...
