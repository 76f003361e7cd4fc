"""The crisis report rendered: Markdown, and one self-contained, script-free HTML page with the chart inline."""
from __future__ import annotations

import base64
import html
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Mapping
from datetime import datetime, timedelta, timezone

from crisis.debrief.rules import MetricRow
from crisis.debrief.report import ChartData, NonRespondent, QuestionSummary, Report, StatementReport, TrailEntry
from crisis.debrief.model import QuestionKind
from crisis.i18n import Msg, Time, User, format_duration, has, msg, render
from reports.charts import Labels, crisis_chart

CHART_FILE = "chart.png"
_LINK = re.compile(r"^https?://[^\s<>\"'`]+$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^$])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-=])")


# --- styles: how people, channels, times and user text are written --------------------------------

def utc(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return f"{at.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"


def md_escape(text: str) -> str:
    """User text made inert in Markdown: HTML as entities (many viewers render raw HTML) and
    Markdown's punctuation backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_inline(text: str) -> str:
    """User text on one line (table cells, list items): whitespace and line breaks collapsed, escaped."""
    return md_escape(" ".join(str(text).split()))


def md_lines(text: str, indent: str = "") -> str:
    """Multi-line user text: each non-empty line escaped, joined with hard line breaks."""
    lines = [_line_start(md_escape(" ".join(line.split()))) for line in str(text).splitlines() if line.strip()]
    return f"  \n{indent}".join(lines)


def _line_start(line: str) -> str:
    """A line's start escaped too: `1.` or `1)` would open a list, `-` or `=` a list or heading."""
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


_NAMES: ContextVar[Mapping[str, str]] = ContextVar("names", default={})
"""Slack ids (people, channels) -> names, for the report being rendered."""


def _name(some_id: str) -> str:
    return _NAMES.get().get(some_id, some_id)


@contextmanager
def _names_of(report: Report) -> Iterator[None]:
    token = _NAMES.set(report.names)
    try:
        yield
    finally:
        _NAMES.reset(token)


class MarkdownStyle:
    def user(self, user_id: str) -> str:
        return md_inline(f"@{_name(user_id)}")

    def channel(self, channel_id: str) -> str:
        return md_inline(f"#{_name(channel_id)}")

    def time(self, at: datetime) -> str:
        return utc(at)

    def text(self, value: str) -> str:
        return md_inline(value)


class HtmlStyle:
    def user(self, user_id: str) -> str:
        return html.escape(f"@{_name(user_id)}")

    def channel(self, channel_id: str) -> str:
        return html.escape(f"#{_name(channel_id)}")

    def time(self, at: datetime) -> str:
        return html.escape(utc(at))

    def text(self, value: str) -> str:
        return html.escape(value)


class PlainUtcStyle:
    """Plain text (the chart's labels) with times in UTC."""

    def user(self, user_id: str) -> str:
        return f"@{_name(user_id)}"

    def channel(self, channel_id: str) -> str:
        return f"#{_name(channel_id)}"

    def time(self, at: datetime) -> str:
        return utc(at)

    def text(self, value: str) -> str:
        return value


MARKDOWN, HTML, PLAIN_UTC = MarkdownStyle(), HtmlStyle(), PlainUtcStyle()


# --- the chart --------------------------------------------------------------------------------------

def chart_png(report: Report) -> bytes | None:
    """The report's chart (mention volume, negative share, the team's actions); None without mentions."""
    chart: ChartData | None = report.chart
    if chart is None:
        return None
    labels = Labels(volume=_plain("chart.volume"), share=_plain("chart.share"), score=_plain("chart.score"),
                    time=_plain("chart.time"))
    actions = [(at, render(label, PLAIN_UTC)) for at, label in chart.actions]
    return crisis_chart(chart.buckets, actions, render(chart.title, PLAIN_UTC), labels=labels,
                        bucket_minutes=chart.bucket_minutes)


def render_report(report: Report) -> tuple[str, str, bytes | None]:
    """(markdown, html, chart png): what the debrief stores and uploads; people and channels by name."""
    with _names_of(report):
        png = chart_png(report)
        return to_markdown(report), to_html(report, png), png


def _plain(key: str) -> str:
    return render(msg(key), PLAIN_UTC)


# --- Markdown ---------------------------------------------------------------------------------------

def to_markdown(report: Report, chart_file: str | None = None) -> str:
    """The report in Markdown; `chart_file` names the chart image uploaded beside it, if any."""
    def t(key: str, **params: object) -> str:
        return render(Msg(key, params), MARKDOWN)

    def value(item: object) -> str:
        return _value(item, MARKDOWN, md_inline)

    out: list[str] = [f"# {t('report.title', title=report.title)}", "",
                      t("report.subtitle", organisation=report.organisation, severity=report.severity,
                        kind=report.kind), ""]
    out += [f"## {t('report.section.summary')}", ""]
    out += [f"- **{label}**: {text}" for label, text in _facts(report, MARKDOWN, md_inline)]
    for key, text in (("report.field.description", report.description),
                      ("report.field.resolution", report.resolution)):
        if text.strip():
            out += ["", f"**{t(key)}**", "", "> " + md_lines(text, "> ")]
    out += ["", f"## {t('report.section.metrics')}", "",
            _md_row(t("report.table.metric"), t("report.table.value"), t("report.table.definition")),
            _md_row("---", "---", "---")]
    out += [_md_row(render(r.label, MARKDOWN), value(r.value), render(r.hint, MARKDOWN)) for r in report.metric_rows]
    if report.chart is not None and chart_file:
        out += ["", f"## {t('report.section.chart')}", "",
                f"![{md_inline(_plain('report.chart.alt'))}]({chart_file.replace(' ', '%20').replace(')', '%29')})"]
    if report.timeline:
        out += ["", f"## {t('report.section.timeline')}", "",
                _md_row(t("report.table.time"), t("report.table.event")), _md_row("---", "---")]
        out += [_md_row(utc(line.at), render(line.text, MARKDOWN)) for line in report.timeline]
    if report.statements:
        out += ["", f"## {t('report.section.statements')}"]
        for statement in report.statements:
            out += _md_statement(statement, t)
    if report.paused_posts:
        out += ["", f"## {t('report.section.paused_posts')}", "",
                _md_row(t("report.table.channel"), t("report.table.planned"), t("report.table.post"),
                        t("report.table.outcome")), _md_row("---", "---", "---", "---")]
        out += [_md_row(MARKDOWN.channel(p.channel), utc(p.post_at), md_inline(p.text), _outcome(p, MARKDOWN))
                for p in report.paused_posts]
    if _has_answers(report):
        out += ["", f"## {t('report.section.answers')}", "",
                t("report.value.respondents", answered=len(report.respondents), total=_invited(report))]
        for summary in report.answers:
            out += ["", f"### {md_inline(summary.text)}", ""]
            if not summary.answered:
                out.append(f"_{t('report.answers.none')}_")
            elif summary.kind is QuestionKind.SCALE:
                out.append(t("report.answers.mean", mean=f"{summary.mean:.1f}", n=summary.count))
            else:
                out += [f"- **{t('report.answers.by', user=_user(a.user))}**: {md_lines(a.text, '  ')}"
                        for a in summary.answers]
    if report.follow_ups:
        out += ["", f"## {t('report.section.follow_ups')}", "",
                _md_row(t("report.table.action"), t("report.table.owner"), t("report.table.due"),
                        t("report.table.done")), _md_row("---", "---", "---", "---")]
        out += [_md_row(md_inline(f.text), *_follow_up_cells(f, MARKDOWN)) for f in report.follow_ups]
    if report.non_respondents:
        out += ["", f"## {t('report.section.non_respondents')}", ""]
        out += [f"- {_non_respondent(n, MARKDOWN)}" for n in report.non_respondents]
    out += ["", "---", "", f"_{t('report.footer')}_", ""]
    return "\n".join(out)


def _md_statement(statement: StatementReport, t) -> list[str]:
    out = ["", f"### {t('report.statement.head', statement=statement.number, target=statement.target)}", ""]
    details = [t("report.statement.state", state=msg(f"statement.state.{statement.state.value}")),
               t("report.statement.drafted", user=_user(statement.author), at=_time(statement.drafted_at))]
    if statement.template:
        details.append(t("report.statement.template", template=statement.template))
    out += [" · ".join(details), ""]
    if statement.text.strip():
        out += [f"**{t('report.statement.text', version=_version(statement))}**", "",
                "> " + md_lines(statement.text, "> "), ""]
    if len(statement.versions) > 1:
        out += [f"**{t('report.statement.versions')}**: " + "; ".join(
            t("report.statement.version", version=v.number, user=_user(v.author), at=_time(v.at))
            for v in statement.versions), ""]
    out += [f"**{t('report.statement.trail')}**", ""]
    if statement.trail:
        out += [_md_row(*_trail_head(t)), _md_row(*["---"] * 6)]
        out += [_md_row(*_trail_cells(entry, MARKDOWN, md_inline)) for entry in statement.trail]
    else:
        out.append(f"_{t('report.statement.no_decisions')}_")
    if statement.published_at is not None:
        out += ["", t("report.statement.published", at=_time(statement.published_at),
                      ref=statement.published_ref or "-")]
    elif statement.publish_error:
        out += ["", t("report.statement.publish_error", error=statement.publish_error)]
    return out


def _md_row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


# --- HTML -------------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2d3d;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d5dde5; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.subtitle { color: #5b6b7b; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e3e8ee; }
th { background: #f3f6f9; font-weight: 600; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.value { white-space: nowrap; font-weight: 600; }
td.hint, .muted { color: #5b6b7b; font-size: .9em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.text { white-space: pre-wrap; }
blockquote { margin: .3rem 0 .6rem; padding: .3rem .8rem; border-left: 3px solid #c7d2dd; background: #f8fafc; }
.answer { margin: .3rem 0 .6rem; }
.answer .who { font-weight: 600; }
.score { font-size: 1.1em; font-weight: 600; }
img.chart { max-width: 100%; height: auto; border: 1px solid #e3e8ee; }
footer { margin-top: 2rem; color: #5b6b7b; font-size: .85em; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, blockquote, .answer, img.chart, section.statement { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def to_html(report: Report, chart_png: bytes | None = None) -> str:
    """One self-contained page: inline CSS, the chart as a data: image, no scripts, no external assets."""
    def t(key: str, **params: object) -> str:
        return render(Msg(key, params), HTML)

    esc = html.escape
    subtitle = t("report.subtitle", organisation=report.organisation, severity=report.severity, kind=report.kind)
    out: list[str] = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{t('report.title', title=report.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        "<header>", f"<h1>{t('report.title', title=report.title)}</h1>",
        f'<p class="subtitle">{subtitle}</p>',
        "</header>",
        f'<section id="summary"><h2>{t("report.section.summary")}</h2>', '<dl class="facts">',
    ]
    out += [f"<dt>{label}</dt><dd>{text}</dd>" for label, text in _facts(report, HTML, esc, link=_html_link)]
    out.append("</dl>")
    for key, text in (("report.field.description", report.description), ("report.field.resolution", report.resolution)):
        if text.strip():
            out.append(f'<h3>{t(key)}</h3><blockquote class="text">{esc(text.strip())}</blockquote>')
    out.append("</section>")
    out += [f'<section id="metrics"><h2>{t("report.section.metrics")}</h2>', "<table>",
            (f"<thead><tr><th>{t('report.table.metric')}</th><th>{t('report.table.value')}</th>"
             f"<th>{t('report.table.definition')}</th></tr></thead>"), "<tbody>"]
    out += [_html_metric(row) for row in report.metric_rows]
    out += ["</tbody></table></section>"]
    if report.chart is not None and chart_png:
        data = base64.b64encode(chart_png).decode("ascii")
        out += [f'<section id="chart"><h2>{t("report.section.chart")}</h2>',
                (f'<img class="chart" src="data:image/png;base64,{data}" alt="{esc(_plain("report.chart.alt"))}" '
                 'width="800" height="360"></section>')]
    if report.timeline:
        out += [f'<section id="timeline"><h2>{t("report.section.timeline")}</h2>', "<table>",
                f"<thead><tr><th>{t('report.table.time')}</th><th>{t('report.table.event')}</th></tr></thead>",
                "<tbody>"]
        out += [f'<tr><td class="time">{esc(utc(line.at))}</td><td>{render(line.text, HTML)}</td></tr>'
                for line in report.timeline]
        out += ["</tbody></table></section>"]
    if report.statements:
        out.append(f'<section id="statements"><h2>{t("report.section.statements")}</h2>')
        for statement in report.statements:
            out += _html_statement(statement, t)
        out.append("</section>")
    if report.paused_posts:
        out += [f'<section id="paused-posts"><h2>{t("report.section.paused_posts")}</h2>', "<table>",
                "<thead><tr>" + "".join(f"<th>{t(k)}</th>" for k in (
                    "report.table.channel", "report.table.planned", "report.table.post", "report.table.outcome"))
                + "</tr></thead>", "<tbody>"]
        out += [f'<tr><td>{HTML.channel(p.channel)}</td><td class="time">{esc(utc(p.post_at))}</td>'
                f'<td class="text">{esc(p.text)}</td><td>{_outcome(p, HTML)}</td></tr>' for p in report.paused_posts]
        out += ["</tbody></table></section>"]
    if _has_answers(report):
        answered = t("report.value.respondents", answered=len(report.respondents), total=_invited(report))
        out += [f'<section id="answers"><h2>{t("report.section.answers")}</h2>', f'<p class="muted">{answered}</p>']
        for summary in report.answers:
            out += _html_answers(summary, t)
        out.append("</section>")
    if report.follow_ups:
        out += [f'<section id="follow-ups"><h2>{t("report.section.follow_ups")}</h2>', "<table>",
                "<thead><tr>" + "".join(f"<th>{t(k)}</th>" for k in (
                    "report.table.action", "report.table.owner", "report.table.due", "report.table.done"))
                + "</tr></thead>", "<tbody>"]
        out += [f'<tr><td class="text">{esc(f.text)}</td>'
                + "".join(f"<td>{cell}</td>" for cell in _follow_up_cells(f, HTML)) + "</tr>"
                for f in report.follow_ups]
        out += ["</tbody></table></section>"]
    if report.non_respondents:
        out += [f'<section id="non-respondents"><h2>{t("report.section.non_respondents")}</h2>', "<ul>"]
        out += [f"<li>{_non_respondent(n, HTML)}</li>" for n in report.non_respondents]
        out += ["</ul></section>"]
    out += [f"<footer>{t('report.footer')}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_metric(row: MetricRow) -> str:
    return (f"<tr><td>{render(row.label, HTML)}</td><td class=\"value\">{_value(row.value, HTML, html.escape)}</td>"
            f"<td class=\"hint\">{render(row.hint, HTML)}</td></tr>")


def _html_statement(statement: StatementReport, t) -> list[str]:
    esc = html.escape
    details = [t("report.statement.state", state=msg(f"statement.state.{statement.state.value}")),
               t("report.statement.drafted", user=_user(statement.author), at=_time(statement.drafted_at))]
    if statement.template:
        details.append(t("report.statement.template", template=statement.template))
    out = ['<section class="statement">',
           f"<h3>{t('report.statement.head', statement=statement.number, target=statement.target)}</h3>",
           f'<p class="muted">{" · ".join(details)}</p>']
    if statement.text.strip():
        out += [f"<p><strong>{t('report.statement.text', version=_version(statement))}</strong></p>",
                f'<blockquote class="text">{esc(statement.text)}</blockquote>']
    if len(statement.versions) > 1:
        out.append(f"<p><strong>{t('report.statement.versions')}</strong>: " + "; ".join(
            t("report.statement.version", version=v.number, user=_user(v.author), at=_time(v.at))
            for v in statement.versions) + "</p>")
    out.append(f"<p><strong>{t('report.statement.trail')}</strong></p>")
    if statement.trail:
        out += ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in _trail_head(t)) + "</tr></thead>",
                "<tbody>"]
        out += ["<tr>" + "".join(f"<td>{c}</td>" for c in _trail_cells(entry, HTML, esc)) + "</tr>"
                for entry in statement.trail]
        out += ["</tbody></table>"]
    else:
        out.append(f'<p class="muted">{t("report.statement.no_decisions")}</p>')
    if statement.published_at is not None:
        published = t("report.statement.published", at=_time(statement.published_at),
                      ref=statement.published_ref or "-")
        out.append(f"<p>{published}</p>")
    elif statement.publish_error:
        out.append(f"<p>{t('report.statement.publish_error', error=statement.publish_error)}</p>")
    out.append("</section>")
    return out


def _html_answers(summary: QuestionSummary, t) -> list[str]:
    out = [f"<h3>{html.escape(summary.text)}</h3>"]
    if not summary.answered:
        out.append(f'<p class="muted">{t("report.answers.none")}</p>')
    elif summary.kind is QuestionKind.SCALE:
        out.append(f'<p class="score">{t("report.answers.mean", mean=f"{summary.mean:.1f}", n=summary.count)}</p>')
    else:
        out += [f'<div class="answer"><span class="who">{t("report.answers.by", user=_user(a.user))}</span>'
                f'<blockquote class="text">{html.escape(a.text)}</blockquote></div>' for a in summary.answers]
    return out


def _html_link(url: str) -> str:
    """A link the team gave (the crisis's link): a plain, escaped text link, never an embedded asset."""
    text = html.escape(url)
    if _LINK.match(url):
        return f'<a href="{text}" rel="noopener noreferrer nofollow">{text}</a>'
    return text


# --- shared pieces ----------------------------------------------------------------------------------

def _facts(report: Report, style, escape, link=None) -> list[tuple[str, str]]:
    def t(key: str, **params: object) -> str:
        return render(Msg(key, params), style)

    m = report.metrics
    facts = [(t("report.field.severity"), escape(" → ".join(report.severities or (report.severity,)))),
             (t("report.field.kind"), render(report.kind, style))]
    if report.impact_started_at is not None:
        facts.append((t("report.field.impact_started"), escape(utc(report.impact_started_at))))
    facts += [(t("report.field.opened"), escape(utc(report.opened_at))),
              (t("report.field.opened_by"), style.user(report.opened_by))]
    if report.closed_at is not None:
        facts.append((t("report.field.closed"), escape(utc(report.closed_at))))
        if report.closed_by:
            facts.append((t("report.field.closed_by"), style.user(report.closed_by)))
        if m.duration is not None:
            facts.append((t("report.field.duration"), escape(format_duration(m.duration))))
    else:
        facts.append((t("report.field.status"), t("report.value.still_open")))
    if report.channel_name:
        facts.append((t("report.field.channel"), escape(f"#{report.channel_name}")))
    if report.term:
        facts.append((t("report.field.term"), escape(report.term)))
    if report.link.strip():
        facts.append((t("report.field.link"), link(report.link) if link else escape(report.link)))
    if report.participants:
        facts.append((t("report.field.participants"), escape(str(len(report.participants)))))
    return facts


def _value(item: object, style, escape) -> str:
    if item is None:
        return render(msg("report.value.none"), style)
    if isinstance(item, Msg):
        return render(item, style)
    if isinstance(item, timedelta):
        return escape(format_duration(item))
    return escape(str(item))


def _trail_head(t) -> list[str]:
    return [t(f"report.table.{k}") for k in ("version", "decision", "role", "who", "time", "note")]


def _trail_cells(entry: TrailEntry, style, escape) -> list[str]:
    key = f"report.decision.{entry.decision.value}"
    decision = render(msg(key), style) if has(key) else escape(entry.decision.value)
    return [escape(f"v{entry.version}"), decision, escape(entry.role), style.user(entry.user), escape(utc(entry.at)),
            escape(" ".join(entry.note.split()))]


def _outcome(post, style) -> str:
    if post.outcome == "resumed":
        if post.new_post_at is not None:
            return render(msg("report.paused.resumed", at=_time(post.new_post_at)), style)
        return render(msg("paused.outcome.resumed"), style)
    if post.outcome == "discarded":
        return render(msg("paused.outcome.discarded"), style)
    return render(msg("report.paused.still"), style)


def _follow_up_cells(item, style) -> list[str]:
    owner = style.user(item.owner) if item.owner else render(msg("report.follow_up.no_owner"), style)
    due = _date(item.due, style) if item.due else render(msg("report.follow_up.no_due"), style)
    done = render(msg("report.follow_up.done", at=_time(item.done_at)), style) if item.done_at else \
        render(msg("report.follow_up.open"), style)
    return [owner, due, done]


def _date(at: datetime, style) -> str:
    return style.text(f"{(at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(timezone.utc):%Y-%m-%d}")


def _non_respondent(person: NonRespondent, style) -> str:
    if person.unreachable:
        key = f"slack_reason.{person.unreachable}"
        reason = msg(key) if has(key) else msg("slack_reason.other", reason=person.unreachable)
        return render(msg("report.non_respondent.unreachable", user=_user(person.user), reason=reason), style)
    return style.user(person.user)


def _version(statement: StatementReport) -> int:
    return statement.versions[-1].number if statement.versions else 1


def _has_answers(report: Report) -> bool:
    return any(summary.answered for summary in report.answers)


def _invited(report: Report) -> int:
    return len(set(report.participants) | set(report.respondents))


def _user(user_id: str | None) -> User:
    return User(user_id)


def _time(at: datetime) -> Time:
    return Time(at)
