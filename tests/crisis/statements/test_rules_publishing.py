"""Statement rules without storage: publish claims taken once, expiring and retried, and the press desk's
inquiries (who answers them, bad ones, answered only with an approved statement of their crisis)."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition
from crisis.i18n import render
from crisis.plan_parsing import parse_plan
from crisis.statements import press as desk
from crisis.statements import rules as st
from crisis.statements.model import StatementState
from tests.crisis.plans import plan_data
from tests.crisis.statements.drafting import T0, R, approved_statement, draft, give, make_crisis, make_plan

# --- publishing -----------------------------------------------------------------------------------

def test_publish_is_claimed_exactly_once():
    s, crisis, plan = approved_statement()
    now = T0 + timedelta(minutes=5)
    assert st.claim_publish(s, now, timedelta(minutes=2), crisis=crisis, plan=plan)
    assert not st.claim_publish(s, now)
    assert not st.claim_publish(s, now + timedelta(seconds=119), timedelta(minutes=2))
    assert st.published(s, "https://x.com/acme/1", now + timedelta(seconds=30))
    assert (s.state, s.published_ref, s.publishing_since, s.publish_attempts) == \
        (StatementState.PUBLISHED, "https://x.com/acme/1", None, 1)
    assert not st.claim_publish(s, now + timedelta(hours=1))
    assert not st.published(s, "other", now + timedelta(hours=1)) and s.published_ref == "https://x.com/acme/1"


def test_a_dead_claim_expires_and_a_failed_publish_can_be_retried():
    s = approved_statement()[0]
    now = T0 + timedelta(minutes=5)
    assert st.claim_publish(s, now, timedelta(minutes=2))
    assert st.claim_publish(s, now + timedelta(minutes=2), timedelta(minutes=2))  # the first process died
    st.publish_failed(s, "rate limited", now + timedelta(minutes=3))
    assert (s.state, s.publishing_since, s.publish_error) == (StatementState.APPROVED, None, "rate limited")
    assert st.claim_publish(s, now + timedelta(minutes=3)) and s.publish_attempts == 3


@pytest.mark.parametrize("state", [StatementState.PENDING, StatementState.CHANGES_REQUESTED,
                                   StatementState.REJECTED, StatementState.PUBLISHED])
def test_only_approved_statements_are_claimed(state):
    s = draft()
    s.state = state
    assert not st.claim_publish(s, T0) and s.publishing_since is None


def test_no_changes_or_edits_while_publishing():
    s, crisis, plan = approved_statement()
    now = T0 + timedelta(minutes=5)
    st.claim_publish(s, now)
    with pytest.raises(IllegalTransition, match="error.statement_publishing"):
        st.decide(s, crisis, plan, user="ULEGAL", decision=R, version=1, now=now, note="stop")
    with pytest.raises(IllegalTransition, match="error.statement_publishing"):
        st.edit(s, crisis, plan, user="USOCIAL", text="New", now=now)
    assert s.state is StatementState.APPROVED and len(s.versions) == 1


# --- press inquiries ------------------------------------------------------------------------------

def inquiry(crisis=None, plan=None, **kw):
    fields = {"outlet": "Daily Planet", "contact": "lois@planet.example", "question": "Will you apologise?",
              "deadline": T0 + timedelta(hours=2), "user": "USOCIAL", "now": T0}
    fields.update(kw)
    return desk.new_inquiry(crisis or make_crisis(), plan or make_plan(), **fields)


def test_inquiries_go_to_the_spokesperson_then_the_comms_lead_then_the_crisis_lead():
    assert inquiry().assignee == "USPOKE"
    crisis = make_crisis()
    give(crisis, "spokesperson", None)
    assert inquiry(crisis).assignee == "UCOMMS"
    give(crisis, "comms_lead", None)
    assert inquiry(crisis).assignee == "ULEAD"
    plain = parse_plan(plan_data())  # no spokesperson role in this plan, even if someone "holds" it
    assert inquiry(make_crisis(), plain).assignee == "UCOMMS"


@pytest.mark.parametrize("kw,field,key", [
    ({"outlet": " "}, "outlet", "error.inquiry_outlet_required"),
    ({"question": ""}, "question", "error.inquiry_question_required"),
    ({"contact": "c" * 201}, "contact", "error.inquiry_too_long"),
    ({"question": "q" * 4001}, "question", "error.inquiry_too_long"),
    ({"deadline": T0}, "deadline", "error.inquiry_deadline_past"),
])
def test_bad_inquiries_name_the_field(kw, field, key):
    with pytest.raises(BadInput) as caught:
        inquiry(**kw)
    assert (caught.value.field, caught.value.key) == (field, key)
    render(st.msg(caught.value.key, **caught.value.params))


def test_an_inquiry_is_answered_only_with_an_approved_statement_of_the_same_crisis():
    s, crisis, plan = approved_statement()
    s.id = 3
    press = inquiry(crisis, plan)
    pending = draft(crisis, plan)
    with pytest.raises(IllegalTransition, match="error.inquiry_statement_not_approved"):
        desk.answer_inquiry(press, pending, T0)
    other = draft()
    other.crisis_id, other.state = 8, StatementState.PUBLISHED
    with pytest.raises(BadInput, match="error.inquiry_other_crisis"):
        desk.answer_inquiry(press, other, T0)
    assert press.answered_at is None
    assert desk.answer_inquiry(press, s, T0 + timedelta(minutes=9))
    assert (press.answered_at, press.statement_id) == (T0 + timedelta(minutes=9), 3)
    assert not desk.answer_inquiry(press, s, T0 + timedelta(minutes=10))
    another = draft(crisis, plan)
    another.id, another.state = 4, StatementState.PUBLISHED
    with pytest.raises(IllegalTransition, match="error.inquiry_answered"):
        desk.answer_inquiry(press, another, T0)
