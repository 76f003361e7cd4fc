"""The report's "Replies (webcare)" section: whom each reply answered, their post, our text, who asked and approved,
the outcome and our reply's link, escaped in HTML and Markdown; no section without replies."""
from __future__ import annotations

from datetime import timedelta

from crisis.statements.model import Approval, Decision
from crisis.webcare.model import PostSeen, Reply, ReplyState
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import at, crisis
from tests.reports.test_report import HOSTILE, full_report


def reply(text: str = "Your ad is vile", **changes) -> Reply:
    fields = {"target": "mastodon", "account": "Mastodon social.example", "post_id": "42",
              "post": PostSeen("@jane", text, "https://social.example/@jane/42"), "line": "sorry",
              "text": "@jane we are sorry. Please DM us.", "requested_by": "USOCIAL", "requested_at": at(20),
              "needs_approval": True, "crisis_id": 7,
              "approvals": [Approval(1, "comms_lead", "UCOMMSB", Decision.APPROVE, at(25)),
                            Approval(1, "legal", "ULEGAL", Decision.APPROVE, at(26))],
              "state": ReplyState.SENT, "sent_at": at(26) + timedelta(seconds=2),
              "reply_url": "https://social.example/@acme/99", "id": 1}
    return Reply(**(fields | changes))


def test_the_replies_section_says_whom_what_who_approved_and_the_outcome():
    report = full_report(replies=[reply(), reply(HOSTILE, post_id="43", state=ReplyState.APPROVED, sent_at=None,
                                                 reply_url="", error="Mastodon answered 401", id=2)])
    md = to_markdown(report)
    section = md.split("## Replies (webcare)")[1].split("\n## ")[0]
    assert "@jane" in section and "Your ad is vile" in section and "@jane we are sorry. Please DM us." in section
    assert "sent " in section and "approved; not sent: Mastodon answered 401" in section
    assert "https://social.example/@acme/99" in section
    page = to_html(report)
    assert 'id="replies"' in page and "<script>" not in page.split('id="replies"')[1]


def test_no_section_without_replies():
    assert "Replies (webcare)" not in to_markdown(full_report()) and 'id="replies"' not in to_html(full_report())


def test_a_drills_reply_is_reported_skipped_not_sent():
    report = full_report(crisis=crisis(drill=True, title="DRILL: practice"), replies=[reply(reply_url="")])
    section = to_markdown(report).split("## Replies (webcare)")[1].split("\n## ")[0]
    assert "skipped: drill (approved " in section and "sent " not in section.replace("nothing was sent", "")
    page = to_html(report).split('id="replies"')[1].split("</section>")[0]
    assert "skipped: drill (approved " in page
