"""Scenarios of public statements under the plan's four-eyes rule (comms lead AND legal, never the author alone):
Approve, Request changes, Edit, Reject, and a card kept from before an edit that may no longer approve anything."""
from __future__ import annotations

import pytest

from crisis.statements.model import StatementState
from tests.scenarios.driver import PER_VIEWER_CARDS

pytestmark = pytest.mark.one_database  # a chat platform's story: SQLite only (tests/conftest.py)

TEXT = "We are aware of the fire and are looking into it."


def _drafted(driver, who="opener", text=TEXT):
    driver.open_crisis()
    driver.draft_statement(who, text)
    card = driver.statement_card()
    assert text in card and {"Approve", "Request changes", "Edit", "Reject"} <= set(card.buttons)
    return card


def test_four_eyes_the_author_alone_never_approves_and_two_roles_publish(driver):
    _drafted(driver, who="comms")
    assert "four eyes" in driver.approve("comms")
    assert "Only holders of" in driver.approve("social")
    driver.approve("legal")
    (statement,) = driver.statements()
    assert statement.state is StatementState.PENDING, "the comms lead's approval is still missing"
    assert {a.user for a in statement.approvals} == {driver.id_of("legal")}
    driver.command("lead", f"assign comms_lead {driver.assignee('comms_backup')}")
    driver.approve("comms_backup")
    (statement,) = driver.statements()
    assert statement.state is StatementState.PUBLISHED and statement.published_at is not None
    assert {a.user for a in statement.approvals} == {driver.id_of("legal"), driver.id_of("comms_backup")}
    card = driver.statement_card()
    assert "Approve" not in card.buttons and {"Correct", "Retract"} <= set(card.buttons)
    assert "Published" in card and f"Legal: {driver.name_of('legal')} approved v1" in card


def test_request_changes_keeps_the_note_on_the_card(driver):
    _drafted(driver)
    driver.request_changes("legal", "Do not admit liability")
    (statement,) = driver.statements()
    assert statement.state is StatementState.CHANGES_REQUESTED
    assert "Do not admit liability" in driver.statement_card()


def test_reject_with_a_note_ends_the_statement(driver):
    _drafted(driver)
    driver.approve("comms")
    driver.reject("legal", "Wrong tone")
    (statement,) = driver.statements()
    assert statement.state is StatementState.REJECTED
    card = driver.statement_card()
    assert "rejected" in card.text.lower() and "Approve" not in card.buttons
    assert any(data.get("note") == "Wrong tone" for data in driver.timeline_data()), "the reason is kept"


def test_edit_makes_a_new_version_and_a_card_kept_from_before_approves_nothing(driver):
    old = _drafted(driver)
    driver.approve("comms")
    driver.edit_statement("opener", "We are aware and sorry.")
    card = driver.statement_card()
    assert "We are aware and sorry." in card and "version 2" in card.text.lower()
    refused = driver.approve("legal", old)
    assert "now at version 2" in refused
    (statement,) = driver.statements()
    assert statement.current.number == 2 and statement.state is StatementState.PENDING
    assert not [a for a in statement.approvals if a.version == 2], "the old card approved nothing"


def test_the_card_says_waiting_for_your_approval_to_those_it_waits_for(driver):
    driver.require(PER_VIEWER_CARDS, "a Slack message reads the same for everyone; a person's pending approvals "
                                     "are listed in their Home tab instead")
    _drafted(driver)
    assert "Waiting for **your** approval, as Legal" in driver.seen_by("legal", driver.statement_card())
    assert "your" not in driver.seen_by("social", driver.statement_card())
    driver.approve("comms")
    assert "your" not in driver.seen_by("comms", driver.statement_card())
