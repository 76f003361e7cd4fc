"""The crisis report rendered by Jinja2 templates: Markdown, and one autoescaped, script-free HTML page."""
from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from crisis.debrief.model import QuestionKind
from crisis.debrief.report import (
    ChartData,
    FollowUpLine,
    NonRespondent,
    Report,
    StatementReport,
    TakedownLine,
    TrailEntry,
)
from crisis.errors import failure_reason
from crisis.i18n import (
    Msg,
    Number,
    Percent,
    Style,
    Time,
    User,
    format_duration,
    format_number,
    format_percent,
    has,
    msg,
    render,
    spreadsheet_safe,
    voice,
)
from crisis.i18n.voice import format_day, format_time
from crisis.monitor.drivers import Drivers, Slice
from crisis.prevention.views import people
from crisis.statements.model import Decision
from crisis.takedowns.model import METRICS, TakedownState
from crisis.webcare.model import Reply, ReplyState
from reports.charts import Labels, crisis_chart

_LINK = re.compile(r"^https?://[^\s<>\"'`]+$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~^$])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])|^([-=])")


# --- styles: how people, channels, times and user text are written --------------------------------

def when(at: datetime) -> str:
    """A time on the team's clock, the zone named ('2026-11-25 14:05 CET'); stored times are UTC."""
    return format_time(at)


def zone_name() -> str:
    """The team's zone as the report names it (its IANA name)."""
    return voice.team().zone.key


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


_NAMES: ContextVar[Mapping[str, str]] = ContextVar("names", default=MappingProxyType({}))
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
        return when(at)

    def text(self, value: str) -> str:
        return md_inline(value)


class HtmlStyle:
    def user(self, user_id: str) -> str:
        return escape(f"@{_name(user_id)}")

    def channel(self, channel_id: str) -> str:
        return escape(f"#{_name(channel_id)}")

    def time(self, at: datetime) -> str:
        return escape(when(at))

    def text(self, value: str) -> str:
        return escape(value)


class PlainTextStyle:
    """Plain text (the chart's labels), times on the team's clock."""

    def user(self, user_id: str) -> str:
        return f"@{_name(user_id)}"

    def channel(self, channel_id: str) -> str:
        return f"#{_name(channel_id)}"

    def time(self, at: datetime) -> str:
        return when(at)

    def text(self, value: str) -> str:
        return value


MARKDOWN, HTML, PLAIN_TEXT = MarkdownStyle(), HtmlStyle(), PlainTextStyle()


# --- the chart --------------------------------------------------------------------------------------

def chart_png(report: Report) -> bytes | None:
    """The report's chart (mention volume, negative share, the team's actions); None without mentions."""
    chart: ChartData | None = report.chart
    if chart is None:
        return None
    labels = Labels(volume=_plain("chart.volume"), share=_plain("chart.share"), score=_plain("chart.score"),
                    time=render(msg("chart.time", zone=zone_name()), PLAIN_TEXT), decimal=_plain("number.decimal"))
    actions = [(at, render(label, PLAIN_TEXT)) for at, label in chart.actions]
    return crisis_chart(chart.buckets, actions, render(chart.title, PLAIN_TEXT), labels=labels,
                        bucket_minutes=chart.bucket_minutes, note=_languages_note(report.drivers))


def _languages_note(found: Drivers | None) -> str:
    """The chart's note where the crisis's mentions were in more than one language: each language's share."""
    if found is None or not found.multilingual:
        return ""
    split = " · ".join(f"{_language_name(s, PLAIN_TEXT)} {format_percent(s.share, 1 if s.share < 0.1 else 0)}"
                       for s in found.languages)
    return render(msg("report.chart.languages", split=split), PLAIN_TEXT)


def _language_name(part: Slice, style: Style) -> str:
    return part.name.upper() if part.name else render(msg("languages.unknown"), style)


def render_report(report: Report) -> tuple[str, str, bytes | None]:
    """(markdown, html, chart png): what the debrief stores and uploads; people and channels by name."""
    with _names_of(report):
        png = chart_png(report)
        return to_markdown(report), to_html(report, png), png


def _plain(key: str) -> str:
    return render(msg(key), PLAIN_TEXT)


# --- what the templates show: catalog text rendered and marked safe; raw strings, escaped by the template --

def _facts(report: Report, w: _Writer) -> list[tuple[str, str, str | None]]:
    """(label, value, link target) of the summary; only the crisis's own http(s) link has a target."""
    t, m = w.t, report.metrics
    facts = [(t("report.field.severity"), " → ".join(report.severities or (report.severity,))),
             (t("report.field.kind"), t(report.kind))]
    if report.impact_started_at is not None:
        facts.append((t("report.field.impact_started"), when(report.impact_started_at)))
    facts += [(t("report.field.opened"), when(report.opened_at)),
              (t("report.field.opened_by"), w.user(report.opened_by))]
    if report.closed_at is not None:
        facts.append((t("report.field.closed"), when(report.closed_at)))
        if report.closed_by:
            facts.append((t("report.field.closed_by"), w.user(report.closed_by)))
        if m.duration is not None:
            facts.append((t("report.field.duration"), format_duration(m.duration)))
    else:
        facts.append((t("report.field.status"), t("report.value.still_open")))
    if report.channel_name:
        facts.append((t("report.field.channel"), f"#{report.channel_name}"))
    if report.term:
        facts.append((t("report.field.term"), report.term))
    link = [(t("report.field.link"), report.link, report.link if _LINK.match(report.link) else None)] \
        if report.link.strip() else []
    count = [(t("report.field.participants"), format_number(len(report.participants)), None)] \
        if report.participants else []
    return [(label, value, None) for label, value in facts] + link + count


def _value(item: object, w: _Writer) -> str:
    if item is None:
        return w.t("report.value.none")
    if isinstance(item, Msg):
        return w.t(item)
    if isinstance(item, timedelta):
        return format_duration(item)
    if isinstance(item, int) and not isinstance(item, bool):
        return format_number(item)
    return str(item)


def _details(statement: StatementReport, w: _Writer) -> list[str]:
    details = [w.t("report.statement.state", state=msg(f"statement.state.{statement.state.value}")),
               w.t("report.statement.drafted", user=User(statement.author), at=Time(statement.drafted_at))]
    if statement.template:
        details.append(w.t("report.statement.template", template=statement.template))
    if statement.amendment is not None:
        details.insert(0, w.t(f"card.statement.{statement.amendment.value}_of", statement=statement.amends))
    if statement.retracted_by is not None:
        details.append(w.t("report.statement.retracted_by", statement=statement.retracted_by))
    return details


def _trail_cells(entry: TrailEntry, w: _Writer) -> list[str]:
    key = f"report.decision.{entry.decision.value}"
    decision = w.t(key) if has(key) else entry.decision.value
    return [f"v{entry.version}", decision, entry.role, w.user(entry.user), when(entry.at),
            spreadsheet_safe(" ".join(entry.note.split()))]


def _outcome(post, w: _Writer) -> str:
    if post.outcome == "resumed":
        if post.new_post_at is not None:
            return w.t("report.paused.resumed", at=Time(post.new_post_at))
        return w.t("paused.outcome.resumed")
    if post.outcome in ("discarded", "published"):  # published: it went out from the queue before the pause
        return w.t(f"paused.outcome.{post.outcome}")
    return w.t("report.paused.still")


def _takedown_cells(line: TakedownLine, drill: bool, w: _Writer) -> list[str]:
    """Account, the post's text, author, posted, counts, outcome, who asked and approved, the link. A `drill`'s
    approved take-down was skipped: the post stays up."""
    post = line.post
    counts = ", ".join(w.t(f"takedown.metric.{name}", count=post.metrics[name]) for name in METRICS
                       if name in post.metrics)
    if drill and line.state is TakedownState.TAKEN_DOWN and line.removed_at is not None:
        outcome = w.t("report.takedown.skipped", at=Time(line.removed_at))
    elif line.state in (TakedownState.TAKEN_DOWN, TakedownState.GONE) and line.removed_at is not None:
        outcome = w.t(f"report.takedown.{line.state.value}", at=Time(line.removed_at))
    else:
        outcome = w.t(f"takedown.state.{line.state.value}")
        if line.error:
            outcome = w.t("report.takedown.error", state=msg(f"takedown.state.{line.state.value}"), error=line.error)
    who = w.t("report.takedown.who", asked=User(line.requested_by), approved=people(list(line.approved_by)))
    return [line.account, spreadsheet_safe(" ".join(post.text.split())), spreadsheet_safe(post.author),
            when(post.posted_at) if post.posted_at else "–", counts or "–", outcome, who, spreadsheet_safe(post.url)]


def _reply_cells(reply: Reply, drill: bool, w: _Writer) -> list[str]:
    """Account, whom, their post, our reply, outcome, who asked and approved, the link (ours once sent). A
    `drill`'s approved reply was skipped: nothing was sent."""
    if drill and reply.state is ReplyState.SENT and reply.sent_at is not None:
        outcome = w.t("report.reply.skipped", at=Time(reply.sent_at))
    elif reply.state is ReplyState.SENT and reply.sent_at is not None:
        outcome = w.t("report.reply.sent", at=Time(reply.sent_at))
    elif reply.error:
        outcome = w.t("report.reply.error", state=msg(f"reply.state.{reply.state.value}"), error=reply.error)
    else:
        outcome = w.t(f"reply.state.{reply.state.value}")
    approved = [a.user for a in reply.approvals if a.decision is Decision.APPROVE]
    who = w.t("report.takedown.who", asked=User(reply.requested_by), approved=people(approved))
    return [reply.account, spreadsheet_safe(reply.post.author), spreadsheet_safe(" ".join(reply.post.text.split())),
            spreadsheet_safe(" ".join(reply.text.split())), outcome, who,
            spreadsheet_safe(reply.reply_url or reply.post.url)]


def _follow_up_cells(item: FollowUpLine, w: _Writer) -> list[str]:
    owner = w.user(item.owner) if item.owner else w.t("report.follow_up.no_owner")
    due = format_day(item.due) if item.due else w.t("report.follow_up.no_due")
    done = w.t("report.follow_up.done", at=Time(item.done_at)) if item.done_at else w.t("report.follow_up.open")
    return [owner, due, done]


def _non_respondent(person: NonRespondent, w: _Writer) -> str:
    if person.unreachable:
        return w.t("report.non_respondent.unreachable", user=User(person.user),
                   reason=failure_reason(person.unreachable))
    return w.user(person.user)


def _drivers_window(report: Report, w: _Writer) -> str:
    found = report.drivers
    return w.t("report.drivers.window", mentions=Number(found.mentions), term=found.term, start=Time(found.start),
               end=Time(found.end), baseline=Number(found.baseline_mentions))


def _percent(value: float | None) -> str:
    return "–" if value is None else format_percent(value, 1)


def _rising_rows(found: Drivers, w: _Writer) -> list[list[str]]:
    """(kind, item, mentions, share, share before, rise) of each rising term, hashtag and link; items as raw text."""
    kinds = (("term", "", found.terms), ("hashtag", "#", found.hashtags), ("link", "", found.links))
    return [[w.t(f"report.drivers.kind.{kind}"), prefix + r.text, format_number(r.count), _percent(r.share),
             _percent(r.baseline_share), "–" if r.lift is None else "×" + format_number(r.lift, 1)]
            for kind, prefix, items in kinds for r in items]


def _split_rows(found: Drivers, w: _Writer) -> list[list[str]]:
    """(kind, name, mentions, share, negative share, share before) per platform and per source."""
    return [[w.t(f"report.drivers.kind.{kind}"), s.name, format_number(s.count), _percent(s.share),
             _percent(s.negative_share), _percent(s.baseline_share)]
            for kind, items in (("platform", found.platforms), ("source", found.sources)) for s in items]


def _language_rows(found: Drivers, w: _Writer) -> list[list[str]]:
    """(language, mentions, share, negative share or "not scored", share before) of every language, when the
    crisis's mentions were in more than one; none otherwise."""
    if not found.multilingual:
        return []
    return [[_language_name(s, PLAIN_TEXT), format_number(s.count), _percent(s.share),
             w.t("report.drivers.not_scored") if s.negative_share is None else _percent(s.negative_share),
             _percent(s.baseline_share)] for s in found.languages]


def _version(statement: StatementReport) -> int:
    return statement.versions[-1].number if statement.versions else 1


def _has_answers(report: Report) -> bool:
    return any(summary.answered for summary in report.answers)


def _invited(report: Report) -> int:
    return len(set(report.participants) | set(report.respondents))


# --- the templates ---------------------------------------------------------------------------------

class Md(str):
    """Markdown already made safe (catalog text rendered with MarkdownStyle): written as it is."""


def _md_safe(value: object) -> str:
    """Markdown's autoescape: every value a template writes is escaped unless it is already Md."""
    return value if isinstance(value, Md) else Md(md_inline(str(value)))


@dataclass(frozen=True)
class _Writer:
    """Catalog text, people and channels rendered in one format and marked safe (Markup, Md) for its templates."""

    style: Style
    safe: Callable[[str], str]

    def t(self, message: str | Msg, /, **params: object) -> str:
        return self.safe(render(message if isinstance(message, Msg) else Msg(message, params), self.style))

    def user(self, user_id: str) -> str:
        return self.safe(self.style.user(user_id))

    def channel(self, channel_id: str) -> str:
        return self.safe(self.style.channel(channel_id))


def _environment(w: _Writer, **options: object) -> Environment:
    env = Environment(loader=PackageLoader("reports"), undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True, **options)
    env.filters.update(base64=lambda data: base64.b64encode(data).decode("ascii"),
                       cell=lambda text: spreadsheet_safe(text.strip()))
    env.tests["scale"] = lambda kind: kind is QuestionKind.SCALE
    env.globals.update(
        t=w.t, user=w.user, channel=w.channel, User=User, Time=Time, when=when, plain=_plain, version=_version,
        has_answers=_has_answers, invited=_invited, facts=lambda report: _facts(report, w),
        value=lambda item: _value(item, w), statement_details=lambda statement: _details(statement, w),
        statement_versions=lambda statement: [w.t("report.statement.version", version=v.number, user=User(v.author),
                                                  at=Time(v.at)) for v in statement.versions],
        trail_head=lambda: [w.t(f"report.table.{k}", zone=zone_name()) if k == "time" else w.t(f"report.table.{k}")
                            for k in ("version", "decision", "role", "who", "time", "note")],
        trail_cells=lambda entry: _trail_cells(entry, w), outcome=lambda post: _outcome(post, w),
        follow_up_cells=lambda item: _follow_up_cells(item, w), non_respondent=lambda n: _non_respondent(n, w),
        takedown_cells=lambda line, drill: _takedown_cells(line, drill, w),
        reply_cells=lambda reply, drill: _reply_cells(reply, drill, w),
        reply_head=lambda: [w.t(f"report.table.{k}") for k in ("account", "author", "post", "reply", "outcome", "who",
                                                                 "link")],
        takedown_head=lambda: [w.t(f"report.table.{k}") for k in ("account", "post", "author", "posted", "counts",
                                                                    "outcome", "who", "link")],
        drivers_window=lambda report: _drivers_window(report, w),
        rising_head=lambda: [w.t(f"report.table.{k}") for k in ("kind", "item", "mentions", "share", "before", "rise")],
        split_head=lambda: [w.t(f"report.table.{k}") for k in ("kind", "item", "mentions", "share", "negative",
                                                                  "before")],
        rising_rows=lambda found: _rising_rows(found, w), split_rows=lambda found: _split_rows(found, w),
        language_head=lambda: [w.t(f"report.table.{k}") for k in ("language", "mentions", "share", "negative",
                                                                     "before")],
        language_rows=lambda found: _language_rows(found, w), Number=Number, Percent=Percent,
        shared_caption=lambda post: w.t("report.drivers.copies", copies=post.copies, authors=post.authors,
                                        author=post.mention.author or "?"))
    return env


_HTML_PAGES = _environment(_Writer(HTML, Markup), autoescape=True)
_MARKDOWN_PAGES = _environment(_Writer(MARKDOWN, Md), autoescape=False, finalize=_md_safe)
_MARKDOWN_PAGES.filters.update(
    join=lambda items, separator="": Md(separator.join(map(_md_safe, items))),
    lines=lambda text, indent: Md(md_lines(text, indent)),
    link_target=lambda path: Md(path.replace(" ", "%20").replace(")", "%29")))


def to_markdown(report: Report, chart_file: str | None = None) -> str:
    """The report in Markdown; `chart_file` names the chart image uploaded beside it, if any."""
    return _MARKDOWN_PAGES.get_template("report.md.j2").render(report=report, chart_file=chart_file, zone=zone_name(),
                                                               lang=voice.current().locale)


def to_html(report: Report, chart_png: bytes | None = None) -> str:
    """One self-contained page: inline CSS, the chart as a data: image, no scripts, no external assets."""
    return _HTML_PAGES.get_template("report.html.j2").render(report=report, chart_png=chart_png, zone=zone_name(),
                                                            lang=voice.current().locale)
