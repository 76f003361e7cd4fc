"""Room updates through the fakes: `/crisis update` (a drill's stays in its room), the update cadence, the combined
tick, and a chat platform without the optional capabilities (topics, pins, scheduled messages)."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis import ticks
from crisis.errors import BadInput, IllegalTransition
from crisis.events import EventKind
from crisis.room import drills, services, updates
from crisis.statements.ports import ScheduledPost
from tests.crisis.fakes import FakeBareChat, FakeRenderer
from tests.crisis.fakes.outside import T0
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, kinds, open_one, stored


def update(ports, crisis, text="Ad withdrawn", key="u1", user="UCOMMS"):
    return updates.post_update(crisis.channel_id, text, user=user, request_key=key, ports=ports)


def reminders(chat):
    return [c for c in chat.named("post") if c[2] == "update.reminder"]


def test_an_update_goes_to_the_room_the_timeline_and_the_stakeholders_and_resets_the_cadence(ports, chat, clock):
    ports = replace(ports, plan=make_plan(statements={"stakeholder_channel": "#leadership"}))
    crisis = open_one(ports)
    clock.advance(minutes=20)
    assert update(ports, crisis)
    assert stored(ports, crisis).next_update_due_at == clock.now() + timedelta(hours=1)
    assert kinds(ports, crisis)[-1] is EventKind.UPDATE_POSTED
    assert [c[1] for c in chat.named("post") if c[2] == "update.posted"] == [crisis.channel_id, "CLEADERSHIP"]
    assert not update(ports, crisis)  # the same request again
    assert kinds(ports, crisis).count(EventKind.UPDATE_POSTED) == 1


def test_a_drills_update_stays_in_its_room_and_says_the_stakeholder_channel_was_skipped(ports, chat):
    ports = replace(ports, plan=make_plan(statements={"stakeholder_channel": "#leadership"}))
    drill = drills.start_drill("", actor="USOMEONE", request_key="command:T1", ports=ports).crisis
    assert update(ports, drill)
    assert [c[1] for c in chat.named("post") if c[2] == "update.posted"] == [drill.channel_id]
    assert "CLEADERSHIP" not in [c[1] for c in chat.named("post")]
    [skipped] = [c[3] for c in chat.named("post") if c[2] == "update.drill_skipped"]
    assert "#leadership" in skipped and "skipped: drill" in skipped
    assert kinds(ports, drill)[-1] is EventKind.UPDATE_POSTED


def test_an_empty_update_or_one_in_a_closed_crisis_is_refused(ports):
    crisis = open_one(ports)
    with pytest.raises(BadInput):
        update(ports, crisis, text="  ")
    close(ports, crisis)
    with pytest.raises(IllegalTransition):
        update(ports, crisis, key="u2")


def test_the_comms_lead_is_reminded_once_per_cadence_without_an_update(ports, chat, clock):
    crisis = open_one(ports)
    clock.advance(minutes=59)
    assert updates.cadence_tick(ports=ports) == 0
    clock.advance(minutes=1)
    assert updates.cadence_tick(ports=ports) == 1
    assert updates.cadence_tick(ports=ports) == 0
    assert "UCOMMS" in reminders(chat)[0][3] and reminders(chat)[0][1] == crisis.channel_id
    clock.advance(minutes=30)
    update(ports, crisis)
    clock.advance(minutes=45)
    assert updates.cadence_tick(ports=ports) == 0  # the update reset the cadence
    clock.advance(minutes=15)
    assert updates.cadence_tick(ports=ports) == 1
    assert len(reminders(chat)) == 2


def test_a_higher_severity_shortens_the_cadence_and_a_closed_crisis_is_not_reminded(ports, chat, clock):
    crisis = open_one(ports)
    services.change_severity(crisis.channel_id, "SEV1", user="ULEAD", request_key="s", ports=ports)
    assert stored(ports, crisis).next_update_due_at == T0 + timedelta(minutes=30)
    clock.advance(minutes=30)
    assert updates.cadence_tick(ports=ports) == 1
    close(ports, crisis)
    clock.advance(hours=5)
    assert updates.cadence_tick(ports=ports) == 0
    assert len(reminders(chat)) == 1


def test_the_room_tick_does_every_timed_thing_once(ports, chat, clock):
    crisis = open_one(ports)
    clock.advance(hours=1)
    report = ticks.room_tick(ports=ports, render=FakeRenderer())
    assert (report.pages.escalated, report.update_reminders) == (3, 1)
    again = ticks.room_tick(ports=ports, render=FakeRenderer())
    assert (again.pages.escalated, again.update_reminders, again.deadline_notices, again.press_reminders,
            again.debriefs) == (0, 0, 0, 0, 0)
    assert kinds(ports, crisis).count(EventKind.ESCALATED) == 3


def test_the_timeline_use_case_gives_the_crisis_and_its_events_in_order(ports, clock):
    crisis = open_one(ports)
    clock.advance(minutes=1)
    services.add_note(crisis.channel_id, "Press called", user="UCOMMS", request_key="n", ports=ports)
    found, events = services.timeline(crisis.channel_id, ports=ports)
    assert found.id == crisis.id and events[0].kind is EventKind.OPENED and events[-1].kind is EventKind.NOTE
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_giving_a_role_to_its_holder_changes_nothing(ports, chat):
    crisis = open_one(ports)
    before = kinds(ports, crisis)
    assert not services.assign_role(crisis.channel_id, "legal", "ULEGAL", user="ULEAD", request_key="r", ports=ports)
    assert kinds(ports, crisis) == before


def test_a_request_key_is_claimed_once(ports):
    assert services.first_time("modal:1", ports=ports)
    assert not services.first_time("modal:1", ports=ports)


# --- a chat platform with only what every platform must have -----------------------------------------------

def test_without_topics_pins_or_schedules_the_room_is_still_set_up_and_closed(ports):
    chat = FakeBareChat()
    chat.scheduled = {"CBRAND": [ScheduledPost("Q1", "CBRAND", "Deals!", T0 + timedelta(hours=3))]}
    ports = replace(ports, chat=chat, plan=make_plan(statements={"brand_channels": ["#brand"]}))
    crisis = open_one(ports)
    assert crisis.card_ts and crisis.announced and crisis.set_up_at
    assert {c[0] for c in chat.calls} >= {"create_channel", "invite", "post_card", "page"}
    assert not {"set_topic", "pin", "delete_scheduled"} & {c[0] for c in chat.calls}
    with ports.uow() as uow:
        assert uow.paused_posts.for_crisis(crisis.id) == []
    assert close(ports, crisis).closed_at is not None
    assert chat.named("offer_paused_posts") == []


def test_raising_the_severity_brings_the_next_reminder_nearer_and_lowering_it_puts_it_off(ports, chat, clock):
    crisis = open_one(ports)  # SEV2: an update every hour
    clock.advance(minutes=50)
    services.change_severity(crisis.channel_id, "SEV1", user="ULEAD", request_key="s1", ports=ports)  # every 30 min
    assert stored(ports, crisis).next_update_due_at == clock.now()  # 50 minutes without an update: due now
    assert updates.cadence_tick(ports=ports) == 1 and len(reminders(chat)) == 1
    clock.advance(minutes=10)
    services.change_severity(crisis.channel_id, "SEV3", user="ULEAD", request_key="s2", ports=ports)  # every 4 h
    assert stored(ports, crisis).next_update_due_at == clock.now() - timedelta(minutes=10) + timedelta(hours=4)
