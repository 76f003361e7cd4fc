"""A correction and a retraction in the report: each statement says which one it amends, and the timeline says what
was corrected and retracted, in Markdown and HTML."""
from __future__ import annotations

from dataclasses import replace

from crisis.events import EventKind as K
from crisis.statements.model import Amendment, StatementVersion
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import at, event, holding, timeline
from tests.reports.test_report import full_report


def amendment(kind: Amendment, statement_id: int, text: str, minutes: float):
    return replace(holding(), versions=[StatementVersion(1, text, "UCOMMSB", at(minutes))], created_at=at(minutes),
                   published_at=at(minutes + 10), template=None, amends=1, amendment=kind, id=statement_id)


def test_corrections_and_retractions_are_in_the_statements_and_on_the_timeline():
    events = [*timeline(),
              event(K.CORRECTION_DRAFTED, 120, "UCOMMSB", statement=3, amends=1, target="X / Twitter"),
              event(K.STATEMENT_CORRECTED, 130, None, statement=3, amends=1, ref="x: https://x.com/i/web/status/9"),
              event(K.RETRACTION_DRAFTED, 140, "UCOMMSB", statement=4, amends=1, target="X / Twitter"),
              event(K.STATEMENT_RETRACTED, 150, None, statement=4, amends=1, ref="x: https://x.com/i/web/status/8")]
    report = full_report(events=events, statements=[
        replace(holding(), retracted_by=4), amendment(Amendment.CORRECTION, 3, "Flights resume at 14:00.", 120),
        amendment(Amendment.RETRACTION, 4, "We withdraw it.", 140)])
    for page in (to_markdown(report), to_html(report)):
        assert "Correction of statement #1" in page and "Retraction of statement #1" in page
        assert "Statement #1 corrected by #3" in page and "Statement #1 retracted by #4" in page
        assert "Correction #3 of statement #1 drafted" in page
        assert "retracted by statement #4" in page
