"""Pure decisions of the Home tab: which crises, pages, statements and follow-ups a person sees, how a term's
reputation trend reads, and whether what they see changed since it was shown."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from crisis.debrief.model import FollowUp
from crisis.home.model import ApprovalLine, CrisisLine, FollowUpLine, Home, PageLine, Trend, WarningLine
from crisis.monitor.model import SpikeAlert
from crisis.monitor.pulse import TermPicture
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis, Page
from crisis.statements.model import Statement, StatementState
from crisis.statements.deadlines import pending_approvers

SPARKS = "▁▂▃▄▅▆▇█"


def is_on(crisis: Crisis, pages: Sequence[Page], user: str) -> bool:
    """Whether `user` is on the crisis: its opener, a role holder or backup, who acknowledged a role, or paged."""
    return (user == crisis.opened_by or any(user in (r.user_id, r.backup_id, r.acked_by) for r in crisis.roles)
            or any(p.user_id == user for p in pages))


def most_severe_first(crises: Iterable[Crisis], plan: CrisisPlan) -> list[Crisis]:
    """In the plan's order of severities (SEV1 first), the oldest first within one."""
    rank = {severity.key: index for index, severity in enumerate(plan.severities)}
    return sorted(crises, key=lambda c: (rank.get(c.severity, len(rank)), c.opened_at, c.id or 0))


def crisis_line(crisis: Crisis, pages: Sequence[Page], now: datetime, *, shows_title: bool) -> CrisisLine:
    """An open crisis as the Home tab lists it; a private one only names itself to those on it (`shows_title`)."""
    assert crisis.id is not None
    age = max(now - crisis.opened_at, timedelta(0))
    return CrisisLine(crisis.id, crisis.title if shows_title or not crisis.private else None, crisis.severity,
                      crisis.channel_id if shows_title or not crisis.private else None, crisis.opened_at,
                      int(age.total_seconds() // 3600), sum(1 for p in pages if p.is_open))


def own_pages(crises: Iterable[Crisis], pages: Mapping[int, Sequence[Page]], plan: CrisisPlan,
              user: str) -> list[PageLine]:
    """Pages to `user` still waiting for their acknowledgement, oldest first."""
    lines = [PageLine(c.id, c.title, c.channel_id, plan.role_name(p.role), p.created_at)
             for c in crises if c.id is not None for p in pages.get(c.id, ()) if p.user_id == user and p.is_open]
    return sorted(lines, key=lambda line: line.paged_at)


def waiting_approvals(crises: Mapping[int, Crisis], statements: Iterable[Statement], plan: CrisisPlan,
                      user: str) -> list[ApprovalLine]:
    """Statements in approval whose rule waits for `user`'s decision (crisis.statements.deadlines.pending_approvers)."""
    lines = []
    for statement in statements:
        crisis = crises.get(statement.crisis_id)
        if (crisis is None or statement.id is None or statement.state is not StatementState.PENDING
                or user not in pending_approvers(statement, crisis, plan)):
            continue
        lines.append(ApprovalLine(statement.id, crisis.title, crisis.channel_id, plan.statements.target_name(
            statement.target), statement.current.number, statement.deadline))
    return lines


def own_follow_ups(follow_ups: Iterable[FollowUp], titles: Mapping[int, str], user: str) -> list[FollowUpLine]:
    """Open follow-ups `user` owns (the repository gives them soonest due first)."""
    return [FollowUpLine(f.text, f.due, titles.get(f.crisis_id, "?")) for f in follow_ups
            if f.owner == user and f.done_at is None]


def warning_line(alert: SpikeAlert) -> WarningLine:
    return WarningLine(alert.term, alert.kind, alert.observed, alert.times_usual, alert.started_at, alert.status.value)


def trend(picture: TermPicture) -> Trend:
    return Trend(picture.term, picture.now.score, picture.now.band, tuple(h.score for h in picture.hours))


def sparkline(scores: Sequence[int]) -> str:
    """Scores 0..100 as a line of bars, one per score (▁ low, █ high)."""
    top = len(SPARKS) - 1
    return "".join(SPARKS[max(0, min(100, score)) * top // 100] for score in scores)


def digest(home: Home) -> str:
    """A fingerprint of what the person sees, compared before refreshing. The reputation trend is not in `Home`:
    it is redrawn when anything else changes, or when they open the tab."""
    return hashlib.sha256(repr(home).encode()).hexdigest()[:32]
