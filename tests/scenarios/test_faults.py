"""Scenarios of bad input and faults (#12): a person the platform cannot reach is named in the room and escalation
goes on; a rate-limited page is sent again after its Retry-After, never lost; a room the app may not create falls
back and says why; a click on a page or card that no longer exists is refused and changes nothing."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def test_a_person_who_cannot_be_reached_is_named_in_the_room_and_escalation_goes_on(driver):
    driver.make_unreachable("legal")
    driver.open_crisis()
    name = driver.name_of("legal")
    named = [m for m in driver.room() if name in m.text and ("could not" in m.text.lower()
                                                             or "cannot be reached" in m.text.lower())]
    assert len(named) == 1, f"the room is told once that {name} cannot be reached"
    assert all(driver.page_to(w) for w in ("lead", "comms", "social")), "the others are paged"
    driver.acknowledge_page("lead")
    for _ in range(3):
        driver.tick(seconds=45)  # the page's own chat is tried again meanwhile
    assert len(driver.room_says(f"{name}: you are paged")) == 1, "the room's copy of the page is posted once"
    driver.tick(minutes=9)
    legal = [p for p in driver.pages() if p.role == "legal"]
    assert [p.user_id for p in legal] == [driver.id_of("legal"), driver.id_of("lead")], "escalated to the lead"
    assert "Acknowledge" in driver.page_to("lead", "legal").buttons and "Legal" in driver.page_to("lead", "legal")
    driver.acknowledge_page("lead", role="legal")
    assert driver.crisis().role("legal").acked_by == driver.id_of("lead")


def test_a_rate_limited_page_is_sent_again_after_its_retry_after(driver):
    driver.rate_limit_dm("comms", seconds=30)
    driver.open_crisis()
    page = next(p for p in driver.pages() if p.role == "comms_lead")
    assert page.dm_ts is None and page.channel_ts, "the 1:1 copy was refused (429); the room's copy landed"
    assert "Acknowledge" in driver.page_to("comms").buttons
    driver.tick(seconds=31)
    assert any("Acknowledge" in m.buttons for m in driver.dm("comms")), "the page reached the 1:1 chat after all"
    page = next(p for p in driver.pages() if p.role == "comms_lead")
    assert page.dm_ts and page.delivered_at
    assert "paged" in driver.timeline()


def test_a_room_the_app_may_not_create_falls_back_and_says_why(driver):
    driver.deny_room_creation()
    driver.open_crisis()
    crisis = driver.crisis()
    assert crisis.is_open and crisis.channel_id and crisis.card_ts
    assert driver.room_says("Channel.Create"), "the room names the permission it lacks"
    assert "Printer fire" in driver.card()
    assert all("Acknowledge" in driver.page_to(w).buttons for w in ("lead", "comms", "legal", "social"))


def test_a_click_for_a_page_that_does_not_exist_is_refused(driver):
    driver.open_crisis()
    page = driver.page_to("legal")
    forged = driver.forge(page, "Acknowledge", "999")
    told = driver.click("legal", forged, "Acknowledge")
    assert "no longer exists" in told
    assert driver.crisis().role("legal").acked_at is None
    assert "acknowledged" not in driver.timeline()


def test_a_forged_request_is_refused_and_nothing_is_done(driver):
    before = driver.calls_to_platform()
    assert driver.send_forged("opener", "crisis open Forged fire") == 401
    assert driver.send_forged("opener", "crisis help") == 401
    assert driver.crisis() is None, "nothing opened"
    assert driver.calls_to_platform() == before, "no reply, no call to the platform"
