"""Scenarios of the crisis room, on every platform: open, the card, pages with Acknowledge, escalation to the
backup and the lead, in-room commands; Slack's pins and topic where the platform has them."""
from __future__ import annotations

import pytest

from tests.scenarios.driver import PINS, TOPIC

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

ROLE_HOLDERS = ("lead", "comms", "legal", "social")


def test_open_makes_the_room_with_its_card_and_pages_everyone(driver):
    told = driver.open_crisis("opener", "Printer fire", severity="SEV2")
    assert "is open" in told or "Printer fire" in told
    card = driver.card()
    for words in ("Printer fire", "SEV2", "Crisis lead", "Comms lead", "Legal", driver.name_of("lead"),
                  driver.name_of("comms")):
        assert words in card, f"the card shows {words!r}"
    for who in ROLE_HOLDERS:
        assert "Acknowledge" in driver.page_to(who).buttons, f"{who} is paged with an Acknowledge button"
        assert any("Acknowledge" in m.buttons for m in driver.dm(who)), f"{who} is paged in their 1:1 chat"
    crisis = driver.crisis()
    assert crisis.is_open and crisis.set_up_at is not None and crisis.severity == "SEV2"
    assert crisis.opened_by == driver.id_of("opener")
    pages = driver.pages()
    assert {p.user_id for p in pages} == {driver.id_of(w) for w in ROLE_HOLDERS}
    assert all(p.delivered_at for p in pages)


def test_acknowledge_updates_the_card_and_the_page_in_place_once(driver):
    driver.open_crisis()
    page = driver.page_to("legal")
    told = driver.acknowledge_page("legal")
    assert "Legal" in told and "acknowledged" in told
    assert "Acknowledge" not in driver.message(page.conversation, page.ref).buttons, "the page loses its button"
    assert "acknowledged" in driver.card().text
    again = driver.click("legal", page, "Acknowledge")
    assert "already acknowledged" in again
    crisis = driver.crisis()
    assert crisis.role("legal").acked_by == driver.id_of("legal")
    assert driver.timeline().count("acknowledged") == 1


def test_only_a_paged_person_may_acknowledge(driver):
    driver.open_crisis()
    told = driver.acknowledge_page("comms", paged="legal")
    assert "only a person paged for this role" in told.text.lower()
    assert driver.crisis().role("legal").acked_at is None
    assert "Acknowledge" in driver.page_to("legal").buttons


def test_an_unanswered_page_escalates_to_the_backup_then_the_lead(driver):
    driver.open_crisis()
    driver.acknowledge_page("lead")
    assert not driver.dm("comms_backup")
    driver.tick(minutes=11)
    backup_page = driver.page_to("comms_backup")
    assert "Acknowledge" in backup_page.buttons and "Comms lead" in backup_page
    assert driver.room_says("did not acknowledge"), "the room is told who did not answer"
    levels = {(p.role, p.user_id, p.level.value) for p in driver.pages()}
    assert ("comms_lead", driver.id_of("comms_backup"), "backup") in levels
    assert ("legal", driver.id_of("lead"), "lead") in levels, "Legal has no backup: the lead is paged"
    driver.acknowledge_page("comms_backup")
    crisis = driver.crisis()
    assert crisis.role("comms_lead").user_id == driver.id_of("comms_backup"), "the backup now holds the role"
    assert driver.name_of("comms_backup") in driver.card()


def test_room_commands_note_severity_and_status(driver):
    driver.open_crisis()
    driver.command("comms", "note Press desk got 3 calls")
    driver.command("lead", "severity SEV1")
    assert "SEV1" in driver.card()
    assert "Printer fire" in driver.command("legal", "status"), "status shows the card to whoever asks"
    kinds = driver.timeline()
    assert "note" in kinds and "severity_changed" in kinds
    assert driver.crisis().severity == "SEV1"


def test_a_room_command_outside_a_crisis_room_explains_itself(driver):
    driver.open_crisis()
    told = driver.command("legal", "note hello", in_room=False)
    assert "works in a crisis channel" in told
    assert "note" not in driver.timeline()


def test_the_card_is_pinned_and_the_topic_names_the_severity(driver):
    driver.require(PINS, "Teams has no pinned messages a bot can set; the card is the room's first card instead")
    driver.require(TOPIC, "Teams channels have no topic a bot can set")
    driver.open_crisis(severity="SEV3")
    assert driver.pinned() == [driver.crisis().card_ts]
    assert "SEV3" in driver.topic()


def test_a_role_nobody_acknowledges_even_after_escalation_is_marked_unanswered(driver):
    driver.open_crisis()
    for who in ("lead", "comms", "legal"):
        driver.acknowledge_page(who)
    driver.tick(minutes=11)  # Social-media manager has no backup: the crisis lead is paged for it
    assert "Acknowledge" in driver.page_to("lead", "social_media").buttons
    driver.tick(minutes=11)
    assert driver.room_says("Nobody acknowledged"), "the room is told the role stays unanswered"
    crisis = driver.crisis()
    assert crisis.role("social_media").unanswered and crisis.role("social_media").acked_at is None
    assert "unanswered" in driver.timeline()
