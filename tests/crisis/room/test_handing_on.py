"""A role handed on (`/crisis assign`) belongs to its new holder: the pages of earlier holders still carry an
Acknowledge button, and a click on one must neither silence the new holder's page nor give the role (or the lead's
powers) back; a backup who acknowledges on any copy of the role's pages takes the role."""
import pytest

from crisis.errors import BadInput, NotAuthorised
from crisis.events import EventKind
from crisis.room import pages as paging
from crisis.room import services
from crisis.room.permissions import is_lead
from tests.crisis.rooms import open_one, stored


def role_pages(ports, crisis, role):
    with ports.uow() as uow:
        return sorted((p for p in uow.pages.for_crisis(crisis.id) if p.role == role), key=lambda p: p.id)


def acknowledged(ports, crisis):
    with ports.uow() as uow:
        return [e for e in uow.timeline.for_crisis(crisis.id) if e.kind is EventKind.ACKNOWLEDGED]


def test_the_old_holders_click_does_not_silence_the_new_holders_page(ports, clock):
    crisis = open_one(ports)
    old = role_pages(ports, crisis, "legal")[0]
    assert services.assign_role(crisis.channel_id, "legal", "ULEGAL2", user="ULEAD", request_key="a", ports=ports)
    with pytest.raises(NotAuthorised) as refused:
        paging.acknowledge_page(old.id, user="ULEGAL", request_key="k", ports=ports)
    assert refused.value.key == "error.ack_handed_on"
    new = role_pages(ports, crisis, "legal")[-1]
    assert new.user_id == "ULEGAL2" and new.is_open
    assert stored(ports, crisis).role("legal").acked_by is None and not acknowledged(ports, crisis)
    clock.advance(minutes=11)
    services.tick(ports=ports)
    new = next(p for p in role_pages(ports, crisis, "legal") if p.user_id == "ULEGAL2")
    assert new.escalated_at == clock.now()  # it still escalates


def test_the_old_holder_may_not_acknowledge_on_the_new_holders_page_either(ports):
    crisis = open_one(ports)
    services.assign_role(crisis.channel_id, "legal", "ULEGAL2", user="ULEAD", request_key="a", ports=ports)
    new = role_pages(ports, crisis, "legal")[-1]
    with pytest.raises(NotAuthorised):
        paging.acknowledge_page(new.id, user="ULEGAL", request_key="k", ports=ports)
    assert role_pages(ports, crisis, "legal")[-1].is_open


def test_the_new_holder_acknowledges_on_any_copy_with_their_own_page(ports):
    crisis = open_one(ports)
    old = role_pages(ports, crisis, "legal")[0]
    services.assign_role(crisis.channel_id, "legal", "ULEGAL2", user="ULEAD", request_key="a", ports=ports)
    assert paging.acknowledge_page(old.id, user="ULEGAL2", request_key="k", ports=ports) is not None
    new = role_pages(ports, crisis, "legal")[-1]
    assert new.acked_by == "ULEGAL2" and stored(ports, crisis).role("legal").acked_by == "ULEGAL2"


def test_a_lead_who_handed_the_lead_on_does_not_get_its_powers_back_by_a_click(ports):
    crisis = open_one(ports)
    lead_page = role_pages(ports, crisis, "crisis_lead")[0]
    services.assign_role(crisis.channel_id, "crisis_lead", "ULEAD2", user="ULEAD", request_key="a", ports=ports)
    with pytest.raises(NotAuthorised):
        paging.acknowledge_page(lead_page.id, user="ULEAD", request_key="k", ports=ports)
    assert not is_lead(stored(ports, crisis), ports.plan, "ULEAD")
    with pytest.raises(NotAuthorised):
        services.change_severity(crisis.channel_id, "SEV1", user="ULEAD", request_key="s", ports=ports)


def test_a_backup_paged_before_the_role_was_handed_on_does_not_take_it_back(ports, clock):
    crisis = open_one(ports)
    clock.advance(minutes=11)
    services.tick(ports=ports)  # comms_lead escalates to its backup
    backup_page = next(p for p in role_pages(ports, crisis, "comms_lead") if p.user_id == "UCOMMSB")
    services.assign_role(crisis.channel_id, "comms_lead", "UNEW", user="ULEAD", request_key="a", ports=ports)
    with pytest.raises(NotAuthorised):
        paging.acknowledge_page(backup_page.id, user="UCOMMSB", request_key="k", ports=ports)
    assert stored(ports, crisis).role("comms_lead").user_id == "UNEW"
    assert role_pages(ports, crisis, "comms_lead")[-1].is_open


def test_a_backup_acknowledging_on_the_primarys_page_takes_the_role(ports, clock):
    crisis = open_one(ports)
    clock.advance(minutes=11)
    services.tick(ports=ports)
    primary = next(p for p in role_pages(ports, crisis, "comms_lead") if p.user_id == "UCOMMS")
    paging.acknowledge_page(primary.id, user="UCOMMSB", request_key="k", ports=ports)
    role = stored(ports, crisis).role("comms_lead")
    assert (role.user_id, role.acked_by) == ("UCOMMSB", "UCOMMSB")
    assert acknowledged(ports, crisis)[0].data["level"] == "backup"
    own = next(p for p in role_pages(ports, crisis, "comms_lead") if p.user_id == "UCOMMSB")
    assert own.acked_by == "UCOMMSB"


def test_a_role_is_not_handed_to_an_id_that_is_no_person_but_is_when_the_platform_cannot_tell(ports, chat):
    crisis = open_one(ports)
    chat.not_people.add("UGHOST")
    with pytest.raises(BadInput) as refused:
        services.assign_role(crisis.channel_id, "legal", "UGHOST", user="ULEAD", request_key="a", ports=ports)
    assert refused.value.key == "error.assignee_not_a_person"
    assert stored(ports, crisis).role("legal").user_id == "ULEGAL"
    assert not [p for p in role_pages(ports, crisis, "legal") if p.user_id == "UGHOST"]
    chat.fail["is_person"] = ["ratelimited"]  # no answer now: a crisis is not held up by it
    assert services.assign_role(crisis.channel_id, "legal", "ULEGAL2", user="ULEAD", request_key="b", ports=ports)
    assert stored(ports, crisis).role("legal").user_id == "ULEGAL2"
