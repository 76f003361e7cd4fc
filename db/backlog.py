"""Due work waiting, per kind: how many rows are due and since when (read-only, for the operations metrics)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, case, func, or_, select

from crisis.monitor.model import AlertStatus
from crisis.room.model import CrisisStatus
from db.debrief.rows import DebriefRow
from db.inbox import TakenRequestRow
from db.monitor.rows import SpikeAlertRow
from db.room.rows import CrisisRow, PageRow


@dataclass(frozen=True)
class Backlog:
    kind: str
    count: int
    oldest: datetime | None
    """When the longest-waiting item of this kind fell due (None when none is due)."""


def due_backlog(engine: Engine, now: datetime) -> list[Backlog]:
    """Per kind of timed work, the rows due at `now` that no tick has done yet. A healthy bot keeps these near
    zero: a tick every few seconds does what is due; a growing count or age means ticks fail or do not run."""
    page_open = (PageRow.acked_at.is_(None), PageRow.escalated_at.is_(None), PageRow.cancelled_at.is_(None))
    d = DebriefRow
    reminder_due = and_(d.remind_at <= now, d.reminded_at.is_(None))
    queries: dict[str, Any] = {
        "page": select(func.count(), func.min(PageRow.deliver_at)).where(
            PageRow.delivered_at.is_(None), *page_open, PageRow.deliver_at <= now),
        "escalation": select(func.count(), func.min(PageRow.escalate_at)).where(
            *page_open, PageRow.escalate_at <= now),
        "card_update": select(func.count(), func.min(CrisisRow.next_update_due_at)).where(
            CrisisRow.status == CrisisStatus.OPEN.value, CrisisRow.next_update_due_at <= now),
        "debrief": select(func.count(), func.min(case((reminder_due, d.remind_at), else_=d.deadline))).where(
            d.closed_at.is_(None), or_(reminder_due, d.deadline <= now)),
        "warning": select(func.count(), func.min(SpikeAlertRow.created_at)).where(
            SpikeAlertRow.status != AlertStatus.SNOOZED.value, SpikeAlertRow.message_ts.is_(None),
            SpikeAlertRow.posted_at.is_(None)),
        "request": select(func.count(), func.min(TakenRequestRow.redo_at)).where(TakenRequestRow.redo_at <= now),
    }
    with engine.connect() as connection:
        return [Backlog(kind, *connection.execute(query).one()) for kind, query in queries.items()]
