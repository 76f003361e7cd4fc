"""In-memory repositories of statements, paused brand posts and press inquiries, as db/statements/repositories.py."""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from crisis.schedules.model import MediaCopy

from crisis.statements.model import (
    Approval,
    PausedPost,
    PressInquiry,
    Statement,
    StatementState,
)
from tests.crisis.fakes.tables import Table, check_aware

_OPEN_STATES = (StatementState.PENDING, StatementState.CHANGES_REQUESTED)


def _approval_key(approval: Approval) -> tuple:
    return approval.version, approval.user, approval.decision


def _appended(statement: Statement, stored: Statement | None) -> Statement:
    """The statement's fields with its versions (new numbers) and approvals (new version + user + decision)
    added to those stored, which are never changed or removed; versions by number, approvals as stored."""
    versions = list(stored.versions) if stored else []
    approvals = list(stored.approvals) if stored else []
    numbers, keys = {v.number for v in versions}, {_approval_key(a) for a in approvals}
    for version in statement.versions:
        if version.number not in numbers:
            versions.append(version)
            numbers.add(version.number)
    for approval in statement.approvals:
        if _approval_key(approval) not in keys:
            approvals.append(approval)
            keys.add(_approval_key(approval))
    return replace(statement, versions=sorted(versions, key=lambda v: v.number), approvals=approvals)


class FakeStatements(Table):
    name = "statements"

    def add(self, statement: Statement) -> Statement:
        self._require("crises", statement.crisis_id)
        return self._insert(_appended(statement, None))

    def save(self, statement: Statement) -> None:
        stored = self._rows.get(statement.id)
        if stored is None:
            raise LookupError(f"statement {statement.id} does not exist")
        check_aware(statement)
        self._rows[statement.id] = copy.deepcopy(_appended(statement, stored))

    def for_crisis(self, crisis_id: int) -> list[Statement]:
        return self._select(lambda s: s.crisis_id == crisis_id, lambda s: (s.created_at, s.id))

    def publishes_due(self, now: datetime) -> list[int]:
        return self._ids(lambda s: s.state is StatementState.APPROVED and s.publish_due_at is not None
                         and s.publish_due_at <= now, lambda s: (s.publish_due_at, s.id))

    def deliveries_due(self, now: datetime) -> list[int]:
        return self._ids(lambda s: any(at is not None and at <= now for at in (s.card_due_at, s.notice_due_at)),
                         lambda s: s.id)

    def deadlines_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        def due(s: Statement) -> bool:
            return s.state in _OPEN_STATES and s.deadline is not None and (
                (s.deadline_reminded_at is None and s.deadline <= now + remind_before)
                or (not s.deadline_passed_told and s.deadline <= now))
        return self._ids(due, lambda s: (s.deadline, s.id))


class FakePausedPosts(Table):
    name = "paused_posts"

    def add(self, post: PausedPost) -> PausedPost:
        """A post paused before (same channel and scheduled id) is not stored again; the stored one is returned."""
        self._require("crises", post.crisis_id)
        before = self._first(lambda p: (p.channel_id, p.scheduled_id) == (post.channel_id, post.scheduled_id))
        return before or self._insert(post)

    def for_crisis(self, crisis_id: int) -> list[PausedPost]:
        return self._select(lambda p: p.crisis_id == crisis_id, lambda p: (p.post_at, p.id))

    def removals_due(self, now: datetime, limit: int) -> list[int]:
        due = self._select(lambda p: p.remove_due_at is not None and p.remove_due_at <= now and not p.deleted
                           and not p.outcome, lambda p: (p.remove_due_at, p.id))
        return [p.id for p in due][:limit]

    def keep_files(self, post_id: int, files: Sequence[MediaCopy]) -> None:
        self._require("paused_posts", post_id)
        self._uow.table("paused_post_files").setdefault(post_id, list(files))

    def files(self, post_id: int) -> list[MediaCopy]:
        return list(self._uow.table("paused_post_files").get(post_id, []))

    def drop_files(self, post_id: int) -> None:
        self._uow.table("paused_post_files").pop(post_id, None)


class FakePressInquiries(Table):
    name = "inquiries"

    def add(self, inquiry: PressInquiry) -> PressInquiry:
        self._require("crises", inquiry.crisis_id)
        return self._insert(inquiry)

    def for_crisis(self, crisis_id: int) -> list[PressInquiry]:
        return self._select(lambda i: i.crisis_id == crisis_id, lambda i: (i.logged_at, i.id))

    def reminders_due(self, now: datetime, remind_before: timedelta) -> list[int]:
        return self._ids(lambda i: i.answered_at is None and i.reminded_at is None
                         and i.deadline <= now + remind_before, lambda i: (i.deadline, i.id))
