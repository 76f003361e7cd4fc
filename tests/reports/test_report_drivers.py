"""The report's "What drove it" section: rising items with their counts, platforms and sources with their negative
share, the most shared posts; outside text stays text in Markdown and HTML; no section without mentions."""
from __future__ import annotations

from crisis.monitor.drivers import drivers
from crisis.monitor.mentions import Mention
from reports.report import to_html, to_markdown
from tests.crisis.debrief.story import at
from tests.reports.test_report import full_report, tags

EVIL = "<script>alert(1)</script> [click](javascript:alert(1)) | =cmd"


def post(n: int, text: str, minutes: int, *, source: str = "x", label: str = "negative") -> Mention:
    return Mention(source=source, source_id=f"{source}{n}", author=f"@u{n}", text=text, url="",
                   created_at=at(minutes), term="acme", feed="search", label=label)


def crisis_drivers():
    window = [post(i, f"Refund now #BoycottAcme https://news.example/ad?utm_source=x {EVIL}", 5) for i in range(6)]
    window += [post(10 + i, "acme is fine", 6, source="mastodon", label="positive") for i in range(4)]
    baseline = [post(100 + i, "acme is fine", -600, source="mastodon", label="positive") for i in range(40)]
    return drivers("acme", at(0), at(120), window, baseline)


def test_markdown_shows_what_drove_the_mentions_after_the_chart():
    md = to_markdown(full_report(drivers=crisis_drivers()))
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings.index("## What drove it") == headings.index("## Response metrics") + 1
    assert "10 mentions of acme from 2026-11-25 09:00 UTC to 2026-11-25 11:00 UTC, compared with 40" in md
    assert "| term | refund | 6 | 60.0% | 0.0% | ×" in md
    assert "| hashtag | \\#boycottacme | 6 |" in md and "| link | news.example/ad | 6 |" in md
    assert "| platform | x | 6 | 60.0% | 100.0% | 0.0% |" in md
    assert "| platform | mastodon | 4 | 40.0% | 0.0% | 100.0% |" in md
    assert "| source | search | 10 | 100.0% | 60.0% |" in md
    assert "**Most shared posts**" in md and "6 copies by 6 authors; first by @u0" in md
    assert "<script>" not in md and "](javascript" not in md and "\\| =cmd" in md


def test_html_shows_the_section_and_keeps_outside_text_inert():
    page = to_html(full_report(drivers=crisis_drivers()))
    assert '<section id="drivers"><h2>What drove it</h2>' in page
    assert "<td>refund</td><td>6</td>" in page and "<td>news.example/ad</td>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert not [attrs for tag, attrs in tags(page) if tag == "a" and "news.example" in (attrs.get("href") or "")]


def test_no_section_without_mentions():
    empty = drivers("acme", at(0), at(120), [], [])
    assert "What drove it" not in to_markdown(full_report(drivers=empty))
    assert 'id="drivers"' not in to_html(full_report())
    nothing_rose = drivers("acme", at(0), at(120), [post(1, "acme", 0)], [post(2, "acme", -60)])
    assert "No term, hashtag or link rose" in to_markdown(full_report(drivers=nothing_rose))
