"""A statement not out yet follows the rule in force and today's role holders: a severity change or a role handed on
publishes what the rule now approves and sends back what it no longer does (published once, never unapproved)."""
import pytest

from crisis.errors import PublishFailed
from crisis.room import services as room
from crisis.room.model import OpenCrisisForm
from crisis.statements import services
from crisis.statements.model import Decision, StatementState
from tests.crisis.fakes import FakePublisher
from tests.crisis.plans import make_plan
from tests.crisis.rooms import open_one
from tests.crisis.statements.test_services import decide, draft, saved

SEV1 = OpenCrisisForm(title="Leak", severity="SEV1", kind="offensive_post")
SEV3 = OpenCrisisForm(title="Leak", severity="SEV3", kind="offensive_post")


@pytest.fixture
def plan():
    return make_plan(statement_approval={"SEV1": "comms_lead AND legal", "default": "comms_lead"})


@pytest.fixture
def publishers():
    return {"x": [("x", FakePublisher("x"))]}


def published(publishers):
    return publishers["x"][0][1].published


def test_lowering_the_severity_publishes_once_a_statement_the_rule_in_force_now_approves(ports, chat, clock,
                                                                                         publishers):
    crisis = open_one(ports, form=SEV1)
    statement = draft(ports, crisis, user="ULEAD")
    decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).state is StatementState.PENDING

    assert room.change_severity(crisis.channel_id, "SEV3", user="ULEAD", request_key="sev", ports=ports)

    assert saved(ports, statement).state is StatementState.PUBLISHED
    assert len(published(publishers)) == 1
    assert chat.named("update_statement")[-1][2] == "published"
    clock.advance(minutes=10)
    services.publish_tick(ports=ports)
    room.change_severity(crisis.channel_id, "SEV1", user="ULEAD", request_key="sev1", ports=ports)
    assert saved(ports, statement).state is StatementState.PUBLISHED and len(published(publishers)) == 1


def test_raising_the_severity_sends_an_approved_statement_not_out_yet_back_to_waiting(ports, chat, clock,
                                                                                       publishers):
    publishers["x"][0][1].fail = [PublishFailed("X answered 503")]
    crisis = open_one(ports, form=SEV3)
    statement = draft(ports, crisis, user="ULEAD")
    decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).state is StatementState.APPROVED and not published(publishers)

    room.change_severity(crisis.channel_id, "SEV1", user="ULEAD", request_key="sev", ports=ports)

    kept = saved(ports, statement)
    assert (kept.state, kept.publish_due_at) == (StatementState.PENDING, None)
    assert chat.named("update_statement")[-1][2] == "pending"
    clock.advance(hours=1)
    services.publish_tick(ports=ports)
    assert not published(publishers)
    decide(ports, statement, "ULEGAL")
    assert saved(ports, statement).state is StatementState.PUBLISHED and len(published(publishers)) == 1


def test_a_role_coming_back_releases_a_statement_its_holders_approved(ports, chat, publishers):
    crisis = open_one(ports, form=SEV1)
    statement = draft(ports, crisis, user="ULEAD")
    decide(ports, statement, "ULEGAL")
    room.assign_role(crisis.channel_id, "legal", "UOTHER", user="ULEAD", request_key="away", ports=ports)
    decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).state is StatementState.PENDING  # legal's approval lapsed with the role

    room.assign_role(crisis.channel_id, "legal", "ULEGAL", user="ULEAD", request_key="back", ports=ports)

    assert saved(ports, statement).state is StatementState.PUBLISHED and len(published(publishers)) == 1


def test_handing_on_an_approving_role_sends_an_approved_statement_not_out_yet_back_to_waiting(ports, publishers):
    publishers["x"][0][1].fail = [PublishFailed("X answered 503")]
    crisis = open_one(ports, form=SEV3)
    statement = draft(ports, crisis, user="ULEAD")
    decide(ports, statement, "UCOMMS")
    assert saved(ports, statement).state is StatementState.APPROVED

    room.assign_role(crisis.channel_id, "comms_lead", "UNEWCOMMS", user="ULEAD", request_key="as", ports=ports)

    kept = saved(ports, statement)
    assert (kept.state, kept.publish_due_at) == (StatementState.PENDING, None)
    decide(ports, statement, "UNEWCOMMS", key="new")
    assert saved(ports, statement).state is StatementState.PUBLISHED
