"""Statement use cases through the fakes: draft, decide (four eyes), edit, publish once, retry, deadlines."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised, UnknownCrisis
from crisis.events import EventKind
from crisis.statements import services
from crisis.statements.model import Decision, StatementState
from crisis.statements.services import DraftForm
from tests.crisis.fakes import FakePublisher
from tests.crisis.rooms import close, kinds, open_one, stored

A, C, R = Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT
TEXT = "We are sorry and we are on it."


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x")), ("mastodon", FakePublisher("mastodon"))]}


@pytest.fixture
def crisis(ports):
    return open_one(ports)


def draft(ports, crisis, key="d1", user="USOCIAL", **form):
    form = {"target": "x", "text": TEXT} | form
    return services.draft(crisis.channel_id, DraftForm(**form), user=user, request_key=key, ports=ports)


def decide(ports, statement, user, decision=A, key=None, version=1, note=""):
    return services.decide(statement.id, decision, user=user, version=version, note=note,
                           request_key=key or f"{user}-{decision}-{version}", ports=ports)


def saved(ports, statement):
    with ports.uow() as uow:
        return uow.statements.get(statement.id)


def card_facts(chat):
    return chat.named("update_card")[-1][5]


def test_a_draft_is_stored_pending_on_the_timeline_and_posted_as_a_card(ports, chat, crisis):
    statement = draft(ports, crisis)
    kept = saved(ports, statement)
    assert (kept.state, kept.current.number, kept.current.text, kept.author) == \
        (StatementState.PENDING, 1, TEXT, "USOCIAL")
    posted = chat.named("post_statement")
    assert posted == [("post_statement", statement.id, "pending", 1, kept.message_ts)]
    assert kept.channel_id == crisis.channel_id
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_DRAFTED


def test_a_repeated_draft_request_stores_one_statement(ports, crisis):
    draft(ports, crisis)
    assert draft(ports, crisis) is None
    with ports.uow() as uow:
        assert len(uow.statements.for_crisis(crisis.id)) == 1


def test_a_draft_whose_card_fails_is_kept_without_a_message(ports, chat, crisis):
    chat.fail["post_statement"] = ["ratelimited"]
    statement = draft(ports, crisis)
    assert saved(ports, statement).message_ts is None
    assert saved(ports, statement).state is StatementState.PENDING


def test_bad_drafts_and_unknown_channels_store_nothing(ports, crisis):
    with pytest.raises(BadInput) as error:
        draft(ports, crisis, target="carrier_pigeon")
    assert error.value.field == "target"
    with pytest.raises(UnknownCrisis):
        services.draft("CNOWHERE", DraftForm("x", TEXT), user="U1", request_key="k", ports=ports)
    with ports.uow() as uow:
        assert uow.statements.for_crisis(crisis.id) == []


def test_one_approval_records_the_role_and_waits_for_the_other(ports, chat, crisis):
    statement = draft(ports, crisis)
    result = decide(ports, statement, "UCOMMS")
    assert not result.approved and result.missing == ["legal"]
    kept = saved(ports, statement)
    assert [(a.role, a.user) for a in kept.approvals] == [("comms_lead", "UCOMMS")]
    assert kept.state is StatementState.PENDING
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_APPROVED
    assert chat.named("update_statement")[-1][1:3] == (statement.id, "pending")
    assert card_facts(chat).statements_waiting == 1


def test_the_author_cannot_approve_even_holding_a_role_and_nothing_is_kept(ports, crisis):
    statement = draft(ports, crisis, user="UCOMMS")
    with pytest.raises(NotAuthorised):
        decide(ports, statement, "UCOMMS", key="k1")
    assert saved(ports, statement).approvals == []
    assert decide(ports, statement, "ULEGAL", key="k1") is not None  # the refused request's key was not kept


def test_someone_without_a_role_of_the_rule_cannot_approve(ports, crisis):
    statement = draft(ports, crisis)
    with pytest.raises(NotAuthorised):
        decide(ports, statement, "UOPENER")


def test_a_repeated_decision_request_is_recorded_once(ports, crisis):
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS", key="same")
    assert decide(ports, statement, "UCOMMS", key="same") is None
    assert len(saved(ports, statement).approvals) == 1


def test_both_roles_approving_publishes_once_everywhere(ports, chat, clock, crisis, publishers):
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    clock.advance(minutes=5)
    assert decide(ports, statement, "ULEGAL").approved
    kept = saved(ports, statement)
    assert kept.state is StatementState.PUBLISHED and kept.published_at == clock.now()
    assert kept.published_ref == "x: https://x.example/1 · mastodon: https://mastodon.example/1"
    assert [p.published for _, p in publishers["x"]] == [[(statement.id, TEXT)], [(statement.id, TEXT)]]
    assert stored(ports, crisis).next_update_due_at == clock.now() + timedelta(hours=1)
    assert kinds(ports, crisis)[-2:] == [EventKind.STATEMENT_APPROVED, EventKind.STATEMENT_PUBLISHED]
    assert chat.posted(crisis.channel_id)[-1] == "statement.published"
    assert chat.post_keys[-1] == f"notice:{statement.id}:statement.published:v1"  # found, if sent before a crash
    assert card_facts(chat).statements_published == 1
    assert services.publish(statement.id, ports=ports) is False
    assert [len(p.published) for _, p in publishers["x"]] == [1, 1]


def test_a_target_without_publishers_is_published_nowhere_but_marked_published(ports, chat, crisis):
    statement = draft(ports, crisis, target="press")
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    assert saved(ports, statement).state is StatementState.PUBLISHED
    assert chat.posted(crisis.channel_id)[-1] == "statement.published_nowhere"


def test_a_target_that_only_reached_the_statements_channel_is_said_to_need_posting_by_hand(ports, chat, crisis,
                                                                                          publishers):
    publishers["x"] = [("Slack #statements", FakePublisher("statements", inside_workspace=True))]
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    assert saved(ports, statement).state is StatementState.PUBLISHED
    assert chat.posted(crisis.channel_id)[-1] == "statement.published_in_chat"


def test_a_failed_publisher_is_retried_without_publishing_twice_where_it_worked(ports, chat, clock, crisis,
                                                                                 publishers):
    x, mastodon = (p for _, p in publishers["x"])
    mastodon.fail = ["instance down"]
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    kept = saved(ports, statement)
    assert kept.state is StatementState.APPROVED and kept.publish_error == "mastodon: instance down"
    assert kept.published_ref == "x: https://x.example/1" and kept.publishing_since is None
    assert EventKind.STATEMENT_PUBLISH_FAILED in kinds(ports, crisis)
    assert chat.posted(crisis.channel_id)[-1] == "statement.publish_retrying"
    clock.advance(seconds=5)
    assert services.publish_tick(ports=ports) == 0  # backing off
    clock.advance(seconds=5)
    assert services.publish_tick(ports=ports) == 1
    assert (len(x.published), len(mastodon.published)) == (1, 1)
    kept = saved(ports, statement)
    assert kept.state is StatementState.PUBLISHED and kept.publish_attempts == 2
    assert kept.published_ref == "x: https://x.example/1 · mastodon: https://mastodon.example/1"


def test_changes_requested_then_an_edit_waits_for_approval_of_the_new_version(ports, chat, crisis):
    statement = draft(ports, crisis)
    decide(ports, statement, "UCOMMS")
    with pytest.raises(BadInput):
        decide(ports, statement, "ULEGAL", C)  # a note is needed
    decide(ports, statement, "ULEGAL", C, note="Too vague")
    assert saved(ports, statement).state is StatementState.CHANGES_REQUESTED
    services.edit(statement.id, "We are truly sorry.", user="USOCIAL", request_key="e1", ports=ports)
    kept = saved(ports, statement)
    assert (kept.state, kept.current.number, kept.current.author) == (StatementState.PENDING, 2, "USOCIAL")
    assert [v.text for v in kept.versions] == [TEXT, "We are truly sorry."]
    assert kinds(ports, crisis)[-3:] == [EventKind.STATEMENT_APPROVED, EventKind.STATEMENT_CHANGES_REQUESTED,
                                         EventKind.STATEMENT_EDITED]
    with pytest.raises(IllegalTransition):
        decide(ports, statement, "ULEGAL", version=1)
    assert not decide(ports, statement, "ULEGAL", version=2).approved  # the comms lead's approval was of v1
    assert decide(ports, statement, "UCOMMS", version=2).approved


def test_an_unchanged_edit_makes_no_version_and_others_may_not_edit(ports, crisis):
    statement = draft(ports, crisis)
    services.edit(statement.id, TEXT, user="USOCIAL", request_key="e1", ports=ports)
    assert saved(ports, statement).current.number == 1
    assert EventKind.STATEMENT_EDITED not in kinds(ports, crisis)
    with pytest.raises(NotAuthorised):
        services.edit(statement.id, "Mine now", user="ULEGAL", request_key="e2", ports=ports)
    services.edit(statement.id, "The comms lead may", user="UCOMMS", request_key="e3", ports=ports)
    assert saved(ports, statement).current.author == "UCOMMS"


def test_a_rejected_statement_takes_no_more_decisions(ports, crisis):
    statement = draft(ports, crisis)
    decide(ports, statement, "ULEAD", R, note="Not needed")
    assert saved(ports, statement).state is StatementState.REJECTED
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_REJECTED
    with pytest.raises(IllegalTransition):
        decide(ports, statement, "UCOMMS")
    with pytest.raises(IllegalTransition):
        services.edit(statement.id, "Again", user="USOCIAL", request_key="e", ports=ports)


def test_no_decisions_once_the_crisis_is_closed(ports, crisis):
    statement = draft(ports, crisis)
    close(ports, crisis)
    with pytest.raises(IllegalTransition):
        decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).approvals == []


def test_the_deadline_reminds_waiting_approvers_once_then_tells_the_lead_once(ports, chat, clock, crisis):
    statement = draft(ports, crisis, deadline=clock.now() + timedelta(minutes=40))
    decide(ports, statement, "UCOMMS")
    assert services.deadline_tick(ports=ports) == 0
    clock.advance(minutes=30)
    assert services.deadline_tick(ports=ports) == 1
    notices = [c[3] for c in chat.named("post") if c[2] == "statement.deadline_notice"]
    assert len(notices) == 1 and "ULEGAL" in notices[0] and "UCOMMS" not in notices[0]
    assert services.deadline_tick(ports=ports) == 0
    clock.advance(minutes=11)
    assert services.deadline_tick(ports=ports) == 1
    notices = [c[3] for c in chat.named("post") if c[2] == "statement.deadline_notice"]
    assert len(notices) == 2 and "ULEAD" in notices[1]
    assert services.deadline_tick(ports=ports) == 0
    kept = saved(ports, statement)
    assert kept.deadline_reminded_at and kept.deadline_passed_told


def test_an_approved_statement_has_no_deadline_notices(ports, clock, crisis):
    statement = draft(ports, crisis, target="press", deadline=clock.now() + timedelta(minutes=40))
    decide(ports, statement, "UCOMMS")
    decide(ports, statement, "ULEGAL")
    clock.advance(hours=1)
    assert services.deadline_tick(ports=ports) == 0
