"""The report's "Taken down" section: each post's archived copy (text, author, time, counts, link), who asked and
approved, and the outcome, escaped in HTML and Markdown; no section without take-downs."""
from __future__ import annotations

from datetime import timedelta

from crisis.statements.model import Approval, Decision
from crisis.takedowns.model import PostCopy, Takedown, TakedownState
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import at, crisis
from tests.reports.test_report import HOSTILE, full_report


def takedown(text: str = "Nurses? Just overpaid coffee fans.", **changes) -> Takedown:
    fields = {"crisis_id": 7, "target": "mastodon", "account": "Mastodon social.example", "post_id": "42",
              "requested_by": "USOCIAL", "requested_at": at(20),
              "copy": PostCopy(text, "@acme", at(-30), "https://social.example/@acme/42",
                               {"replies": 7, "reposts": 31}),
              "approvals": [Approval(1, "comms_lead", "UCOMMSB", Decision.APPROVE, at(25)),
                            Approval(1, "legal", "ULEGAL", Decision.APPROVE, at(26))],
              "state": TakedownState.TAKEN_DOWN, "removed_at": at(26) + timedelta(seconds=2), "id": 1}
    return Takedown(**(fields | changes))


def test_the_taken_down_section_keeps_the_copy_who_approved_and_the_outcome():
    report = full_report(takedowns=[takedown(), takedown(HOSTILE, post_id="43", state=TakedownState.APPROVED,
                                                         removed_at=None, error="Mastodon answered 401", id=2)])
    md = to_markdown(report)
    assert "## Taken down" in md
    section = md.split("## Taken down")[1].split("\n## ")[0]
    assert "Nurses? Just overpaid coffee fans." in section and "7 replies, 31 reposts" in section
    assert "taken down " in section and "approved; not taken down: Mastodon answered 401" in section
    assert "https://social.example/@acme/42" in section
    page = to_html(report)
    assert 'id="taken-down"' in page and "<script>" not in page.split('id="taken-down"')[1]


def test_no_section_without_takedowns():
    assert "Taken down" not in to_markdown(full_report()) and 'id="taken-down"' not in to_html(full_report())


def test_a_drills_take_down_is_reported_skipped_not_taken_down():
    report = full_report(crisis=crisis(drill=True, title="DRILL: practice"), takedowns=[takedown()])
    md = to_markdown(report)
    assert "## Taken down" not in md and "## Take-downs (drill: skipped, no post was taken down)" in md
    section = md.split("## Take-downs (drill")[1].split("\n## ")[0]
    assert "skipped: drill (approved " in section and "taken down " not in section
    page = to_html(report).split('id="taken-down"')[1].split("</section>")[0]
    assert "skipped: drill (approved " in page and "taken down " not in page
