"""The crisis report in Markdown and HTML: sections, hostile answers escaped, self-contained HTML, edge cases."""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import fields, is_dataclass, replace
from datetime import timedelta, timezone
from enum import Enum
from html.parser import HTMLParser

import pytest

from crisis.debrief.model import Debrief, DebriefResponse, FollowUp
from crisis.debrief.report import Report, build_report
from crisis.events import EventKind as K
from crisis.i18n import Msg
from crisis.i18n.en import MESSAGES
from crisis.monitor.buckets import Bucket
from crisis.statements.model import PausedPost
from reports.report import chart_png, md_escape, render_report, to_html, to_markdown
from tests.crisis.debrief.story import (
    T0,
    alerts,
    apology,
    at,
    crisis,
    event,
    holding,
    timeline,
)
from tests.crisis.plans import make_plan

PLAN = make_plan()
HOSTILE = "<script>alert(1)</script> **bold** [link](javascript:x) <img src=x onerror=alert(2)> | # _x_ `c`"
LONG = (HOSTILE + "\n- not a list\n1. not a list either\n> not a quote\n") * 30
LONG = LONG[:3000]


def buckets(count: int = 60) -> list[Bucket]:
    return [Bucket(at(-60 + 5 * i), 10 + i, 4, 10 + i, term="acme") for i in range(count)]


def debrief(participants=("ULEAD", "UCOMMSB", "ULEGAL"), failures=None) -> Debrief:
    return Debrief(7, list(participants), at(180), at(180 + 48 * 60), None, invite_failures=failures or {})


def response(user: str, **answers) -> DebriefResponse:
    return DebriefResponse(7, user, answers, at(200), at(200))


def full_report(**overrides) -> Report:
    args = {
        "crisis": crisis(impact_started_at=at(-40), link="https://social.example/p/1?a=1&b=2"), "plan": PLAN,
        "events": timeline(), "statements": [holding(), apology()], "alerts": alerts(),
        "paused_posts": [PausedPost(7, "CBRAND", "Black Friday!", at(100), "Q1", outcome="discarded",
                                 decided_by="UCOMMSB")],
        "debrief": debrief(failures={"ULEGAL": "user_not_found"}),
        "responses": [response("ULEAD", went_well="Paging", response_speed=4, roles_clear=3),
                   response("UCOMMSB", went_well="Template", response_speed=5)],
        "follow_ups": [FollowUp(7, "Review ad approvals", "ULEAD", at(3000), "ULEAD", at(200))],
        "buckets": buckets()}
    args.update(overrides)
    return build_report(**args)


def hostile_report() -> Report:
    """Every text a person typed carries markup: title, description, resolution, notes, statements, answers."""
    hostile_crisis = crisis(title=HOSTILE[:80], description=LONG, resolution=LONG, term="acme",
                            link="https://social.example/p/1?q=<b>")
    events = timeline() + [event(K.NOTE, 150, "ULEAD", text=LONG), event(K.UPDATE_POSTED, 160, "ULEAD", text=HOSTILE)]
    statement = replace(holding(), versions=[replace(holding().versions[0], text=LONG)], published_ref=HOSTILE)
    return build_report(
        hostile_crisis, PLAN, events, [statement, replace(apology(), approvals=[
            replace(a, note=HOSTILE) for a in apology().approvals])], alerts(),
        [PausedPost(7, "CBRAND", LONG, at(100), "Q1")], debrief(),
        [response("ULEAD", went_well=LONG, went_badly=HOSTILE, lesson=LONG, response_speed=2),
         response("UCOMMSB", went_well=LONG)],
        [FollowUp(7, LONG, "UCOMMSB", at(3000), "ULEAD", at(200))], buckets())


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_markdown_has_every_section_in_order():
    md = to_markdown(full_report())
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Response metrics", "## Timeline", "## Statements and their approval",
                        "## Paused brand posts", "## Debrief answers", "## Follow-up actions",
                        "## Did not answer the questionnaire"]
    assert "| Time to detect | 15 min | First spike warning about the crisis → crisis opened. |" in md
    assert "| Time to resolve | 3 h 40 min |" in md
    assert "| Updates | 3 made, 5 asked |" in md
    assert "- **Severity**: SEV2 → SEV1" in md and "- **Impact started**: 2026-11-25 08:20 UTC" in md
    assert "| v1 | asked for changes | Legal | @ULEGAL | 2026-11-25 10:20 UTC | Too vague |" in md
    assert "Published 2026-11-25 09:50 UTC: x: 123" in md
    assert "Average 4.5 of 5 (answers: 2)" in md
    assert "- **@ULEAD**: Paging" in md and "- **@UCOMMSB**: Template" in md
    assert "- @ULEGAL (the questionnaire could not reach them: no such user in this workspace)" in md
    assert "| Review ad approvals | @ULEAD | 2026-11-27 | open |" in md
    assert "| \\#CBRAND | 2026-11-25 10:40 UTC | Black Friday\\! | discarded |" in md
    assert "![" not in md  # the chart is a separate file unless named
    assert "![" in to_markdown(full_report(), chart_file="chart.png")


def test_html_has_every_section_the_chart_and_a_print_layout():
    report = full_report()
    png = chart_png(report)
    assert png is not None and png.startswith(b"\x89PNG")
    page = to_html(report, png)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert [attrs.get("id") for tag, attrs in tags(page) if tag == "section" and attrs.get("id")] == [
        "summary", "metrics", "chart", "timeline", "statements", "paused-posts", "answers", "follow-ups",
        "non-respondents"]
    assert "@media print" in page and "@page" in page
    images = [attrs for tag, attrs in tags(page) if tag == "img"]
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert images[0]["alt"]
    assert "First spike warning about the crisis → crisis opened." in page  # definitions as hints
    assert "<h3>Approval trail</h3>" not in page and "Approval trail" in page


def test_render_report_gives_markdown_html_and_the_chart():
    markdown, page, png = render_report(full_report())
    assert markdown.startswith("# Crisis report") and "data:image/png;base64," in page and png


@pytest.mark.parametrize("output", ["markdown", "html"])
def test_every_label_comes_from_the_catalog(output):
    report = full_report()
    text = to_markdown(report) if output == "markdown" else to_html(report, chart_png(report))
    for key in ("report.section.summary", "report.section.metrics", "report.section.timeline",
                "report.section.follow_ups", "report.table.definition", "report.footer"):
        assert MESSAGES[key].replace("{zone}", "UTC") in text


def test_hostile_answers_are_escaped_in_html():
    report = hostile_report()
    page = to_html(report, chart_png(report))
    assert "<script" not in page.lower()
    assert "onerror" not in [name for _, attrs in tags(page) for name in attrs]
    assert not [tag for tag, _ in tags(page) if tag in {"script", "iframe", "object", "embed", "link", "form",
                                                         "base"}]
    assert 'href="javascript' not in page.lower() and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 30  # long answers are all there, escaped, not cut
    assert "**bold** [link](javascript:x)" in page  # Markdown means nothing in HTML: shown as typed


def test_hostile_answers_are_escaped_in_markdown():
    md = to_markdown(hostile_report())
    assert "<" not in md  # no raw HTML at all: many Markdown viewers render it
    assert "](javascript" not in md and "[link]" not in md  # no live link
    assert "**bold**" not in md and "\\*\\*bold\\*\\*" in md
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md
    assert "\\[link\\]\\(javascript:x\\)" in md
    assert not re.search(r"^\s*(?:[-+*]|\d+[.)]|#+|>\s*>) not a", md, re.MULTILINE)  # no lists, headings, quotes
    for line in md.splitlines():
        if line.startswith("|"):  # a table row: a typed | never opens a new cell
            assert len(re.findall(r"(?<!\\)\|", line)) in {3, 4, 5, 7}, line


def test_md_escape_is_inert_and_keeps_the_text():
    assert md_escape("a_b *c* [d](e) <f> & `g` #h |i|") == \
        "a\\_b \\*c\\* \\[d\\]\\(e\\) &lt;f&gt; &amp; \\`g\\` \\#h \\|i\\|"


def test_html_loads_nothing_from_outside_and_links_only_what_the_team_gave():
    report = full_report()
    page = to_html(report, chart_png(report))
    for tag, attrs in tags(page):
        assert "src" not in attrs or attrs["src"].startswith("data:image/png;base64,"), tag
        assert tag != "link"
        if "href" in attrs:
            assert tag == "a" and attrs["href"] == "https://social.example/p/1?a=1&b=2"
            assert "noopener" in attrs["rel"].split()
    assert 'href="https://social.example/p/1?a=1&amp;b=2"' in page
    assert "url(" not in page and "@import" not in page and 'src="http' not in page
    assert "default-src 'none'" in page  # even an injected script would not run


def test_a_link_that_is_not_plain_http_is_shown_as_text():
    page = to_html(full_report(crisis=crisis(link="javascript:alert(1)")), None)
    assert not [attrs for tag, attrs in tags(page) if tag == "a"]
    assert "javascript:alert(1)" in page


def test_crisis_with_no_mentions_no_statements_and_one_participant_still_builds():
    report = full_report(statements=[], buckets=[], paused_posts=[], follow_ups=[], debrief=debrief(["ULEAD"]),
                         responses=[response("ULEAD", went_well="All fine", response_speed=5)],
                         events=[e for e in timeline() if not e.kind.value.startswith("statement")])
    assert chart_png(report) is None
    md, page = to_markdown(report), to_html(report, None)
    for text in (md, page):
        assert "Statements and their approval" not in text and "Paused brand posts" not in text
        assert "Follow-up actions" not in text and "Did not answer" not in text
        assert "Mentions and negative share" not in text
        assert "All fine" in text and "Debrief answers" in text
    assert "<img" not in page and "1 of 1 answered" in md
    assert "| Time to first holding statement | — |" in md


def test_crisis_still_open_without_anything_builds():
    bare = crisis(closed_at=None, closed_by=None, resolution="", term=None, description="", link="",
                  channel_name=None, roles=[])
    report = build_report(bare, PLAN, [], [], [], [], None, [], [], [])
    md, page = to_markdown(report), to_html(report, None)
    assert "still open" in md and "still open" in page
    assert [line for line in md.splitlines() if line.startswith("## ")] == ["## Summary", "## Response metrics"]
    assert "Timeline" not in md


def test_debrief_nobody_answered_lists_everyone_and_no_answer_section():
    report = full_report(responses=[])
    md = to_markdown(report)
    assert "## Debrief answers" not in md
    assert "## Did not answer the questionnaire\n\n- @ULEAD\n- @UCOMMSB\n- @ULEGAL" in md


def test_times_are_shown_in_utc():
    cet = timezone(timedelta(hours=1))
    report = full_report(crisis=crisis(opened_at=T0.astimezone(cet), closed_at=at(180).astimezone(cet)))
    md = to_markdown(report)
    assert "- **Opened**: 2026-11-25 09:00 UTC" in md and "10:00 UTC" not in md.split("## Response")[0]


PAYLOAD = ('=1+1 <script>alert(1)</script> "><img src=x onerror=alert(2)> {{ 7*7 }} {% if 1 %}x{% endif %} '
           '| a | b |\n# injected\n- injected\n\t@cmd\r\n')


def hostile(value):
    """`value` with every string a person or another system could have written replaced by PAYLOAD."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return PAYLOAD
    if isinstance(value, Msg):
        return Msg(value.key, {name: hostile(param) for name, param in value.params.items()})
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: hostile(getattr(value, f.name)) for f in fields(value) if f.init})
    if isinstance(value, (tuple, list)):
        return type(value)(hostile(item) for item in value)
    if isinstance(value, Mapping):
        return {key: hostile(item) for key, item in value.items()}
    return value


def test_a_hostile_text_in_every_field_is_inert_in_both_outputs():
    report = hostile(full_report())
    page, md = to_html(report, b"PNG"), to_markdown(report, chart_file="chart.png")
    assert {tag for tag, _ in tags(page)} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section", "dl", "dt", "dd",
        "blockquote", "table", "thead", "tbody", "tr", "th", "td", "img", "ul", "li", "div", "span", "strong",
        "footer"}
    assert not [name for _, attrs in tags(page) for name in attrs if name.startswith("on")]
    assert "<script" not in page and "<img src=x" not in page and "49" not in page.split("<body>")[1]
    assert page.count("{{ 7*7 }} {% if 1 %}x{% endif %}") >= 20  # shown as typed, never evaluated
    assert "<" not in md and "49" not in md
    assert md.count("\\{\\{ 7\\*7 \\}\\}") >= 20
    assert not re.search(r"^\s*(?:#+|[-+*]|\d+[.)]|>\s*>)\s*injected", md, re.MULTILINE)
    for line in md.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) in {3, 4, 5, 7}, line


def test_typed_table_cells_cannot_become_spreadsheet_formulas():
    report = full_report(paused_posts=[PausedPost(7, "CBRAND", "=HYPERLINK(\"http://x\")", at(100), "Q1")],
                         follow_ups=[FollowUp(7, "+1+1", "ULEAD", at(3000), "ULEAD", at(200))])
    trail = replace(apology(), approvals=[replace(a, note="@SUM(1)") for a in apology().approvals])
    report = replace(report, statements=tuple(replace(s, trail=tuple(replace(e, note="-2+3") for e in s.trail))
                                              for s in full_report(statements=[trail]).statements))
    md, page = to_markdown(report), to_html(report, None)
    assert "| '=HYPERLINK\\(\"http://x\"\\) |" in md and "| '\\+1\\+1 |" in md and "| '-2\\+3 |" in md
    shown = html.unescape(page)
    assert '<td class="text">\'=HYPERLINK("http://x")</td>' in shown
    assert '<td class="text">\'+1+1</td>' in shown and "<td>'-2+3</td>" in shown
    assert "| Review ad approvals |" in to_markdown(full_report())  # plain text stays as it is


def test_a_post_paused_at_a_provider_names_its_account_not_a_channel():
    post = PausedPost(7, "mastodon", "Black Friday!", at(100), "101", source="mastodon",
                      account="Mastodon <social.example>", outcome="discarded", decided_by="UCOMMSB")
    report = full_report(paused_posts=[post])
    md, html = to_markdown(report), to_html(report)
    assert "| Mastodon &lt;social.example&gt; | 2026-11-25 10:40 UTC |" in md
    assert "Mastodon &lt;social.example&gt;" in html and "#mastodon" not in md + html


def test_a_queued_post_that_went_out_before_the_pause_is_reported_published_not_paused():
    post = PausedPost(7, "CBRAND", "Black Friday!", at(100), "Q1", outcome="published")
    md = to_markdown(full_report(paused_posts=[post]))
    assert "| Black Friday\\! | published (it went out before the pause) |" in md
