"""Work a dead replica held under a lease (a room's set-up, a page's delivery) is taken over as soon as the replica
has been silent for RUNNER_SILENT_AFTER, not at the lease's end; a live replica's is never taken; and a page
acknowledged before its delivery was recorded is still recorded, so the acknowledgement shows on every copy."""
from dataclasses import replace

import pytest

from crisis import due
from crisis.debrief.closing import closes_tick
from crisis.errors import NotYet
from crisis.events import EventKind
from crisis.room import pages as paging
from crisis.room import services
from crisis.room.rules import DELIVERY_LEASE, SET_UP_LEASE
from crisis.room.showing import ACK_BEING_MARKED
from tests.crisis.rooms import FORM, close, kinds


class Died(BaseException):
    """The replica stops where this is raised (kill -9): nothing after it runs, not even `except Exception`."""


@pytest.fixture
def dead(ports):
    """The replica that dies; it beat last when the story starts."""
    dead = replace(ports, runner="dead")
    due.beat(ports=dead)
    return dead


@pytest.fixture
def alive(ports):
    return replace(ports, runner="alive")


def open_and_die(dead):
    with pytest.raises(Died):
        services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=dead)
    with dead.uow() as uow:
        return uow.crises.get(1)


def tick_alive(alive, clock, seconds):
    clock.advance(seconds=seconds)
    due.beat(ports=alive)
    return services.tick(ports=alive)


def test_a_set_up_whose_replica_died_is_taken_over_once_it_is_silent(dead, alive, chat, clock):
    chat.fail["create_channel"] = [Died()]
    crisis = open_and_die(dead)
    assert crisis.set_up_runner == "dead" and crisis.channel_id is None
    assert tick_alive(alive, clock, 30).rooms_finished == 0  # silent for 30 s: perhaps only slow
    report = tick_alive(alive, clock, due.RUNNER_SILENT_AFTER.total_seconds() - 29)
    assert report.rooms_finished == 1 and report.delivered == 0  # the new set-up sent its pages itself
    assert clock.now() - crisis.opened_at < SET_UP_LEASE / 5
    with alive.uow() as uow:
        crisis = uow.crises.get(crisis.id)
        assert crisis.set_up_at and crisis.channel_id and crisis.set_up_runner == "alive"
    assert sorted(c[1] for c in chat.named("page")) == ["UCOMMS", "ULEAD", "ULEGAL"]


def test_a_live_replica_keeps_its_set_up_until_its_lease_ends(dead, alive, chat, clock):
    chat.fail["create_channel"] = [Died()]
    crisis = open_and_die(dead)
    for _ in range(int(SET_UP_LEASE.total_seconds() // 60) - 1):
        clock.advance(seconds=50)
        due.beat(ports=dead)  # still beating: its thread is only slow
        assert tick_alive(alive, clock, 10).rooms_finished == 0
    assert tick_alive(alive, clock, 120).rooms_finished == 1  # the lease ended: the tick runs it again
    assert [c[1] for c in chat.named("create_channel")] == [crisis.channel_name or "crisis-20261125-offensive-ad-video"] * 2


def test_a_replica_never_heard_of_is_not_taken_for_dead(ports, alive, chat, clock):
    chat.fail["create_channel"] = [Died()]
    open_and_die(replace(ports, runner="never beat"))
    assert tick_alive(alive, clock, 5 * due.RUNNER_SILENT_AFTER.total_seconds()).rooms_finished == 0
    assert tick_alive(alive, clock, SET_UP_LEASE.total_seconds()).rooms_finished == 1


def test_pages_a_dead_replica_was_sending_are_sent_once_it_is_silent(dead, alive, chat, clock):
    chat.fail["page:ULEGAL"] = [Died()]  # the other pages may have gone out: their outcome is not recorded
    crisis = open_and_die(dead)
    assert crisis.set_up_at is not None
    with dead.uow() as uow:
        assert all(p.runner == "dead" and p.delivered_at is None for p in uow.pages.for_crisis(crisis.id))
    assert tick_alive(alive, clock, 30).delivered == 0
    assert tick_alive(alive, clock, 31).delivered == 3
    assert clock.now() - crisis.opened_at < DELIVERY_LEASE / 5
    assert kinds(dead, crisis).count(EventKind.PAGED) == 3


def test_a_page_acknowledged_before_its_delivery_was_recorded_is_recorded_and_marked(ports, chat, clock):
    chat.fail["page:ULEGAL"] = ["timeout"]  # the answer was lost; the DM and channel copy landed
    crisis = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=ports).crisis
    with ports.uow() as uow:
        legal = next(p for p in uow.pages.for_crisis(crisis.id) if p.role == "legal")
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports,
                            clicked=("DULEGAL", "1764061200.000099"))
    assert kinds(ports, crisis).count(EventKind.PAGED) == 3  # the click says it reached legal
    marked = len(chat.named("page_acked"))
    clock.advance(minutes=1)
    assert services.tick(ports=ports).delivered == 1  # the chat finds the copies that landed (keys)
    with ports.uow() as uow:
        legal = uow.pages.get(legal.id)
    assert legal.delivered_at and legal.channel_ts and legal.dm_ts
    assert len(chat.named("page_acked")) == marked + 1  # now marked on the channel copy too
    assert kinds(ports, crisis).count(EventKind.PAGED) == 3
    clock.advance(minutes=10)
    assert services.tick(ports=ports).delivered == 0


def test_the_open_request_run_again_finishes_the_dead_replicas_set_up_and_tells_the_opener(dead, alive, chat, clock):
    chat.fail["create_channel"] = [Died()]
    crisis = open_and_die(dead)
    clock.advance(seconds=30)
    with pytest.raises(NotYet):  # perhaps only slow: the request waits in the inbox
        services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=alive)
    clock.advance(seconds=due.RUNNER_SILENT_AFTER.total_seconds())
    due.beat(ports=alive)
    again = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=alive)
    assert again.crisis.id == crisis.id and again.crisis.set_up_at and again.crisis.channel_id
    assert len(chat.named("page")) == 3
    assert services.tick(ports=alive).rooms_finished == 0


def test_a_click_on_a_page_whose_marker_died_marks_it_at_once(dead, alive, chat, clock):
    crisis = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=alive).crisis
    with alive.uow() as uow:
        legal = next(p for p in uow.pages.for_crisis(crisis.id) if p.role == "legal")
    chat.fail["mark_page_acknowledged"] = [Died()]
    with pytest.raises(Died):
        paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=dead)
    assert chat.named("page_acked") == []
    clock.advance(seconds=20)  # the person sees the button still there and clicks again
    again = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="b", ports=alive)
    assert again.already_by == "ULEGAL"
    assert chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")]
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="c", ports=alive)
    assert len(chat.named("page_acked")) == 1  # marked: a third click changes nothing


def test_clicks_while_the_mark_is_on_its_way_do_not_make_it_again(dead, alive, chat, clock):
    crisis = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=alive).crisis
    with alive.uow() as uow:
        legal = next(p for p in uow.pages.for_crisis(crisis.id) if p.role == "legal")
    chat.fail["mark_page_acknowledged"] = [Died()]
    with pytest.raises(Died):  # as far as a second click can tell, the mark is still being made
        paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=dead)
    for seconds, key in ((1, "b"), (ACK_BEING_MARKED.total_seconds() - 2, "c")):  # 1 s and 9 s after it
        clock.advance(seconds=seconds)
        assert paging.acknowledge_page(legal.id, user="ULEGAL", request_key=key, ports=alive).already_by == "ULEGAL"
    assert chat.named("page_acked") == []
    clock.advance(seconds=2)  # longer than a mark takes: its marker died, and the next click marks the page
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="d", ports=alive)
    assert chat.named("page_acked") == [("page_acked", "ULEGAL", "legal")]


def test_a_set_up_run_again_adopts_the_channel_its_dead_runner_made(dead, alive, chat, clock):
    chat.fail["create_channel:answer"] = [Died()]  # Slack made the channel; the runner died before hearing so
    crisis = open_and_die(dead)
    assert crisis.channel_id is None
    assert tick_alive(alive, clock, 61).rooms_finished == 1
    with alive.uow() as uow:
        crisis = uow.crises.get(crisis.id)
    assert (crisis.channel_id, crisis.channel_name) == (chat.made[crisis.channel_name].id,
                                                        "crisis-20261125-offensive-ad-video")
    assert len(chat.made) == 1


def test_a_channel_the_bot_made_for_another_crisis_is_not_adopted(ports, chat):
    first = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=ports).crisis
    second = services.open_crisis(FORM, actor="UOPENER", request_key="view:V2", ports=ports).crisis
    assert (first.channel_name, second.channel_name) == ("crisis-20261125-offensive-ad-video",
                                                         "crisis-20261125-offensive-ad-video-2")


def test_an_acknowledgement_run_again_answers_as_the_first_time(ports):
    crisis = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=ports).crisis
    with ports.uow() as uow:
        legal = next(p for p in uow.pages.for_crisis(crisis.id) if p.role == "legal")
    first = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports)
    again = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports)
    assert (again.role, again.already_by, again.crisis.id) == (first.role, None, crisis.id)
    assert paging.acknowledge_page(legal.id, user="UCOMMS", request_key="a", ports=ports) is None
    assert kinds(ports, crisis).count(EventKind.ACKNOWLEDGED) == 1


def test_a_close_whose_teller_died_is_told_once_it_is_silent(dead, alive, chat, clock):
    crisis = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=alive).crisis
    chat.fail["invite_to_debrief:ULEGAL"] = [Died()]
    with pytest.raises(Died):
        close(dead, crisis)
    invited = {c[1] for c in chat.named("invite_to_debrief")}
    clock.advance(seconds=30)
    due.beat(ports=alive)
    assert closes_tick(ports=alive) == 0  # perhaps only slow
    clock.advance(seconds=31)
    due.beat(ports=alive)
    assert closes_tick(ports=alive) == 1
    assert "ULEGAL" in {c[1] for c in chat.named("invite_to_debrief")} - invited


def test_a_replica_whose_clock_passed_its_own_beat_never_takes_over_from_itself(dead, chat, clock):
    """Its sending thread may still be at work (a stalled process, a clock jumped forward): sending again from the
    tick would say things twice. It waits for its own lease; another replica would take over."""
    chat.fail["page:ULEGAL"] = [Died()]
    crisis = open_and_die(dead)
    clock.advance(seconds=5 * due.RUNNER_SILENT_AFTER.total_seconds())
    assert services.tick(ports=dead).delivered == 0
    chat.fail["invite_to_debrief:ULEGAL"] = [Died()]
    with pytest.raises(Died):
        close(dead, crisis)
    clock.advance(seconds=5 * due.RUNNER_SILENT_AFTER.total_seconds())
    assert closes_tick(ports=dead) == 0
    clock.advance(seconds=due.lease(calls=20).total_seconds())  # longer than its lease, whatever it had to say
    assert closes_tick(ports=dead) == 1
