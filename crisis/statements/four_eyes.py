"""The statements' four-eyes decision for anything approved like a statement of one version (a take-down, a webcare
reply): who may approve or reject, never the one who asked, whether the plan's rule is met, and how the decisions and
the Approve / Reject buttons show on its card."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from crisis.errors import NotAuthorised
from crisis.i18n import Msg, User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from crisis.statements.model import Approval, Decision, StatementVersion
from crisis.statements.rules import RuleStatus, roles_of, rule_for, rule_status
from crisis.views import Action, Button, Buttons, Emphasis


class Approvable(Protocol):
    """What the rule reads: who asked (their approval never counts), the one version, the approvals given."""

    approvals: list[Approval]

    @property
    def author(self) -> str: ...

    @property
    def current(self) -> StatementVersion: ...


@dataclass(frozen=True)
class Decided:
    """What a decision did: the approval recorded (None when the person had already approved), whether it is now
    approved (the rule met), and how the subject stands against the rule."""

    approval: Approval | None
    approved: bool
    status: RuleStatus


def status_of(subject: Approvable, crisis: Crisis, plan: CrisisPlan) -> RuleStatus:
    """The statements' rule applied to `subject` (one version, its requester as author), against today's holders."""
    return rule_status(subject, crisis, plan)  # type: ignore[arg-type]


def decide_by_rule(subject: Approvable, crisis: Crisis, plan: CrisisPlan, *, user: str, approve: bool,
                   now: datetime, errors: str) -> Decided:
    """Record `user`'s decision on `subject` (the caller checks it still waits). Approving needs a role the rule for
    the crisis's severity names, held now, and never by who asked (NotAuthorised "error.<errors>_own" /
    "error.<errors>_not_approver"); rejecting needs such a role or the crisis lead ("error.<errors>_not_reviewer").
    Returns what it did: `approved` only when approving met the rule."""
    rule = rule_for(crisis, plan)
    held = roles_of(crisis, user)
    names = ", ".join(plan.role_name(r) for r in rule.roles)
    if not approve:
        if not held & set(rule.roles) and plan.lead_role not in held:
            raise NotAuthorised(f"error.{errors}_not_reviewer", roles=names, lead=plan.role_name(plan.lead_role))
        role = next((r for r in rule.roles if r in held), plan.lead_role)
        approval = Approval(1, role, user, Decision.REJECT, now)
        subject.approvals.append(approval)
        return Decided(approval, False, status_of(subject, crisis, plan))
    if user in {subject.author, subject.current.author}:
        raise NotAuthorised(f"error.{errors}_own")
    eligible = [r for r in rule.roles if r in held]
    if not eligible:
        raise NotAuthorised(f"error.{errors}_not_approver", roles=names)
    before = status_of(subject, crisis, plan)
    if any(u == user for _, u in before.approved_by):
        return Decided(None, before.met, before)
    approval = Approval(1, next((r for r in eligible if r in before.missing), eligible[0]), user, Decision.APPROVE,
                        now)
    subject.approvals.append(approval)
    after = status_of(subject, crisis, plan)
    return Decided(approval, after.met, after)


def decision_lines(subject: Approvable, crisis: Crisis | None, plan: CrisisPlan, *, noun: str, waiting: bool
                   ) -> list[Msg]:
    """Who approved or rejected ("<noun>.approved_by" / "<noun>.rejected_by", with the role), and, while it is
    `waiting` in a crisis, what the rule still needs."""
    lines = [msg(f"{noun}.approved_by" if a.decision is Decision.APPROVE else f"{noun}.rejected_by",
                 role=plan.role_name(a.role), user=User(a.user)) for a in subject.approvals]
    if waiting and crisis is not None:
        lines.append(status_of(subject, crisis, plan).summary)
    return lines


def decision_buttons(noun: str, subject_id: int | None, approve: Action, reject: Action) -> Buttons:
    """Approve / Reject ("<noun>.approve" / "<noun>.reject") on the card of one that waits; their value is its id."""
    value = str(subject_id)
    return Buttons(f"{noun}-{subject_id}", (Button(approve, msg(f"{noun}.approve"), value, Emphasis.PRIMARY),
                                           Button(reject, msg(f"{noun}.reject"), value, Emphasis.DANGER)))
