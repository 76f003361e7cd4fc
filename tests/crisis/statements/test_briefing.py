"""The employee briefing: the plan's all-staff channel and target, the template filled from the crisis and its
people (in the plan's language), approval under the statements rule and one publish to the all-staff target."""
from dataclasses import replace

import pytest
from slack_sdk import WebClient

from crisis.errors import BadInput, IllegalTransition, PlanError
from crisis.events import EventKind
from crisis.plan import ALL_STAFF_TARGET
from crisis.room.model import OpenCrisisForm
from crisis.statements import services
from crisis.statements.model import Decision, StatementState
from crisis.statements.services import DraftForm
from publishers.registry import build_publishers
from tests.crisis.fakes import FakePublisher
from tests.crisis.plans import make_plan, plan_data
from tests.crisis.rooms import close, kinds, open_one

STAFF = {"all_staff_channel": "#all-staff", "publish_channel": "#statements"}
ROLES = plan_data()["roles"] | {
    "spokesperson": {"name": "Spokesperson", "primary": "USPOKES"},
    "customer_care": {"name": "Customer care", "primary": "UCARE"},
}
FORM = OpenCrisisForm(title="Offensive ad video", severity="SEV2", kind="offensive_post",
                      description="A video of our ad is going viral for the wrong reasons")


@pytest.fixture
def plan():
    return make_plan(roles=ROLES, statements=STAFF)


@pytest.fixture
def staff():
    return FakePublisher("all-staff")


@pytest.fixture
def publishers(staff):
    return {ALL_STAFF_TARGET: [("Slack #all-staff", staff)]}


@pytest.fixture
def crisis(ports, chat):
    chat.display_names.update({"USPOKES": "Chris Doe", "UCARE": "Pat Lee"})
    return open_one(ports, form=FORM)


def test_the_all_staff_channel_gives_the_plan_an_all_staff_target_in_its_language():
    assert make_plan().statements.target(ALL_STAFF_TARGET) is None
    english = make_plan(statements=STAFF).statements
    assert (english.all_staff_channel, english.target_name(ALL_STAFF_TARGET)) == ("#all-staff", "All staff")
    assert make_plan(statements=STAFF, language="nl").statements.target_name(ALL_STAFF_TARGET) == "Alle medewerkers"
    with pytest.raises(PlanError, match="statements.all_staff_channel"):
        make_plan(statements={"all_staff_channel": "all staff"})


def test_the_all_staff_target_publishes_to_the_all_staff_channel_only(plan):
    publishers = build_publishers(plan, WebClient(token="xoxb-test"))
    assert [label for label, _ in publishers[ALL_STAFF_TARGET]] == ["Slack #all-staff"]
    assert [label for label, _ in publishers["x"]] == ["Slack #statements"]


def test_the_briefing_says_what_happened_what_not_to_say_and_who_takes_press_and_customers(ports, crisis):
    text = services.briefing_draft(crisis.channel_id, ports=ports)
    assert "What happened: A video of our ad is going viral for the wrong reasons\n" in text
    assert "What not to say:" in text and "outside Acme" in text
    assert "pass them straight on to Chris Doe (Spokesperson)." in text
    assert "refer them to Pat Lee (Customer care)." in text


def test_without_a_spokesperson_or_names_the_comms_lead_and_the_roles_are_named(ports, chat):
    ports = replace(ports, plan=make_plan(statements=STAFF, language="nl"))
    crisis = open_one(ports, form=FORM)
    chat.fail["names"] = ["ratelimited"]
    text = services.briefing_draft(crisis.channel_id, ports=ports)
    assert "Wat er is gebeurd: A video of our ad" in text
    assert "stuur ze meteen door naar de Comms lead." in text
    assert "verwijs ze naar onze klantenservice." in text


def test_no_all_staff_channel_is_refused_naming_the_plan_key(ports, crisis):
    ports = replace(ports, plan=make_plan(roles=ROLES))
    with pytest.raises(BadInput) as refused:
        services.briefing_draft(crisis.channel_id, ports=ports)
    assert (refused.value.key, refused.value.params["setting"]) == ("error.briefing_no_channel",
                                                                "statements.all_staff_channel")


def test_a_closed_crisis_gets_no_briefing(ports, crisis):
    close(ports, crisis)
    with pytest.raises(IllegalTransition):
        services.briefing_draft(crisis.channel_id, ports=ports)


def test_the_briefing_is_approved_under_the_rule_and_goes_to_all_staff_once(ports, crisis, staff):
    text = services.briefing_draft(crisis.channel_id, ports=ports)
    statement = services.draft(crisis.channel_id, DraftForm(target=ALL_STAFF_TARGET, text=text), user="USPOKES",
                               request_key="brief", ports=ports)
    services.decide(statement.id, Decision.APPROVE, user="UCOMMS", version=1, request_key="a1", ports=ports)
    assert staff.published == []  # comms_lead AND legal
    services.decide(statement.id, Decision.APPROVE, user="ULEGAL", version=1, request_key="a2", ports=ports)
    assert staff.published == [(statement.id, text)]
    assert services.publish(statement.id, ports=ports) is False
    assert services.publish_tick(ports=ports) == 0
    assert staff.published == [(statement.id, text)]
    with ports.uow() as uow:
        assert uow.statements.get(statement.id).state is StatementState.PUBLISHED
    assert kinds(ports, crisis)[-1] is EventKind.STATEMENT_PUBLISHED
