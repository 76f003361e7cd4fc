"""Statement rules without storage: drafts, length limits, approval rules (four eyes, any-N-of), edits, publish claims, deadlines, the press desk."""
from datetime import UTC, datetime, timedelta, timezone

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.i18n import render
from crisis.plan_parsing import parse_plan
from crisis.room.model import Crisis, CrisisStatus, RoleAssignment
from crisis.statements import length
from crisis.statements import press as desk
from crisis.statements import deadlines
from crisis.statements import rules as st
from crisis.statements.model import Decision, StatementState
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


# --- drafts and templates --------------------------------------------------------------------------

def test_new_draft_is_pending_version_one_by_its_author():
    s = draft(deadline=T0 + timedelta(hours=1))
    assert (s.state, s.current.number, s.current.author, s.target, s.crisis_id) == \
        (StatementState.PENDING, 1, "USOCIAL", "x", 7)
    assert s.deadline == T0 + timedelta(hours=1)


def test_template_placeholders_are_filled_from_the_crisis():
    text = st.fill_template(make_plan().statements.template("holding"), make_crisis(), make_plan())
    assert text == ("Acme is aware of the Offensive post (Offensive ad video, SEV2) since 2026-11-25 09:00 UTC. "
                    "More soon. {not_a_field")


def test_started_is_written_in_utc():
    crisis = make_crisis()
    crisis.opened_at = datetime(2026, 11, 25, 13, 30, tzinfo=timezone(timedelta(hours=2)))
    assert st.fill_template("{started}", crisis, make_plan()) == "2026-11-25 11:30 UTC"


def test_a_draft_from_a_template_takes_its_filled_text_unless_text_was_written():
    assert draft(text="", template="holding").current.text.startswith("Acme is aware of the Offensive post")
    assert draft(text="Own words", template="holding").current.text == "Own words"


@pytest.mark.parametrize("kw,field,key", [
    ({"text": "   "}, "text", "error.statement_text_required"),
    ({"text": "x" * (st.MAX_TEXT + 1), "target": "press"}, "text", "error.statement_too_long"),
    ({"target": "myspace"}, "target", "error.statement_unknown_target"),
    ({"template": "nope"}, "template", "error.statement_unknown_template"),
    ({"deadline": T0}, "deadline", "error.statement_deadline_past"),
    ({"deadline": T0 - timedelta(minutes=1)}, "deadline", "error.statement_deadline_past"),
])
def test_bad_drafts_name_the_field(kw, field, key):
    with pytest.raises(BadInput) as caught:
        draft(**kw)
    assert (caught.value.field, caught.value.key) == (field, key)
    render(st.msg(caught.value.key, **caught.value.params))  # every parameter the text needs is there


def test_no_drafts_in_a_closed_crisis():
    crisis = make_crisis()
    crisis.status = CrisisStatus.CLOSED
    with pytest.raises(IllegalTransition):
        draft(crisis)


def test_over_limit_draft_is_kept_and_shown():
    s = draft(text="a" * 281)
    assert length.length_check(s, make_plan()) == (281, 280, True)
    assert length.length_check(draft(text="a" * 280), make_plan()) == (280, 280, False)
    assert length.length_check(draft(text="a" * 5000, target="press"), make_plan()) == (5000, None, False)


# --- counting like the platforms -------------------------------------------------------------------

@pytest.mark.parametrize("text,count", [
    ("Read https://acme.example/a/very/long/path/that/goes/on/and/on/for/ever?x=1", 5 + 23),
    ("see x.co/a and http://t.co", 4 + 23 + 5 + 23),
    ("Details: acme.com.", 9 + 23 + 1),
    ("(https://acme.com/sorry)", 1 + 23 + 1),
    ("mail press@acme.com", 19),  # an address is no link
    ("Hi.Im here", 10),  # a country-code domain without a path is no link
    ("We are sorry", 12),
    ("日本語", 6),  # CJK counts double
    ("ok 👍🏽", 3 + 2),  # an emoji with skin tone counts 2
    ("👨‍👩‍👧", 2),  # a ZWJ family is one emoji
    ("🇩🇪", 2),  # a flag
    ("café", 4),  # NFC: e + combining accent is one character
])
def test_x_counts_links_as_23_and_weighs_characters(text, count):
    assert length.count_characters(text.replace("café", "cafe\u0301"), "x") == count


def test_a_long_link_does_not_push_an_x_post_over_the_limit():
    text = "a" * 250 + " https://acme.example/" + "p" * 200
    s = draft(text=text)
    assert length.length_check(s, make_plan()) == (250 + 1 + 23, 280, False)
    assert length.count_characters(text, "instagram") == len(text)


def test_mastodon_counts_links_as_23_and_remote_mentions_by_their_name():
    assert length.count_characters("@acme@mastodon.social https://acme.example/" + "p" * 100, "mastodon") == 5 + 1 + 23


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


# --- publishing -----------------------------------------------------------------------------------

def approved_statement():
    plan, crisis = make_plan(), make_crisis()
    s = draft(crisis, plan)
    approve(s, crisis, plan, "UCOMMS")
    approve(s, crisis, plan, "ULEGAL", minutes=2)
    return s, crisis, plan


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
