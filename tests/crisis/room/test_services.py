"""The crisis room's use cases through the fakes: open, page, acknowledge, escalate, note, assign, close."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised, UnknownCrisis
from crisis.events import EventKind
from crisis.i18n import render
from crisis.room import pages as paging
from crisis.room import services
from crisis.room.model import CrisisStatus, OpenCrisisForm, PageLevel
from crisis.room.rules import SET_UP_LEASE
from crisis.room.views import crisis_card
from crisis.timeline import describe
from crisis.views import Listing
from tests.crisis.plans import make_plan, plan_data
from tests.crisis.rooms import FORM, kinds, open_one


def pages(ports, crisis):
    with ports.uow() as uow:
        return sorted(uow.pages.for_crisis(crisis.id), key=lambda p: p.id)


def test_open_creates_room_card_announcement_and_pages_every_role(ports, chat):
    crisis = open_one(ports)
    assert crisis.channel_name == "crisis-20261125-offensive-ad-video"
    assert crisis.card_ts and crisis.announced and crisis.set_up_at
    assert chat.named("pin") == [("pin", crisis.channel_id, crisis.card_ts)]
    assert set(chat.named("invite")[0][2]) == {"ULEAD", "UCOMMS", "ULEGAL", "UOPENER"}
    assert sorted(c[1] for c in chat.named("page")) == ["UCOMMS", "ULEAD", "ULEGAL"]
    assert [c[2] for c in chat.named("post")] == ["announce.opened"]
    assert chat.post_keys == [f"announce:{crisis.id}:opened"]  # sent again after a crash, it is found in Slack
    assert kinds(ports, crisis)[:2] == [EventKind.OPENED, EventKind.CHANNEL_CREATED]
    assert kinds(ports, crisis).count(EventKind.PAGED) == 3
    assert all(p.escalate_at - p.created_at == timedelta(minutes=10) for p in pages(ports, crisis))


def test_duplicate_submission_opens_one_crisis_and_finds_it_again(ports, chat):
    crisis = open_one(ports)
    again = services.open_crisis(FORM, actor="UOPENER", request_key="view:V1", ports=ports)
    assert again.crisis.id == crisis.id and again.crisis.channel_id == crisis.channel_id  # the opener is told again
    assert len(chat.named("create_channel")) == 1 and len(chat.named("page")) == 3


def test_name_taken_gets_a_suffix(ports, chat):
    chat.taken.add("crisis-20261125-offensive-ad-video")
    assert open_one(ports).channel_name == "crisis-20261125-offensive-ad-video-2"


@pytest.mark.parametrize("form,field", [
    (OpenCrisisForm("", "SEV2", "outage"), "title"),
    (OpenCrisisForm("x", "SEV9", "outage"), "severity"),
    (OpenCrisisForm("x", "SEV2", "meteor"), "kind"),
    (OpenCrisisForm("x", "SEV2", "outage", link="javascript:alert(1)"), "link"),
])
def test_bad_open_forms_name_the_field_and_change_nothing(ports, chat, form, field):
    with pytest.raises(BadInput) as error:
        services.open_crisis(form, actor="U1", request_key="k", ports=ports)
    assert error.value.field == field
    assert chat.calls == []


def test_acknowledge_updates_role_card_and_timeline_once(ports, chat, clock):
    crisis = open_one(ports)
    legal = next(p for p in pages(ports, crisis) if p.role == "legal")
    clock.advance(minutes=3)
    done = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a1", ports=ports)
    assert done.already_by is None
    again = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a2", ports=ports)
    assert again.already_by == "ULEGAL"
    repeated = paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a1", ports=ports)
    assert repeated.already_by is None  # the same click again is answered as the first time, and acts once
    assert kinds(ports, crisis).count(EventKind.ACKNOWLEDGED) == 1
    card = chat.named("update_card")[-1]
    assert ("legal", "ULEGAL", "ULEGAL") in card[4]
    assert ("page_acked", "ULEGAL", "legal") in chat.calls


def test_someone_else_cannot_acknowledge(ports):
    crisis = open_one(ports)
    legal = next(p for p in pages(ports, crisis) if p.role == "legal")
    with pytest.raises(NotAuthorised):
        paging.acknowledge_page(legal.id, user="UINTRUDER", request_key="a", ports=ports)


def test_unacknowledged_page_escalates_to_backup_then_lead_once(ports, chat, clock):
    crisis = open_one(ports)
    clock.advance(minutes=9)
    assert services.tick(ports=ports).escalated == 0
    clock.advance(minutes=2)
    assert services.tick(ports=ports).escalated == 3  # every role: comms->backup, legal->lead, lead->backup
    assert services.tick(ports=ports).escalated == 0  # runs once
    comms = [p for p in pages(ports, crisis) if p.role == "comms_lead"]
    assert [(p.user_id, p.level) for p in comms] == [("UCOMMS", PageLevel.PRIMARY), ("UCOMMSB", PageLevel.BACKUP)]
    legal = [p for p in pages(ports, crisis) if p.role == "legal"]
    assert [(p.user_id, p.level) for p in legal] == [("ULEGAL", PageLevel.PRIMARY), ("ULEAD", PageLevel.LEAD)]
    clock.advance(minutes=11)
    services.tick(ports=ports)
    comms = [p for p in pages(ports, crisis) if p.role == "comms_lead"]
    assert [p.user_id for p in comms] == ["UCOMMS", "UCOMMSB", "ULEAD"]
    assert sum(1 for c in chat.named("post") if c[2] == "page.escalated") == 4


def test_a_role_whose_primary_is_not_found_in_chat_pages_its_backup_at_once_then_the_lead(ports, chat, clock):
    roles = plan_data()["roles"]
    roles["comms_lead"]["primary"] = "gone@acme.example"  # left the company: the chat knows no such person
    roles["legal"]["primary"] = "typo@acme.example"  # and no backup: the lead, as escalation would
    ports = replace(ports, plan=make_plan(roles=roles))
    crisis = open_one(ports)
    first = {(p.role, p.user_id, p.level) for p in pages(ports, crisis)}
    assert first == {("crisis_lead", "ULEAD", PageLevel.PRIMARY), ("comms_lead", "UCOMMSB", PageLevel.BACKUP),
                     ("legal", "ULEAD", PageLevel.LEAD)}
    roles_shown = next(p for p in crisis_card(crisis, ports.plan).parts if isinstance(p, Listing)).items
    assert [render(m, locale="en") for m in roles_shown][1] == (
        "Comms lead: :warning: the plan's primary could not be found in chat; backup @UCOMMSB paged instead")
    clock.advance(minutes=11)
    services.tick(ports=ports)
    comms = [(p.user_id, p.level) for p in pages(ports, crisis) if p.role == "comms_lead"]
    assert comms == [("UCOMMSB", PageLevel.BACKUP), ("ULEAD", PageLevel.LEAD)]


def test_acknowledged_before_timer_is_not_escalated(ports, chat, clock):
    crisis = open_one(ports)
    legal = next(p for p in pages(ports, crisis) if p.role == "legal")
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="a", ports=ports)
    clock.advance(minutes=30)
    services.tick(ports=ports)
    assert [p.user_id for p in pages(ports, crisis) if p.role == "legal"] == ["ULEGAL"]


def test_backup_who_acknowledges_takes_the_role(ports, clock):
    crisis = open_one(ports)
    clock.advance(minutes=11)
    services.tick(ports=ports)
    backup = next(p for p in pages(ports, crisis) if p.user_id == "UCOMMSB")
    paging.acknowledge_page(backup.id, user="UCOMMSB", request_key="a", ports=ports)
    stored = services.crisis_for_channel(crisis.channel_id, ports=ports)
    assert stored.role("comms_lead").user_id == "UCOMMSB"
    assert all(not p.is_open for p in pages(ports, crisis) if p.role == "comms_lead")
    clock.advance(minutes=2)
    paging.acknowledge_page(next(p for p in pages(ports, crisis) if p.role == "legal").id, user="ULEGAL",
                            request_key="b", ports=ports)
    with ports.uow() as uow:
        acks = [e for e in uow.timeline.for_crisis(crisis.id) if e.kind is EventKind.ACKNOWLEDGED]
    # the backup answered its page at once: the time counts from the opening, as the report's metric does
    assert [render(describe(e, ports.plan), locale="en") for e in acks] == [
        "@UCOMMSB acknowledged Comms lead, 11 min after the crisis opened",
        "@ULEGAL acknowledged Legal, 13 min after the crisis opened"]
    assert render(describe(acks[0], ports.plan), locale="nl") == (
        "@UCOMMSB bevestigde Comms lead, 11 min na de start van de crisis")


def test_failed_page_is_retried_by_tick_not_lost(ports, chat, clock):
    chat.fail["page:ULEGAL"] = ["ratelimited"]
    crisis = open_one(ports)
    legal = next(p for p in pages(ports, crisis) if p.role == "legal")
    assert legal.delivered_at is None and legal.last_error == "ratelimited"
    assert any(c[2] == "page.retrying" for c in chat.named("post"))
    clock.advance(seconds=5)
    assert services.tick(ports=ports).delivered == 0
    clock.advance(seconds=10)
    assert services.tick(ports=ports).delivered == 1
    assert services.tick(ports=ports).delivered == 0
    assert [c[1] for c in chat.named("page")].count("ULEGAL") == 1


def test_interrupted_setup_is_finished_by_tick(ports, chat, clock):
    chat.fail["post_card"] = ["internal_error"]
    crisis = open_one(ports)
    assert crisis.card_ts is None and crisis.set_up_at is None
    clock.advance(seconds=SET_UP_LEASE.total_seconds() + 60)
    assert services.tick(ports=ports).rooms_finished == 1
    crisis = services.crisis_for_channel(crisis.channel_id, ports=ports)
    assert crisis.card_ts and crisis.set_up_at
    assert len([c for c in chat.named("page") if c[3] == "primary"]) == 3  # pages were not sent twice


def test_invite_failure_is_reported_and_the_rest_continue(ports, chat):
    chat.refuse_invite["ULEGAL"] = "user_is_deactivated"
    crisis = open_one(ports)
    posts = [c for c in chat.named("post") if c[2] == "room.invite_failed"]
    assert posts and "deactivated" in posts[0][3]
    assert EventKind.INVITE_FAILED in kinds(ports, crisis)
    assert len(chat.named("page")) == 3


def test_note_severity_assign_land_on_timeline_and_card(ports, chat):
    crisis = open_one(ports)
    channel = crisis.channel_id
    assert services.add_note(channel, "Press called", user="UCOMMS", request_key="n1", ports=ports)
    assert not services.add_note(channel, "Press called", user="UCOMMS", request_key="n1", ports=ports)
    assert services.change_severity(channel, "sev1", user="ULEAD", request_key="s1", ports=ports)
    assert not services.change_severity(channel, "SEV1", user="ULEAD", request_key="s2", ports=ports)
    assert services.assign_role(channel, "legal", "UNEWLAWYER", user="ULEAD", request_key="r1", ports=ports)
    assert kinds(ports, crisis)[-4:] == [EventKind.NOTE, EventKind.SEVERITY_CHANGED, EventKind.ROLE_ASSIGNED,
                                         EventKind.PAGED]
    assert chat.named("update_card")[-1][3] == "SEV1"
    assert ("page", "UNEWLAWYER", "legal", "primary") in chat.calls
    legal_pages = [p for p in pages(ports, crisis) if p.role == "legal"]
    assert [p.cancelled_at is not None for p in legal_pages] == [True, False]


def test_commands_refuse_bad_input_and_unknown_channels(ports):
    crisis = open_one(ports)
    with pytest.raises(BadInput):
        services.add_note(crisis.channel_id, "   ", user="U1", request_key="k", ports=ports)
    with pytest.raises(BadInput):
        services.change_severity(crisis.channel_id, "SEV5", user="U1", request_key="k", ports=ports)
    with pytest.raises(BadInput):
        services.assign_role(crisis.channel_id, "janitor", "U2", user="U1", request_key="k", ports=ports)
    with pytest.raises(UnknownCrisis):
        services.add_note("CRANDOM", "hello", user="U1", request_key="k", ports=ports)


def test_close_only_by_lead_or_opener_then_nothing_changes(ports, chat, clock):
    crisis = open_one(ports)
    with pytest.raises(NotAuthorised):
        services.close_crisis(crisis.channel_id, "done", user="ULEGAL", request_key="c0", ports=ports)
    clock.advance(hours=3, minutes=12)
    closed = services.close_crisis(crisis.channel_id, "Apology published", user="ULEAD", request_key="c1", ports=ports)
    assert closed.status is CrisisStatus.CLOSED
    assert [c for c in chat.named("post") if c[2] == "room.closed"][0][3].count("3 h 12 min") == 1
    assert any(c[2] == "announce.closed" and "3 h 12 min" in c[3] for c in chat.named("post"))
    with pytest.raises(IllegalTransition):
        services.add_note(crisis.channel_id, "late", user="ULEAD", request_key="n", ports=ports)
    with pytest.raises(IllegalTransition):
        services.close_crisis(crisis.channel_id, "again", user="ULEAD", request_key="c2", ports=ports)
    clock.advance(hours=1)
    assert services.tick(ports=ports).escalated == 0
