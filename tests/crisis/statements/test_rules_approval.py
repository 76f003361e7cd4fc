"""Statement approval rules without storage: the roles held now, the AND and any-N-of rules (per severity),
four eyes and who may approve, approvers who lose their role, and reminders before a draft's deadline."""
from datetime import timedelta

import pytest

from crisis.errors import NotAuthorised
from crisis.i18n import render
from crisis.room.model import RoleAssignment
from crisis.statements import deadlines
from crisis.statements import rules as st
from crisis.statements.model import StatementState
from tests.crisis.statements.drafting import T0, C, approve, approved_statement, draft, give, make_crisis, make_plan

# --- roles ----------------------------------------------------------------------------------------

def test_roles_of_are_the_roles_held_now():
    crisis = make_crisis()
    crisis.role("legal").user_id = "UCOMMS"
    assert st.roles_of(crisis, "UCOMMS") == {"comms_lead", "legal"}
    assert st.roles_of(crisis, "ULEGAL") == set()
    assert st.roles_of(crisis, "UCOMMSB") == set()  # a backup holds nothing until given the role


# --- approving: AND ------------------------------------------------------------------------------

def test_and_rule_needs_both_roles_by_different_people():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    first = approve(s, crisis, plan, "UCOMMS")
    assert (first.approval.role, first.approved, first.missing, s.state) == \
        ("comms_lead", False, ["legal"], StatementState.PENDING)
    assert render(first.status.summary) == "Still needed: approval by Legal"
    second = approve(s, crisis, plan, "ULEGAL", minutes=2)
    assert (second.approved, second.missing, s.state) == (True, [], StatementState.APPROVED)
    assert st.rule_status(s, crisis, plan).approved_by == [("comms_lead", "UCOMMS"), ("legal", "ULEGAL")]
    assert render(second.status.summary) == "Nothing missing"


def test_one_person_holding_both_roles_cannot_approve_alone():
    plan, crisis = make_plan(), make_crisis()
    give(crisis, "legal", "UCOMMS")
    s = draft(crisis, plan)
    result = approve(s, crisis, plan, "UCOMMS")
    assert (result.approval.role, result.approved, result.missing) == ("comms_lead", False, ["legal"])
    again = approve(s, crisis, plan, "UCOMMS", minutes=2)
    assert again.already_approved and again.approval is None and not again.approved
    assert len(s.approvals) == 1


def test_a_holder_of_several_roles_approves_in_the_role_still_missing():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    crisis.roles.append(RoleAssignment("comms_lead", "UBOTH"))  # two people share comms_lead
    give(crisis, "legal", "UBOTH")
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")  # comms_lead is covered
    result = approve(s, crisis, plan, "UBOTH", minutes=2)
    assert result.approval.role == "legal" and result.approved
    fresh = draft(crisis, plan)
    assert approve(fresh, crisis, plan, "UBOTH").approval.role == "comms_lead"  # first in the rule's order


def test_a_user_whose_approval_lapsed_may_approve_again_in_a_role_held_now():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "ULEGAL")
    give(crisis, "legal", "UNEWLEGAL")
    give(crisis, "exec_sponsor", "ULEGAL")
    result = approve(s, crisis, plan, "ULEGAL", minutes=2)
    assert not result.already_approved and result.approval.role == "exec_sponsor"
    assert result.status.approved_by == [("exec_sponsor", "ULEGAL")] and not result.approved


# --- approving: any N of -------------------------------------------------------------------------

def test_any_two_of_three_needs_two_distinct_roles_and_people():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    s = draft(crisis, plan)
    first = approve(s, crisis, plan, "UEXEC")
    assert (first.approved, first.missing, first.status.needed_more) == \
        (False, ["comms_lead", "legal"], 1)
    assert render(first.status.summary) == "Still needed: 1 more approval(s) from Comms lead, Legal"
    second = approve(s, crisis, plan, "ULEGAL", minutes=2)
    assert second.approved and s.state is StatementState.APPROVED


def test_any_two_of_counts_one_person_once_even_with_two_roles():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    give(crisis, "legal", "UCOMMS")
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    assert approve(s, crisis, plan, "UCOMMS", minutes=2).already_approved
    assert st.rule_status(s, crisis, plan).needed_more == 1 and s.state is StatementState.PENDING


def test_any_two_of_needs_two_distinct_roles_even_when_two_people_share_one():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    crisis.roles.append(RoleAssignment("comms_lead", "UCOMMS2"))
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    result = approve(s, crisis, plan, "UCOMMS2", minutes=2)
    assert not result.approved and result.status.approved_by == [("comms_lead", "UCOMMS")]
    assert result.missing == ["legal", "exec_sponsor"]


def test_rule_per_severity():
    plan = make_plan({"default": "comms_lead AND legal", "SEV1": "any 1 of comms_lead, exec_sponsor"})
    crisis = make_crisis(severity="SEV1")
    s = draft(crisis, plan)
    assert approve(s, crisis, plan, "UEXEC").approved
    sev2 = make_crisis(severity="SEV2")
    s2 = draft(sev2, plan)
    assert not approve(s2, sev2, plan, "UCOMMS").approved


def test_a_plan_without_a_rule_needs_the_comms_lead():
    data_plan = make_plan({})
    crisis = make_crisis()
    s = draft(crisis, data_plan)
    with pytest.raises(NotAuthorised):
        approve(s, crisis, data_plan, "ULEGAL")
    assert approve(s, crisis, data_plan, "UCOMMS").approved


# --- four eyes and authority ---------------------------------------------------------------------

def test_the_author_cannot_approve_their_own_text_even_holding_a_role():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan, author="ULEGAL")
    with pytest.raises(NotAuthorised) as caught:
        approve(s, crisis, plan, "ULEGAL")
    assert caught.value.key == "error.statement_own" and s.approvals == []
    assert "Comms lead, Legal (all of them)" in render(st.msg(caught.value.key, **caught.value.params))
    assert st.rule_status(s, crisis, plan).blocked == ["legal"]


def test_whoever_wrote_the_current_version_cannot_approve_it():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    st.edit(s, crisis, plan, user="UCOMMS", text="Better words.", now=T0)
    with pytest.raises(NotAuthorised, match="error.statement_own"):
        approve(s, crisis, plan, "UCOMMS")


def test_someone_without_a_rule_role_is_told_which_roles_approve():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    with pytest.raises(NotAuthorised) as caught:
        approve(s, crisis, plan, "ULEAD")
    assert caught.value.key == "error.statement_not_approver"
    assert "Comms lead, Legal" in render(st.msg(caught.value.key, **caught.value.params))
    assert s.approvals == []


def test_an_approver_replaced_midway_no_longer_counts_and_cannot_approve():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "ULEGAL")
    give(crisis, "legal", "ULEGAL2")
    result = approve(s, crisis, plan, "UCOMMS", minutes=2)
    assert not result.approved and result.missing == ["legal"]
    assert result.status.lapsed == [("legal", "ULEGAL")]
    with pytest.raises(NotAuthorised, match="error.statement_not_approver"):
        approve(s, crisis, plan, "ULEGAL", minutes=3)
    assert approve(s, crisis, plan, "ULEGAL2", minutes=4).approved


def test_an_approved_statement_waits_again_when_an_approver_loses_the_role():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "ULEGAL")
    approve(s, crisis, plan, "UCOMMS", minutes=2)
    assert s.state is StatementState.APPROVED
    give(crisis, "legal", "ULEGAL2")
    assert not st.claim_publish(s, T0 + timedelta(minutes=3), crisis=crisis, plan=plan)
    assert s.state is StatementState.PENDING and s.publishing_since is None


# --- deadlines ------------------------------------------------------------------------------------

def test_deadline_reminds_waiting_approvers_once_and_tells_the_lead_once():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    s = draft(crisis, plan, deadline=T0 + timedelta(hours=1))
    approve(s, crisis, plan, "UCOMMS")
    before = timedelta(minutes=15)
    assert deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(minutes=40), before) == []
    [remind] = deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(minutes=45), before)
    assert remind.kind is deadlines.DeadlineKind.REMIND_APPROVERS and remind.users == ["ULEGAL", "UEXEC"]
    assert "15 min left" in render(remind.message)
    assert s.deadline_reminded_at == T0 + timedelta(minutes=45)
    assert deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(minutes=50), before) == []
    [told] = deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(hours=1), before)
    assert told.kind is deadlines.DeadlineKind.TELL_LEAD and told.users == ["ULEAD"] and s.deadline_passed_told
    assert "Still needed: 1 more approval(s) from Legal, Exec sponsor" in render(told.message)
    assert deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(hours=2), before) == []


def test_a_deadline_found_passed_is_only_told_to_the_lead():
    plan, crisis = make_plan(), make_crisis()
    give(crisis, "crisis_lead", None)
    s = draft(crisis, plan, deadline=T0 + timedelta(hours=1))
    [told] = deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(hours=3), timedelta(minutes=15))
    assert told.kind is deadlines.DeadlineKind.TELL_LEAD and told.users == ["UOPENER"]  # the lead role is vacant
    assert s.deadline_reminded_at is not None


def test_no_deadline_actions_once_approved_or_without_a_deadline():
    s, crisis, plan = approved_statement()
    s.deadline = T0 + timedelta(minutes=10)
    assert deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(hours=1), timedelta(minutes=15)) == []
    assert deadlines.deadline_actions(draft(), crisis, plan, T0 + timedelta(hours=1), timedelta(minutes=15)) == []


def test_reminders_skip_authors_and_whoever_already_decided():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan, author="ULEGAL", deadline=T0 + timedelta(hours=1))
    assert deadlines.pending_approvers(s, crisis, plan) == ["UCOMMS"]
    st.decide(s, crisis, plan, user="UCOMMS", decision=C, version=1, now=T0, note="x")
    assert deadlines.pending_approvers(s, crisis, plan) == []
    assert deadlines.deadline_actions(s, crisis, plan, T0 + timedelta(minutes=50), timedelta(minutes=15)) == []
    assert s.deadline_reminded_at is not None
