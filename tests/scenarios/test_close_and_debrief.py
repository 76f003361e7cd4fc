"""Scenarios of the crisis's second half: update reminders at the severity's cadence, the press desk, close (and
what a closed crisis refuses), paused brand posts where the platform schedules them, the debrief questionnaire
and the report."""
from __future__ import annotations

from datetime import timedelta

import pytest

from crisis.statements.model import StatementState
from tests.scenarios.driver import SCHEDULED_POSTS

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)


def _reminders(driver):
    return len(driver.room_says("no update in the last"))


def test_update_reminders_come_at_the_cadence_and_an_update_resets_them(driver):
    driver.open_crisis(severity="SEV2")  # SEV2: an update every hour
    driver.tick(minutes=30)
    assert _reminders(driver) == 0
    driver.tick(minutes=31)
    assert _reminders(driver) == 1, "the room is reminded once the hour is up"
    driver.update("comms", "Fire out, printer replaced")
    assert "update_posted" in driver.timeline()
    driver.tick(minutes=30)
    assert _reminders(driver) == 1, "an update restarts the cadence"
    crisis = driver.crisis()
    assert crisis.next_update_due_at > driver.clock.now()


def test_the_press_desk_logs_an_inquiry_and_answers_it_with_an_approved_statement(driver):
    driver.open_crisis()
    driver.press_request("social", "Daily Bugle", "Was anyone hurt?", timedelta(hours=3))
    card = driver.inquiry_card()
    assert "Daily Bugle" in card and "Was anyone hurt?" in card and "Answer with a statement" in card.buttons
    (inquiry,) = driver.inquiries()
    assert inquiry.outlet == "Daily Bugle" and inquiry.answered_at is None
    assert "No statement of this crisis is approved yet" in driver.answer_press("social")
    driver.draft_statement("opener", "Nobody was hurt.")
    driver.approve("comms")
    driver.approve("legal")
    assert driver.statements()[0].state in (StatementState.APPROVED, StatementState.PUBLISHED)
    driver.answer_press("social")
    (inquiry,) = driver.inquiries()
    assert inquiry.statement_id == driver.statements()[0].id and inquiry.answered_at is not None
    assert "Answer with a statement" not in driver.inquiry_card().buttons, "the inquiry's card shows it answered"


def test_only_the_lead_closes_and_a_closed_crisis_refuses_what_comes_after(driver):
    driver.open_crisis()
    page = driver.page_to("comms")
    refused = driver.close("social", "Sorted")
    assert "Only the crisis lead" in refused
    assert driver.crisis().is_open
    driver.clock.advance(hours=2, minutes=5)
    driver.close("lead", "Printer replaced, statement out.")
    crisis = driver.crisis()
    assert not crisis.is_open and crisis.resolution == "Printer replaced, statement out."
    card = driver.card()
    assert "closed" in card.text.lower() and "Printer replaced" in card
    assert "closed" in driver.timeline()
    late = driver.click("comms", page, "Acknowledge")
    assert "closed" in late.text.lower(), "a page of a closed crisis is refused, saying why"
    assert driver.crisis().role("comms_lead").acked_at is None
    assert "is closed" in driver.command("lead", "note too late")
    assert "note" not in driver.timeline()


def test_scheduled_brand_posts_are_paused_at_open_and_offered_back_at_close(driver):
    driver.require(SCHEDULED_POSTS, "Teams has no scheduled messages a bot can list or pause")
    brand = driver.sandbox.channel_by_name("brand-social")["id"]
    driver.sandbox.add_scheduled_message(brand, "Happy Latte Day!", (driver.clock.now() + timedelta(hours=5)).timestamp())
    driver.open_crisis()
    assert not [m for m in driver.sandbox.scheduled_messages() if m["channel_id"] == brand]
    assert driver.room_says("scheduled brand post(s) paused")
    driver.close("lead", "Done")
    offer = next(m for m in driver.dm("lead") if "Resume" in m.buttons)
    driver.click("lead", offer, "Resume")
    assert [m["content"]["text"] for m in driver.sandbox.scheduled_messages() if m["channel_id"] == brand] == [
        "Happy Latte Day!"]
    with driver.ports.uow() as uow:
        assert [p.outcome for p in uow.paused_posts.for_crisis(1)] == ["resumed"]


def test_the_debrief_questionnaire_is_answered_and_the_report_shared_at_the_deadline(driver):
    driver.open_crisis()
    driver.close("lead", "Printer replaced.")
    driver.run_tick()
    debrief = driver.debrief()
    assert {driver.id_of(w) for w in ("lead", "comms", "legal", "social", "opener")} <= set(debrief.participants)
    for who in ("lead", "legal"):
        assert any("Start debrief" in m.buttons for m in driver.dm(who)), f"{who} is invited in their 1:1 chat"
    told = driver.answer_debrief("legal", "Fast pages", speed="4")
    assert "answers are saved" in told or any("answers are saved" in m for m in driver.dm("legal"))
    with driver.ports.uow() as uow:
        (response,) = uow.debriefs.responses(1)
    assert response.user == driver.id_of("legal") and response.answers["went_well"] == "Fast pages"
    assert response.answers["response_speed"] == 4
    assert "1 of" in driver.command("lead", "debrief"), "the lead sees who answered"
    assert "Only the crisis lead" in driver.command("social", "debrief")
    driver.tick(hours=49)
    debrief = driver.debrief()
    assert debrief.closed_at and debrief.report_markdown and "Printer replaced." in debrief.report_markdown
    assert sorted(name.rsplit(".", 1)[1] for name in driver.report_files()) == ["html", "md"]
    late = driver.answer_debrief("comms", "Too late")
    assert "closed" in late.text.lower()
    with driver.ports.uow() as uow:
        assert len(uow.debriefs.responses(1)) == 1, "an answer after the deadline is refused"
