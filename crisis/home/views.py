"""The Home tab as a neutral view: open crises, the viewer's pages, approvals and follow-ups, the last spike
warnings and each term's reputation trend, and for the guardians the accounts' flags and overdue reviews."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from crisis.home.model import (
    ApprovalLine,
    CrisisLine,
    FollowUpLine,
    Home,
    OverdueReview,
    PageLine,
    Trend,
    WarningLine,
)
from crisis.home.rules import sparkline
from crisis.i18n import Channel, Msg, Number, Percent, Time, msg
from crisis.prevention.model import Notice
from crisis.prevention.views import notice_card
from crisis.views import Card, Listing, Notes, Part, Text, Title

MAX_LINES = 10
"""Items listed per heading; the rest are counted ("and 3 more")."""


def home_card(home: Home, trends: Sequence[Trend], now: datetime) -> Card:
    parts: list[Part] = [Title(msg("home.title"))]
    if not home.has_own:
        parts.append(Text((msg("home.no_role"),)))
    parts.append(_listing("home.crises", [_crisis(c) for c in home.crises], "home.crises.none"))
    if home.has_own:
        parts += [_listing("home.pages", [_page(p) for p in home.pages], "home.pages.none"),
                  _listing("home.approvals", [_approval(a) for a in home.approvals], "home.approvals.none"),
                  _listing("home.follow_ups", [_follow_up(f) for f in home.follow_ups], "home.follow_ups.none")]
    parts += [_listing("home.warnings", [_warning(w) for w in home.warnings], "home.warnings.none"),
              _listing("home.trends", [_trend(t) for t in trends], "home.trends.none")]
    if home.guardian:
        parts += [_listing("home.flags", [_flag(f.kind, account=f.account, owner=f.owner, person=f.person)
                                          for f in home.flags], "home.flags.none"),
                  _listing("home.reviews", [_review(r) for r in home.reviews], "home.reviews.none")]
    parts.append(Notes((msg("home.updated", at=Time(now)),)))
    return Card(msg("home.title"), tuple(parts))


def _listing(heading: str, items: list[Msg], empty: str) -> Listing:
    shown = items[:MAX_LINES] or [msg(empty)]
    if len(items) > MAX_LINES:
        shown.append(msg("home.more", n=len(items) - MAX_LINES))
    return Listing(msg(heading), tuple(shown))


def _age(hours: int) -> Msg:
    return msg("home.age.new") if hours == 0 else msg("home.age", age=timedelta(hours=hours))


def _crisis(line: CrisisLine) -> Msg:
    if line.title is None:
        return msg("home.crisis.private", severity=line.severity, age=_age(line.age_hours))
    return msg("home.crisis", severity=line.severity, title=line.title, channel=Channel(line.channel_id),
               age=_age(line.age_hours), unacknowledged=line.unacknowledged)


def _page(line: PageLine) -> Msg:
    return msg("home.page", role=line.role, title=line.title, channel=Channel(line.channel_id),
               at=Time(line.paged_at))


def _approval(line: ApprovalLine) -> Msg:
    text = msg("home.approval", id=line.statement_id, version=line.version, target=line.target, title=line.title,
               channel=Channel(line.channel_id))
    return msg("home.with_deadline", text=text, at=Time(line.deadline)) if line.deadline else text


def _follow_up(line: FollowUpLine) -> Msg:
    text = msg("home.follow_up", text=line.text, title=line.title)
    return msg("home.with_due", text=text, at=Time(line.due)) if line.due else text


def _warning(line: WarningLine) -> Msg:
    if line.kind == "negative_share":
        return msg("home.warning.negative", term=line.term, share=Percent(line.observed), at=Time(line.started_at),
                   status=msg(f"home.status.{line.status}"))
    return msg("home.warning.volume", term=line.term, ratio=Number(line.ratio, 1), at=Time(line.started_at),
               status=msg(f"home.status.{line.status}"))


def _trend(trend: Trend) -> Msg:
    return msg("home.trend", term=trend.term, score=trend.score, band=msg(f"band.{trend.band}"),
               spark=sparkline(trend.hours) or "–")


def _flag(kind: str, **params: object) -> Msg:
    """A hygiene finding, said as the security channel's notice says it."""
    return notice_card(Notice("", kind, "", {k: v for k, v in params.items() if v is not None}, None)).summary


def _review(review: OverdueReview) -> Msg:
    return _flag("review_overdue", account=review.account, owner=review.owner, due=review.due_at.isoformat(),
                 undecided=review.undecided, total=review.total)
