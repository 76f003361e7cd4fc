"""Deadlines of statements waiting for approval: who has still to decide on the current version, the reminder before
a draft's deadline and the crisis lead told once it has passed (pure decisions; the tick in services.py)."""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from crisis.i18n import Msg, Time, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.model import Statement
from crisis.statements.rules import OPEN_STATES, authors, rule_for, rule_status


class DeadlineKind(StrEnum):
    REMIND_APPROVERS = "remind_approvers"
    TELL_LEAD = "tell_lead"


class DeadlineAction(NamedTuple):
    kind: DeadlineKind
    users: list[str]
    message: Msg


def pending_approvers(statement: Statement, crisis: Crisis, plan: CrisisPlan) -> list[str]:
    """Holders of the rule's roles (now) who are not authors and have not decided on the current version."""
    rule = rule_for(crisis, plan)
    acted = {a.user for a in statement.approvals if a.version == statement.current.number}
    excluded = authors(statement) | acted
    users: list[str] = []
    for role in rule.roles:
        holder = crisis.role(role)
        if holder and holder.user_id and holder.user_id not in excluded and holder.user_id not in users:
            users.append(holder.user_id)
    return users


def deadline_actions(statement: Statement, crisis: Crisis, plan: CrisisPlan, now: datetime,
                     remind_before: timedelta) -> list[DeadlineAction]:
    """Remind the approvers who have not acted, once, when the deadline is within `remind_before`;
    tell the crisis lead (or, with the role vacant, the opener), once, when it has passed. Only
    statements still waiting (pending or changes requested); a deadline that passed before any
    reminder is told to the lead only."""
    if statement.deadline is None or statement.state not in OPEN_STATES:
        return []
    actions: list[DeadlineAction] = []
    target = plan.statements.target_name(statement.target)
    if now >= statement.deadline:
        statement.deadline_reminded_at = statement.deadline_reminded_at or now
        if not statement.deadline_passed_told:
            statement.deadline_passed_told = True
            lead = crisis.role(plan.lead_role)
            user = lead.user_id if lead and lead.user_id else crisis.opened_by
            status = rule_status(statement, crisis, plan)
            actions.append(DeadlineAction(DeadlineKind.TELL_LEAD, [user], msg(
                "statement.deadline_passed", target=target, version=statement.current.number,
                deadline=Time(statement.deadline), missing=status.summary)))
    elif now >= statement.deadline - remind_before and statement.deadline_reminded_at is None:
        statement.deadline_reminded_at = now
        users = pending_approvers(statement, crisis, plan)
        if users:
            actions.append(DeadlineAction(DeadlineKind.REMIND_APPROVERS, users, msg(
                "statement.deadline_reminder", target=target, version=statement.current.number,
                deadline=Time(statement.deadline), left=statement.deadline - now)))
    return actions
