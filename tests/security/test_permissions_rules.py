"""The permission model's rules and use cases on the in-memory fakes: the plan's people, the approving roles,
and refusals the sandbox cannot send (a questionnaire submitted by someone never shown it)."""
from datetime import timedelta

import pytest

from crisis.debrief import services as debrief
from crisis.errors import NotAuthorised, PlanError
from crisis.events import EventKind
from crisis.ports import Ports
from crisis.room import permissions
from crisis.room.permissions import Authority
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, kinds, open_one

NOBODY = Authority(frozenset(), frozenset())


def ports_for(plan=None, chat=None):
    return Ports(plan=plan or make_plan(), uow=FakeDatabase(), chat=chat or FakeChat(), clock=FakeClock(),
                 publishers={})


def test_admins_and_responders_are_resolved_and_a_role_means_its_primary_and_backup():
    chat = FakeChat(users={"zoe@acme.example": "UZOE"})
    plan = make_plan(admins=["zoe@acme.example", "nobody@acme.example"])
    assert permissions.authority(plan, chat.resolve_user) == Authority(
        frozenset({"UZOE"}), frozenset({"UZOE", "ULEAD", "ULEADB"}))
    named = make_plan(admins=["UADMIN"], monitor={"responders": ["comms_lead", "USOCIAL"]})
    assert permissions.authority(named, chat.resolve_user).responders == {"UCOMMS", "UCOMMSB", "USOCIAL"}
    assert permissions.authority(make_plan(monitor={"responders": []}), chat.resolve_user).responders == set()


@pytest.mark.parametrize("changes,path", [
    ({"admins": "UADMIN"}, "admins"),
    ({"admins": ["the boss"]}, "admins.0"),
    ({"admins": ["legal"]}, "admins.0"),  # a role key names no one here
    ({"monitor": {"responders": ["UOK", "janitor"]}}, "monitor.responders.1"),
    ({"monitor": {"responders": None}}, "monitor.responders"),
])
def test_bad_admins_or_responders_are_one_plan_error_naming_the_key(changes, path):
    with pytest.raises(PlanError) as error:
        make_plan(**changes)
    assert error.value.path == path


def test_every_role_of_any_severitys_rule_approves_and_without_rules_the_comms_lead():
    assert permissions.approving_roles(make_plan()) == {"comms_lead", "legal"}
    assert permissions.approving_roles(make_plan(statement_approval={"SEV1": "any 1 of legal, crisis_lead"})) == {
        "legal", "crisis_lead", "comms_lead"}
    assert permissions.approving_roles(make_plan(statement_approval={})) == {"comms_lead"}


def test_the_lead_is_who_holds_the_role_or_acknowledged_its_page():
    ports = ports_for()
    crisis = open_one(ports)
    crisis.role("crisis_lead").acked_by = "ULEADB"
    assert [permissions.is_lead(crisis, ports.plan, u) for u in ("ULEAD", "ULEADB", "UCOMMS")] == [True, True, False]
    with pytest.raises(NotAuthorised, match="error.assign_self_approver"):
        permissions.check_may_assign(crisis, ports.plan, "ULEADB", "legal", "ULEADB", NOBODY)
    permissions.check_may_assign(crisis, ports.plan, "ULEADB", "legal", "UOTHER", NOBODY)


def test_a_questionnaire_submitted_by_someone_not_invited_is_refused_and_nothing_is_stored():
    ports = ports_for()
    crisis = close(ports, open_one(ports))
    with pytest.raises(NotAuthorised, match="error.debrief_not_invited"):
        debrief.submit(crisis.id, {"went_well": "All"}, [("Hire me", "UOUT", None)], user="UOUT", ports=ports)
    with ports.uow() as uow:
        assert uow.debriefs.responses(crisis.id) == [] and uow.follow_ups.for_crisis(crisis.id) == []
    assert EventKind.DEBRIEF_ANSWERED not in kinds(ports, crisis)


def test_follow_ups_of_a_crisis_whose_members_are_unknown_go_only_to_the_people_on_it():
    chat = FakeChat()
    ports = ports_for(chat=chat)
    crisis = close(ports, open_one(ports))
    debrief.submit(crisis.id, {}, [("Fix the FAQ", "UCOMMS", ports.clock.now() + timedelta(days=2))], user="ULEGAL",
                   ports=ports)
    chat.members[crisis.channel_id] = ["UWATCHER"]
    assert [f.text for f, _ in debrief.open_follow_ups(user="UWATCHER", ports=ports)] == ["Fix the FAQ"]
    chat.fail["channel_members"] = ["missing_scope"]
    assert debrief.open_follow_ups(user="UWATCHER", ports=ports) == []
    assert [f.text for f, _ in debrief.open_follow_ups(user="UCOMMSB", ports=ports)] == ["Fix the FAQ"]  # a backup
