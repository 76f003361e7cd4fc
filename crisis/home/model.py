"""Dataclasses of the Home tab: what one person sees (open crises, their pages, approvals and follow-ups, the last
spike warnings, the reputation trend, and for the guardians the accounts' flags and overdue reviews), and who
opened it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CrisisLine:
    """An open crisis; `title` is None for a private one the viewer is not on (nothing but its severity shows)."""

    id: int
    title: str | None
    severity: str
    channel_id: str | None
    opened_at: datetime
    age_hours: int
    """Whole hours since it opened: the Home tab shows its age to the hour, so it changes once an hour."""
    unacknowledged: int
    """Pages still waiting for an acknowledgement."""


@dataclass(frozen=True)
class PageLine:
    """A page to the viewer still waiting for their acknowledgement."""

    crisis_id: int
    title: str
    channel_id: str | None
    role: str
    paged_at: datetime


@dataclass(frozen=True)
class ApprovalLine:
    """A statement waiting for the viewer's decision."""

    statement_id: int
    title: str
    channel_id: str | None
    target: str
    version: int
    deadline: datetime | None


@dataclass(frozen=True)
class FollowUpLine:
    """An open follow-up the viewer owns."""

    text: str
    due: datetime | None
    title: str


@dataclass(frozen=True)
class WarningLine:
    """A spike warning of the last days."""

    term: str
    kind: str
    observed: float
    ratio: float
    started_at: datetime
    status: str


@dataclass(frozen=True)
class Trend:
    """A watched term's reputation: now, and per hour over the last day (oldest first)."""

    term: str
    score: int
    band: str
    hours: tuple[int, ...]


@dataclass(frozen=True)
class Flag:
    """An account-hygiene finding (crisis.prevention.rules.findings)."""

    kind: str
    account: str
    owner: str
    person: str | None


@dataclass(frozen=True)
class OverdueReview:
    account: str
    owner: str
    due_at: datetime
    undecided: int
    total: int


@dataclass(frozen=True)
class Home:
    """What `viewer` may see. `on_plan`: they hold a role in the plan or a crisis, or are an admin; `guardian`: an
    admin or the security lead, the only ones who see `flags` and `reviews`. Their own pages, approvals and
    follow-ups are theirs to see whatever their role (`has_own`)."""

    viewer: str
    on_plan: bool
    guardian: bool
    crises: tuple[CrisisLine, ...] = ()
    pages: tuple[PageLine, ...] = ()
    approvals: tuple[ApprovalLine, ...] = ()
    follow_ups: tuple[FollowUpLine, ...] = ()
    warnings: tuple[WarningLine, ...] = ()
    flags: tuple[Flag, ...] = ()
    reviews: tuple[OverdueReview, ...] = ()

    @property
    def has_own(self) -> bool:
        """Whether the Home lists their own things: they have a role, or a page, approval or follow-up (given in
        a debrief to someone with no role, say)."""
        return self.on_plan or bool(self.pages or self.approvals or self.follow_ups)


@dataclass
class HomeViewer:
    """Someone who opened the Home tab: refreshed while they opened it in the last VIEWERS_KEPT, when what they
    see changed (`digest` of what was shown), checked at most once per CHECK_EVERY (`check_at`)."""

    user: str
    opened_at: datetime
    check_at: datetime
    digest: str = ""
