"""Statement rules without storage: refused decisions, change requests and rejection, and edits (who may
edit, new versions, approvals reset)."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.i18n import render
from crisis.plan_parsing import parse_plan
from crisis.room.model import CrisisStatus
from crisis.statements import rules as st
from crisis.statements.model import StatementState
from tests.crisis.plans import plan_data
from tests.crisis.statements.drafting import T0, A, C, R, approve, draft, make_crisis, make_plan

# --- refusals -------------------------------------------------------------------------------------

def test_approving_an_old_version_is_refused():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    st.edit(s, crisis, plan, user="USOCIAL", text="Version two", now=T0)
    with pytest.raises(IllegalTransition) as caught:
        approve(s, crisis, plan, "UCOMMS", version=1)
    assert caught.value.key == "error.statement_old_version" and caught.value.params == {"version": 1, "current": 2}
    assert s.approvals == []


@pytest.mark.parametrize("state", [StatementState.REJECTED, StatementState.PUBLISHED])
@pytest.mark.parametrize("decision", [A, C, R])
def test_decisions_on_a_rejected_or_published_statement_are_refused(state, decision):
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    s.state = state
    with pytest.raises(IllegalTransition) as caught:
        st.decide(s, crisis, plan, user="UCOMMS", decision=decision, version=1, now=T0, note="why")
    assert caught.value.key == "error.statement_closed" and s.approvals == [] and s.state is state
    assert state.value in render(st.msg(caught.value.key, **caught.value.params))


def test_approving_text_over_the_limit_is_refused_until_edited():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan, text="a" * 300)
    with pytest.raises(BadInput) as caught:
        approve(s, crisis, plan, "UCOMMS")
    assert (caught.value.key, caught.value.field, caught.value.params["over"]) == \
        ("error.statement_over_limit", "text", 20)
    assert "X / Twitter" in render(st.msg(caught.value.key, **caught.value.params))
    st.edit(s, crisis, plan, user="USOCIAL", text="a" * 280, now=T0)
    assert approve(s, crisis, plan, "UCOMMS", version=2).approval is not None


def test_decisions_in_a_closed_crisis_are_refused():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    crisis.status = CrisisStatus.CLOSED
    with pytest.raises(IllegalTransition, match="error.crisis_closed"):
        approve(s, crisis, plan, "UCOMMS")


# --- changes and rejection ------------------------------------------------------------------------

@pytest.mark.parametrize("decision,key", [(C, "error.statement_changes_note"), (R, "error.statement_reject_note")])
def test_changes_and_reject_need_a_note(decision, key):
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    with pytest.raises(BadInput) as caught:
        st.decide(s, crisis, plan, user="ULEGAL", decision=decision, version=1, now=T0, note="  ")
    assert (caught.value.key, caught.value.field) == (key, "note")
    assert s.state is StatementState.PENDING and s.approvals == []


@pytest.mark.parametrize("user,allowed", [("ULEGAL", True), ("ULEAD", True), ("USPOKE", False)])
def test_changes_may_be_asked_by_approvers_and_the_crisis_lead_only(user, allowed):
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    if allowed:
        result = st.decide(s, crisis, plan, user=user, decision=C, version=1, now=T0, note="Drop 'sorry'")
        assert s.state is StatementState.CHANGES_REQUESTED and result.approval.note == "Drop 'sorry'"
    else:
        with pytest.raises(NotAuthorised, match="error.statement_not_reviewer"):
            st.decide(s, crisis, plan, user=user, decision=C, version=1, now=T0, note="x")


def test_reject_closes_the_statement():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    result = st.decide(s, crisis, plan, user="ULEAD", decision=R, version=1, now=T0, note="Wrong tone")
    assert s.state is StatementState.REJECTED and not result.approved
    assert result.approval.role == "crisis_lead"
    with pytest.raises(IllegalTransition, match="error.statement_closed"):
        st.edit(s, crisis, plan, user="USOCIAL", text="again", now=T0)


def test_open_change_request_holds_back_approval_until_withdrawn_or_edited():
    plan, crisis = make_plan("any 2 of comms_lead, legal, exec_sponsor"), make_crisis()
    s = draft(crisis, plan)
    st.decide(s, crisis, plan, user="ULEGAL", decision=C, version=1, now=T0, note="Mention refunds")
    approve(s, crisis, plan, "UCOMMS")
    result = approve(s, crisis, plan, "UEXEC", minutes=2)
    assert not result.approved and s.state is StatementState.CHANGES_REQUESTED
    assert result.status.changes_requested == [("ULEGAL", "Mention refunds")]
    assert render(result.status.summary) == "@ULEGAL asked for changes: Mention refunds"
    assert approve(s, crisis, plan, "ULEGAL", minutes=3).approved  # legal changed their mind


# --- edits ----------------------------------------------------------------------------------------

def test_edit_makes_a_new_version_and_resets_approvals():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    approve(s, crisis, plan, "ULEGAL", minutes=2)
    assert s.state is StatementState.APPROVED
    version = st.edit(s, crisis, plan, user="USOCIAL", text="We apologise.", now=T0 + timedelta(minutes=3))
    assert (version.number, version.author, s.state) == (2, "USOCIAL", StatementState.PENDING)
    status = st.rule_status(s, crisis, plan)
    assert status.approved_by == [] and status.missing == ["comms_lead", "legal"]
    assert len(s.approvals) == 2  # the history stays


def test_edit_after_changes_requested_waits_for_approval_again():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    st.decide(s, crisis, plan, user="ULEGAL", decision=C, version=1, now=T0, note="shorter")
    st.edit(s, crisis, plan, user="USOCIAL", text="Shorter.", now=T0)
    assert s.state is StatementState.PENDING and st.rule_status(s, crisis, plan).changes_requested == []


def test_unchanged_text_makes_no_new_version():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    assert st.edit(s, crisis, plan, user="USOCIAL", text=" We are sorry and we are on it.\n", now=T0).number == 1
    assert st.rule_status(s, crisis, plan).approved_by == [("comms_lead", "UCOMMS")]


@pytest.mark.parametrize("user,allowed", [("USOCIAL", True), ("UCOMMS", True), ("ULEGAL", False),
                                          ("UCOMMSB", False)])
def test_only_the_author_or_the_comms_lead_edits(user, allowed):
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    if allowed:
        assert st.edit(s, crisis, plan, user=user, text="New", now=T0).number == 2
        assert st.may_edit(s, crisis, plan, user)
    else:
        with pytest.raises(NotAuthorised) as caught:
            st.edit(s, crisis, plan, user=user, text="New", now=T0)
        assert caught.value.key == "error.statement_not_editor" and len(s.versions) == 1
        render(st.msg(caught.value.key, **caught.value.params))


def test_without_a_comms_lead_role_the_crisis_lead_edits():
    data = plan_data()
    del data["roles"]["comms_lead"]
    data["statement_approval"] = {"default": "legal"}
    plan = parse_plan(data)
    crisis = make_crisis(holders={"crisis_lead": "ULEAD", "legal": "ULEGAL"})
    s = draft(crisis, plan)
    assert st.edit(s, crisis, plan, user="ULEAD", text="New", now=T0).number == 2


@pytest.mark.parametrize("text,key", [("", "error.statement_text_required"),
                                      ("x" * (st.MAX_TEXT + 1), "error.statement_too_long")])
def test_edit_validates_the_text(text, key):
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    with pytest.raises(BadInput) as caught:
        st.edit(s, crisis, plan, user="USOCIAL", text=text, now=T0)
    assert (caught.value.key, caught.value.field) == (key, "text")
