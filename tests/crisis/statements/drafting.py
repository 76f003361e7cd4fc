"""Statements without storage for the rule tests: a plan with every approving role, a crisis whose roles are held,
drafts and approvals at fixed times, and a statement approved by the default rule."""
from datetime import UTC, datetime, timedelta

from crisis.plan_parsing import parse_plan
from crisis.room.model import Crisis, RoleAssignment
from crisis.statements import rules as st
from crisis.statements.model import Decision
from tests.crisis.plans import plan_data

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
A, C, R = Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT
HOLDERS = {"crisis_lead": "ULEAD", "comms_lead": "UCOMMS", "legal": "ULEGAL", "exec_sponsor": "UEXEC",
           "spokesperson": "USPOKE", "social": "USOCIAL"}


def make_plan(rule="comms_lead AND legal", **changes):
    data = plan_data()
    data["roles"].update({
        "exec_sponsor": {"name": "Exec sponsor", "primary": "UEXEC"},
        "spokesperson": {"name": "Spokesperson", "primary": "USPOKE"},
        "social": {"name": "Social media", "primary": "USOCIAL"},
    })
    data["statement_approval"] = {"default": rule} if isinstance(rule, str) else rule
    data["statements"] = {"templates": {"holding": {
        "name": "Holding", "text": "{organisation} is aware of the {kind} ({title}, {severity}) since {started}. "
                                   "More soon. {not_a_field"}}}
    data.update(changes)
    return parse_plan(data)


def make_crisis(severity="SEV2", holders=None):
    holders = HOLDERS if holders is None else holders
    return Crisis(title="Offensive ad video", severity=severity, kind="offensive_post", opened_by="UOPENER",
                  opened_at=T0, roles=[RoleAssignment(r, u) for r, u in holders.items()], id=7)


def draft(crisis=None, plan=None, text="We are sorry and we are on it.", author="USOCIAL", **kw):
    return st.new_draft(crisis or make_crisis(), plan or make_plan(), target=kw.pop("target", "x"), text=text,
                        author=author, now=kw.pop("now", T0), **kw)


def give(crisis, role, user):
    crisis.role(role).user_id = user


def approve(s, crisis, plan, user, minutes=1, version=None):
    return st.decide(s, crisis, plan, user=user, decision=A, version=version or s.current.number,
                     now=T0 + timedelta(minutes=minutes))


def approved_statement():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    approve(s, crisis, plan, "ULEGAL", minutes=2)
    return s, crisis, plan
