"""The permission model of docs/security.md: who may assign roles, change the severity, close and lead the
wrap-up, answer spike warnings, answer the debrief, and see or finish follow-ups. Pure decisions on chat user
ids; the use cases call them under the row lock, before anything changes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from crisis.debrief.model import Debrief, FollowUp
from crisis.errors import NotAuthorised
from crisis.i18n import User
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.rules import severity_rule


@dataclass(frozen=True)
class Authority:
    """The plan's people as chat user ids: its admins, and who answers spike warnings."""

    admins: frozenset[str]
    responders: frozenset[str]


def authority(plan: CrisisPlan, resolve: Callable[[str], str | None]) -> Authority:
    """Resolve the plan's admins and monitor responders (a role key stands for its primary and backup).
    Without `monitor.responders` the admins and the crisis lead role's primary and backup answer warnings."""
    def people(refs: Iterable[str]) -> frozenset[str]:
        return frozenset(user for ref in refs if (user := resolve(ref)))

    def role_people(key: str) -> list[str]:
        role = plan.role(key)
        return [role.primary] + ([role.backup] if role.backup else []) if role else [key]

    admins = people(plan.admins)
    if plan.monitor.responders is None:
        return Authority(admins, admins | people(role_people(plan.lead_role)))
    return Authority(admins, people(ref for entry in plan.monitor.responders for ref in role_people(entry)))


def approving_roles(plan: CrisisPlan) -> set[str]:
    """Roles whose holders' approval counts for a statement at some severity."""
    return {role for severity in plan.severities for role in severity_rule(plan, severity.key).roles}


def is_lead(crisis: Crisis, plan: CrisisPlan, user: str) -> bool:
    """The crisis lead: who holds the lead role, or who acknowledged its page."""
    lead = crisis.role(plan.lead_role)
    return lead is not None and user in {lead.user_id, lead.acked_by}


def may_close(crisis: Crisis, plan: CrisisPlan, user: str, who: Authority) -> bool:
    """The crisis lead, the opener or an admin: closes, decides paused posts, follows the debrief, sets the
    impact start."""
    return user == crisis.opened_by or is_lead(crisis, plan, user) or user in who.admins


def check_may_close(crisis: Crisis, plan: CrisisPlan, user: str, who: Authority) -> None:
    if not may_close(crisis, plan, user, who):
        raise NotAuthorised("error.close_not_allowed", lead=_lead(crisis, plan), opener=User(crisis.opened_by))


def check_may_wrap_up(crisis: Crisis, plan: CrisisPlan, user: str, who: Authority, key: str) -> None:
    """Paused posts, debrief progress, impact start: the people who may close; `key` says what was refused."""
    if not may_close(crisis, plan, user, who):
        raise NotAuthorised(key, lead=_lead(crisis, plan), opener=User(crisis.opened_by))


def check_may_assign(crisis: Crisis, plan: CrisisPlan, user: str, role: str, assignee: str, who: Authority) -> None:
    """The crisis lead or an admin gives any role; a holder hands on their own. Nobody gives themselves a
    role that approves statements (four eyes would be one pair)."""
    if assignee == user and role in approving_roles(plan):
        raise NotAuthorised("error.assign_self_approver", role=plan.role_name(role))
    holder = crisis.role(role)
    if is_lead(crisis, plan, user) or user in who.admins or (holder is not None and holder.user_id == user):
        return
    raise NotAuthorised("error.assign_not_allowed", role=plan.role_name(role), lead=_lead(crisis, plan),
                        holder=User(holder.user_id if holder else None))


def check_may_change_severity(crisis: Crisis, plan: CrisisPlan, user: str, who: Authority) -> None:
    if not (is_lead(crisis, plan, user) or user in who.admins):
        raise NotAuthorised("error.severity_not_allowed", lead=_lead(crisis, plan))


def check_responder(user: str, who: Authority) -> None:
    """Snooze, false alarm and sentiment labels silence or teach the monitor: only its responders."""
    if user not in who.responders:
        raise NotAuthorised("error.not_responder")


def check_may_answer_debrief(debrief: Debrief, user: str) -> None:
    if user not in debrief.participants:
        raise NotAuthorised("error.debrief_not_invited")


def on_the_crisis(crisis: Crisis, user: str, who: Authority, members: Callable[[], Iterable[str]]) -> bool:
    """An admin, the opener, someone with a role in it (held, acknowledged or backup), or in its channel
    (`members`, asked last)."""
    if user in who.admins or user == crisis.opened_by:
        return True
    if any(user in (r.user_id, r.acked_by, r.backup_id) for r in crisis.roles):
        return True
    return user in members()


def sees_follow_ups_of(crisis: Crisis, user: str, who: Authority, debrief: Debrief | None,
                       members: Callable[[], Iterable[str]]) -> bool:
    """Admins see every crisis's follow-ups; others those of crises they are on (on_the_crisis) or whose debrief
    invited them. Everyone also sees the follow-ups they own."""
    if debrief is not None and user in debrief.participants:
        return True
    return on_the_crisis(crisis, user, who, members)


def check_may_finish_follow_up(item: FollowUp, crisis: Crisis, plan: CrisisPlan, user: str, who: Authority) -> None:
    if not (user == item.owner or is_lead(crisis, plan, user) or user in who.admins):
        raise NotAuthorised("error.follow_up_not_yours", owner=User(item.owner), lead=_lead(crisis, plan))


def _lead(crisis: Crisis, plan: CrisisPlan) -> User:
    lead = crisis.role(plan.lead_role)
    return User(lead.user_id if lead else None)
