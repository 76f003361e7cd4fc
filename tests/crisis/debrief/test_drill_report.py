"""A drill's report measures the team: acknowledgement per role and time to a holding statement, titled DRILL."""
from __future__ import annotations

from dataclasses import replace

from crisis.debrief.report import build_report
from crisis.i18n import render
from tests.crisis.debrief.story import apology, crisis, holding, mins, timeline
from tests.crisis.plans import make_plan

PLAN = make_plan()


def test_a_drills_report_shows_each_roles_acknowledgement_and_the_holding_statement():
    drill = crisis(drill=True, title="DRILL: offensive_post practice crisis")
    skipped = replace(holding(), published_ref="Slack #press: 1.2 | x: skipped: drill")
    report = build_report(drill, PLAN, timeline(), [skipped, apology()], [], [], None, [], [], [])
    assert report.title.startswith("DRILL:")
    rows = {render(row.label): row.value for row in report.metric_rows}
    assert rows["Acknowledged: Crisis lead"] == mins(2) and rows["Acknowledged: Comms lead"] == mins(8)
    assert [row.value for row in report.metric_rows if row.key == "holding_statement"] == [mins(20)]
    assert any(s.published_ref.endswith("x: skipped: drill") for s in report.statements)
