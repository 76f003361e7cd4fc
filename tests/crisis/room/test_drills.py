"""Drills: `/crisis drill [type]` opens a practice crisis marked DRILL in its channel name, title and card."""
import pytest

from crisis.errors import BadInput
from crisis.room import drills
from tests.crisis.rooms import close, open_one, stored


def test_a_drill_opens_a_practice_crisis_marked_drill(ports, chat, plan):
    opened = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports)
    crisis = stored(ports, opened.crisis)
    assert crisis.drill and crisis.kind == plan.crisis_types[0] and crisis.severity == plan.severities[0].key
    assert crisis.channel_name.startswith("drill-crisis-20261125-drill-")
    assert crisis.title.startswith("DRILL:")
    assert "_" not in crisis.title  # the type as people read it, not the plan's key
    assert sorted(c[1] for c in chat.named("page")) == ["UCOMMS", "ULEAD", "ULEGAL"]


def test_a_drill_of_a_named_type_and_the_same_command_twice_opens_one(ports, chat, plan):
    kind = plan.crisis_types[-1]
    first = drills.start_drill(kind.upper(), actor="USOMEONE", request_key="command:T1", ports=ports)
    again = drills.start_drill(kind, actor="USOMEONE", request_key="command:T1", ports=ports)
    assert first.crisis.kind == kind and again.crisis.id == first.crisis.id
    assert len(chat.named("create_channel")) == 1


def test_an_unknown_type_is_refused_with_the_plans_types(ports, plan):
    with pytest.raises(BadInput) as refused:
        drills.start_drill("meteor", actor="USOMEONE", request_key="command:T1", ports=ports)
    assert refused.value.key == "error.bad_drill_kind"
    assert plan.crisis_types[0] in refused.value.params["choices"]


def test_a_real_crisis_is_no_drill(ports):
    crisis = open_one(ports)
    assert not stored(ports, crisis).drill and not crisis.channel_name.startswith("drill-")


def test_a_drill_is_announced_to_its_participants_by_direct_message_only(ports, chat, plan):
    crisis = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    people = {u for r in crisis.roles for u in (r.user_id, r.backup_id) if u} | {"USOMEONE"}
    opened_to = [c[1] for c in chat.named("post") if c[2] == "announce.opened"]
    assert sorted(opened_to) == sorted(people) and "UCOMMS" in people
    close(ports, crisis)
    closed_to = [c[1] for c in chat.named("post") if c[2] == "announce.closed"]
    assert sorted(closed_to) == sorted(people)


def test_a_drill_is_not_announced_to_a_backup_who_left(ports, chat):
    """Deactivated in chat (gone from the company), the plan not yet updated: no direct message to them."""
    chat.not_people.add("UCOMMSB")
    crisis = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    assert "UCOMMSB" in {r.backup_id for r in crisis.roles}
    opened_to = [c[1] for c in chat.named("post") if c[2] == "announce.opened"]
    assert "UCOMMSB" not in opened_to and "UCOMMS" in opened_to
    close(ports, crisis)
    assert "UCOMMSB" not in [c[1] for c in chat.named("post") if c[2] == "announce.closed"]
