"""Copying between the crisis room's dataclasses (crisis with its roles, page, timeline event) and their rows."""
from __future__ import annotations

from crisis.events import EventKind, TimelineEvent
from crisis.room.model import Crisis, CrisisStatus, Page, PageLevel, RoleAssignment
from db.mapping import assign, column_values, read
from db.room.rows import CrisisRow, PageRow, RoleAssignmentRow, TimelineEventRow


def crisis_from_row(row: CrisisRow) -> Crisis:
    return read(row, Crisis, status=CrisisStatus(row.status),
                roles=[read(r, RoleAssignment) for r in row.roles])


def crisis_to_row(crisis: Crisis, row: CrisisRow) -> None:
    """Write the crisis onto `row`; roles are matched by name, so unchanged roles keep their rows."""
    assign(row, column_values(crisis, skip=frozenset({"roles"})))
    existing = {r.role: r for r in row.roles}
    kept = []
    for position, role in enumerate(crisis.roles):
        role_row = existing.get(role.role) or RoleAssignmentRow()
        assign(role_row, column_values(role) | {"position": position})
        kept.append(role_row)
    row.roles = kept


def page_from_row(row: PageRow) -> Page:
    return read(row, Page, level=PageLevel(row.level))


def page_to_row(page: Page, row: PageRow) -> None:
    assign(row, column_values(page))


def event_from_row(row: TimelineEventRow) -> TimelineEvent:
    return read(row, TimelineEvent, kind=EventKind(row.kind), data=dict(row.data))


def event_to_row(crisis_id: int, event: TimelineEvent) -> TimelineEventRow:
    return TimelineEventRow(crisis_id=crisis_id, kind=event.kind.value, at=event.at, actor=event.actor,
                            data=dict(event.data))
