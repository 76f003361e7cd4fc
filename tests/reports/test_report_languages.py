"""The report per language (issue #14 points 1 and 6): a crisis whose mentions came in several languages gets a
table by language (unscored ones counted and said so) and its chart a note of each language's share; one language
gets neither; numbers and percentages are written in the team's marks."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from crisis.i18n import voice
from crisis.monitor.drivers import drivers
from crisis.monitor.mentions import Mention
from reports import charts
from reports import report as rendering
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import at
from tests.reports.test_report import full_report


def post(n: int, language: str, label: str) -> Mention:
    return Mention(source="x", source_id=f"x{n}", author=f"@u{n}", text="acme ad", url="", created_at=at(5),
                   language=language, term="acme", feed="search", label=label)


def multilingual():
    window = ([post(i, "en", "negative") for i in range(1200)] + [post(2000 + i, "nl", "positive") for i in range(300)]
              + [post(3000 + i, "de", "unscored") for i in range(45)])
    return drivers("acme", at(0), at(120), window, [])


def english_only():
    return drivers("acme", at(0), at(120), [post(i, "en", "negative") for i in range(10)], [])


def test_markdown_and_html_show_every_language_with_its_count_and_negative_share():
    md, page = to_markdown(full_report(drivers=multilingual())), to_html(full_report(drivers=multilingual()))
    assert "**By language (every language counted; sentiment where it is scored)**" in md
    assert "| Language | Mentions | Share | Negative | Share the 7 days before |" in md
    assert "| EN | 1,200 | 77.7% | 100.0% | – |" in md
    assert "| NL | 300 | 19.4% | 0.0% | – |" in md and "| DE | 45 | 2.9% | not scored | – |" in md
    assert "1,545 mentions of acme" in md
    assert "<td>DE</td><td>45</td><td>2.9%</td><td>not scored</td>" in page


def test_one_language_gets_no_language_table_and_no_chart_note():
    report = full_report(drivers=english_only())
    assert "By language" not in to_markdown(report) and "By language" not in to_html(report)
    assert rendering._languages_note(report.drivers) == ""


def test_the_chart_notes_each_languages_share_in_the_teams_marks():
    voice.speak_as_team(voice.Voice("nl", ZoneInfo("Europe/Amsterdam")))
    report = full_report(drivers=multilingual())
    assert rendering._languages_note(report.drivers) == "Vermeldingen per taal: EN 78% · NL 19% · DE 2,9%"
    assert rendering.chart_png(report).startswith(b"\x89PNG")


def test_a_dutch_report_writes_dutch_numbers():
    voice.speak_as_team(voice.Voice("nl", ZoneInfo("Europe/Amsterdam")))
    md = to_markdown(full_report(drivers=multilingual()))
    assert "| EN | 1.200 | 77,7% | 100,0% | – |" in md and "| DE | 45 | 2,9% | niet beoordeeld | – |" in md
    assert "**Per taal (elke taal geteld; sentiment waar die taal beoordeeld wordt)**" in md
    assert "Gemiddeld 4,5 van 5 (antwoorden: 2)" in md


def test_chart_ticks_use_the_decimal_mark_given():
    assert charts._compact(1500, ",") == "1,5k" and charts._compact(1500) == "1.5k" and charts._compact(12) == "12"
