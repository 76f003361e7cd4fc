"""Copying between domain dataclasses and ORM rows; a field without a column fails loudly."""
from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import Any, Mapping, TypeVar

from sqlalchemy import inspect

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from crisis.events import EventKind, TimelineEvent
from crisis.room.model import Crisis, CrisisStatus, Page, PageLevel, RoleAssignment
from crisis.monitor.mentions import Mention
from crisis.monitor.model import AlertStatus, MentionLabel, SourceState, SpikeAlert, TermWatch
from crisis.statements.model import (
    Approval,
    Decision,
    PausedPost,
    PressInquiry,
    Statement,
    StatementState,
    StatementVersion,
)
from db.models import (ApprovalRow, Base, CrisisRow, DebriefResponseRow, DebriefRow, FollowUpRow, MentionRow,
                       PageRow, PausedPostRow, PressInquiryRow, RoleAssignmentRow, SourceStateRow, SpikeAlertRow,
                       StatementRow, StatementVersionRow, TermWatchRow, TimelineEventRow)

T = TypeVar("T")


def _values(obj: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The dataclass's fields except its id (enums as their values): what a row stores."""
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj) if f.name != "id" and f.name not in skip}


def _assign(row: Base, data: Mapping[str, Any]) -> None:
    mapped = inspect(type(row)).attrs
    for name, value in data.items():
        if name not in mapped:
            raise AttributeError(f"{type(row).__name__} has no column for {name!r}")
        setattr(row, name, value)


def _read(row: Base, cls: type[T], **overrides: Any) -> T:
    return cls(**{f.name: getattr(row, f.name) for f in fields(cls) if f.name not in overrides}, **overrides)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def crisis_from_row(row: CrisisRow) -> Crisis:
    return _read(row, Crisis, status=CrisisStatus(row.status),
                 roles=[_read(r, RoleAssignment) for r in row.roles])


def crisis_to_row(crisis: Crisis, row: CrisisRow) -> None:
    """Write the crisis onto `row`; roles are matched by name, so unchanged roles keep their rows."""
    _assign(row, _values(crisis, skip=frozenset({"roles"})))
    existing = {r.role: r for r in row.roles}
    kept = []
    for position, role in enumerate(crisis.roles):
        role_row = existing.get(role.role) or RoleAssignmentRow()
        _assign(role_row, _values(role) | {"position": position})
        kept.append(role_row)
    row.roles = kept


def page_from_row(row: PageRow) -> Page:
    return _read(row, Page, level=PageLevel(row.level))


def page_to_row(page: Page, row: PageRow) -> None:
    _assign(row, _values(page))


def event_from_row(row: TimelineEventRow) -> TimelineEvent:
    return _read(row, TimelineEvent, kind=EventKind(row.kind), data=dict(row.data))


def event_to_row(crisis_id: int, event: TimelineEvent) -> TimelineEventRow:
    return TimelineEventRow(crisis_id=crisis_id, kind=event.kind.value, at=event.at, actor=event.actor,
                            data=dict(event.data))


MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def mention_values(mention: Mention) -> dict[str, Any]:
    """A mention as the column values of its row (for bulk inserts, which bypass the ORM)."""
    return {name: getattr(mention, name) for name in MENTION_FIELDS}


def mention_from_row(row: MentionRow) -> Mention:
    return _read(row, Mention)


def source_state_from_row(row: SourceStateRow) -> SourceState:
    return _read(row, SourceState)


def source_state_to_row(state: SourceState, row: SourceStateRow) -> None:
    _assign(row, _values(state))


def term_watch_from_row(row: TermWatchRow) -> TermWatch:
    return _read(row, TermWatch, detector=dict(row.detector))


def term_watch_to_row(watch: TermWatch, row: TermWatchRow) -> None:
    _assign(row, _values(watch, skip=frozenset({"detector"})) | {"detector": dict(watch.detector)})


def spike_alert_from_row(row: SpikeAlertRow) -> SpikeAlert:
    return _read(row, SpikeAlert, status=AlertStatus(row.status))


def spike_alert_values(alert: SpikeAlert) -> dict[str, Any]:
    """The alert's column values, id left out (a new row gets its own)."""
    return _values(alert)


def spike_alert_to_row(alert: SpikeAlert, row: SpikeAlertRow) -> None:
    _assign(row, _values(alert))


def mention_label_values(label: MentionLabel) -> dict[str, Any]:
    return _values(label)


def approval_key(approval: Approval) -> tuple[int, str, str]:
    """What makes an approval unique: (version, user, decision)."""
    return approval.version, approval.user, _plain(approval.decision)


def statement_from_row(row: StatementRow) -> Statement:
    return _read(row, Statement, state=StatementState(row.state),
                 versions=[_read(v, StatementVersion) for v in sorted(row.versions, key=lambda v: v.number)],
                 approvals=[_read(a, Approval, decision=Decision(a.decision)) for a in row.approvals])


def statement_to_row(statement: Statement, row: StatementRow) -> None:
    """Write the statement's own fields onto `row` and append the versions (by number) and approvals
    (by version, user and decision) it does not have yet; stored ones are never changed or removed."""
    _assign(row, _values(statement, skip=frozenset({"versions", "approvals"})))
    numbers = {v.number for v in row.versions}
    for version in statement.versions:
        if version.number not in numbers:
            version_row = StatementVersionRow()
            _assign(version_row, _values(version))
            row.versions.append(version_row)
            numbers.add(version.number)
    keys = {(a.version, a.user, a.decision) for a in row.approvals}
    for approval in statement.approvals:
        if approval_key(approval) not in keys:
            approval_row = ApprovalRow()
            _assign(approval_row, _values(approval))
            row.approvals.append(approval_row)
            keys.add(approval_key(approval))


def paused_post_from_row(row: PausedPostRow) -> PausedPost:
    return _read(row, PausedPost)


def paused_post_values(post: PausedPost) -> dict[str, Any]:
    """The post's column values, id left out (a new row gets its own)."""
    return _values(post)


def paused_post_to_row(post: PausedPost, row: PausedPostRow) -> None:
    _assign(row, _values(post))


def press_inquiry_from_row(row: PressInquiryRow) -> PressInquiry:
    return _read(row, PressInquiry)


def press_inquiry_to_row(inquiry: PressInquiry, row: PressInquiryRow) -> None:
    _assign(row, _values(inquiry))


def debrief_from_row(row: DebriefRow) -> Debrief:
    return _read(row, Debrief, participants=list(row.participants), invite_failures=dict(row.invite_failures))


def debrief_values(debrief: Debrief) -> dict[str, Any]:
    """The debrief's column values, id left out (a new row gets its own); JSON columns get copies."""
    return _values(debrief, skip=frozenset({"participants", "invite_failures"})) | {
        "participants": list(debrief.participants), "invite_failures": dict(debrief.invite_failures)}


def debrief_to_row(debrief: Debrief, row: DebriefRow) -> None:
    _assign(row, debrief_values(debrief))


def debrief_response_from_row(row: DebriefResponseRow) -> DebriefResponse:
    return _read(row, DebriefResponse, answers=dict(row.answers))


def debrief_response_values(response: DebriefResponse) -> dict[str, Any]:
    """The response's column values, id left out; the answers (str or int each) as a JSON copy."""
    return _values(response, skip=frozenset({"answers"})) | {"answers": dict(response.answers)}


def follow_up_from_row(row: FollowUpRow) -> FollowUp:
    return _read(row, FollowUp)


def follow_up_to_row(follow_up: FollowUp, row: FollowUpRow) -> None:
    _assign(row, _values(follow_up))
