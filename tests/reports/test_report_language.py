"""The report in the plan's language and on its clock: Dutch labels, Amsterdam times with the zone named (winter
and summer), the HTML page's language, the chart's time axis named after the zone."""
from datetime import timedelta
from zoneinfo import ZoneInfo

from crisis.i18n import voice
from crisis.i18n.nl import MESSAGES as NL
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import T0, crisis
from tests.reports.test_report import full_report

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_dutch_report_on_amsterdams_clock():
    voice.speak_as_team(voice.Voice("nl", AMSTERDAM))
    report = full_report()
    md, page = to_markdown(report), to_html(report)
    assert md.startswith("# Crisisrapport: ") and "## Reactiecijfers" in md
    assert f"- **Geopend**: {T0.astimezone(AMSTERDAM):%Y-%m-%d %H:%M} CET" in md
    assert "| Tijd (Europe/Amsterdam) |" in md and "Alle tijden in Europe/Amsterdam." in md
    assert '<html lang="nl">' in page and NL["debrief.default.went_well"] in page
    assert " UTC" not in md


def test_summer_times_are_cest():
    voice.speak_as_team(voice.Voice("en", AMSTERDAM))
    summer = T0 - timedelta(days=150)
    md = to_markdown(full_report(crisis=crisis(opened_at=summer, closed_at=summer + timedelta(hours=3))))
    assert f"- **Opened**: {summer.astimezone(AMSTERDAM):%Y-%m-%d %H:%M} CEST" in md
