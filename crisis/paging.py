"""Who is paged for a role, who may acknowledge, and where an unanswered page escalates."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.errors import NotAuthorised
from crisis.model import Crisis, Page, PageLevel
from crisis.plan import CrisisPlan

DELIVERY_LEASE = timedelta(minutes=2)
"""A page being delivered is not picked up by another tick for this long."""


def ack_window(plan: CrisisPlan, crisis: Crisis) -> timedelta:
    severity = plan.severity(crisis.severity)
    assert severity is not None, "crisis severity validated at open"
    return severity.ack_within


def new_page(crisis: Crisis, plan: CrisisPlan, role: str, user_id: str, level: PageLevel,
             now: datetime) -> Page:
    """A page that its creator delivers at once (it holds the delivery lease)."""
    assert crisis.id is not None
    return Page(crisis_id=crisis.id, role=role, user_id=user_id, level=level, created_at=now,
                escalate_at=now + ack_window(plan, crisis), deliver_at=now + DELIVERY_LEASE)


def first_pages(crisis: Crisis, plan: CrisisPlan, now: datetime) -> list[Page]:
    return [new_page(crisis, plan, r.role, r.user_id, PageLevel.PRIMARY, now)
            for r in crisis.roles if r.user_id]


def escalation_target(crisis: Crisis, plan: CrisisPlan, page: Page) -> tuple[str, PageLevel] | None:
    """The next person to page when `page` went unanswered: backup, then the crisis lead."""
    role = crisis.role(page.role)
    lead = crisis.role(plan.lead_role)
    ladder: list[tuple[str | None, PageLevel]] = []
    if page.level is PageLevel.PRIMARY:
        ladder.append((role.backup_id if role else None, PageLevel.BACKUP))
    if page.level in (PageLevel.PRIMARY, PageLevel.BACKUP) and page.role != plan.lead_role:
        ladder.append((lead.user_id if lead else None, PageLevel.LEAD))
    for user_id, level in ladder:
        if user_id and user_id != page.user_id:
            return user_id, level
    return None


def check_may_acknowledge(page: Page, role_pages: list[Page], user: str) -> None:
    """The paged person, or anyone else paged for the same role in this crisis, may acknowledge."""
    if user != page.user_id and user not in {p.user_id for p in role_pages}:
        raise NotAuthorised("error.ack_not_yours", user=page.user_id)


def backoff(attempts: int) -> timedelta:
    """Wait before retrying a page that could not be delivered: 10 s, 20 s, 40 s ... at most 5 min."""
    return timedelta(seconds=min(300, 10 * 2 ** max(0, attempts - 1)))
