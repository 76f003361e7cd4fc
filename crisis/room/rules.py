"""The room's pure decisions: crisis states and who may move them, who is paged and where an
unanswered page escalates, and crisis titles and channel names."""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from crisis.due import lease
from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import User, msg
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis, CrisisStatus, Page, PageLevel

TRANSITIONS: dict[CrisisStatus, frozenset[CrisisStatus]] = {
    CrisisStatus.OPEN: frozenset({CrisisStatus.CLOSED}),
    CrisisStatus.CLOSED: frozenset(),
}


def ensure_open(crisis: Crisis) -> None:
    if not crisis.is_open:
        raise IllegalTransition("error.crisis_closed", title=crisis.title)


def close(crisis: Crisis, actor: str, resolution: str, now: datetime) -> TimelineEvent:
    """Move the crisis to CLOSED, or raise why it cannot be; who may close is crisis.room.permissions's."""
    _check(crisis, CrisisStatus.CLOSED)
    crisis.status = CrisisStatus.CLOSED
    crisis.closed_at, crisis.closed_by, crisis.resolution = now, actor, resolution
    return TimelineEvent(EventKind.CLOSED, now, actor, {
        "resolution": resolution, "lasted_seconds": int((now - crisis.opened_at).total_seconds())})


def _check(crisis: Crisis, to: CrisisStatus) -> None:
    if to not in TRANSITIONS[crisis.status]:
        if crisis.status is CrisisStatus.CLOSED:
            raise IllegalTransition("error.crisis_closed", title=crisis.title)
        raise IllegalTransition("error.illegal_transition", state=msg(f"status.{crisis.status.value}"),
                                to=msg(f"status.{to.value}"))


DELIVERY_LEASE = lease(calls=2)
"""A page being delivered (a direct message and a channel message) is not picked up by another tick for this long."""
SET_UP_LEASE = lease(calls=4)
"""A room set-up runs at most this long (channel; topic, invites, card and announcement side by side; pin;
pages): one not finished when its lease ends (its runner died) is run again by the tick."""


def ack_window(plan: CrisisPlan, crisis: Crisis) -> timedelta:
    severity = plan.severity(crisis.severity)
    assert severity is not None, "crisis severity validated at open"
    return severity.ack_within


def new_page(crisis: Crisis, plan: CrisisPlan, role: str, user_id: str, level: PageLevel,
             now: datetime, runner: str) -> Page:
    """A page that its creator, the replica `runner`, delivers at once (it holds the delivery lease)."""
    assert crisis.id is not None
    return Page(crisis_id=crisis.id, role=role, user_id=user_id, level=level, created_at=now,
                escalate_at=now + ack_window(plan, crisis), deliver_at=now + DELIVERY_LEASE, runner=runner)


def first_pages(crisis: Crisis, plan: CrisisPlan, now: datetime, runner: str) -> list[Page]:
    """A page per role to its primary; a role whose primary could not be found in chat (left, a typo in the
    plan, a lookup that failed at the opening) pages the next on its ladder at once: the backup, else the lead."""
    lead = crisis.role(plan.lead_role)
    pages = []
    for role in crisis.roles:
        ladder = [(role.user_id, PageLevel.PRIMARY), (role.backup_id, PageLevel.BACKUP)]
        if role.role != plan.lead_role:
            ladder.append((lead.user_id if lead else None, PageLevel.LEAD))
        first = next(((user_id, level) for user_id, level in ladder if user_id), None)
        if first is not None:
            pages.append(new_page(crisis, plan, role.role, first[0], first[1], now, runner))
    return pages


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


def update_due_at(due: datetime | None, old_every: timedelta, new_every: timedelta, now: datetime) -> datetime:
    """When the next update is due after the severity changed its cadence: the new cadence counted from the last
    update (or reminder, or the opening), never before `now`, so raising the severity brings a reminder nearer
    instead of putting one that was nearly due off by a whole new cadence."""
    if due is None:
        return now + new_every
    return max(now, due - old_every + new_every)


LEVELS = (PageLevel.PRIMARY, PageLevel.BACKUP, PageLevel.LEAD)


def since_given(role_pages: list[Page]) -> list[Page]:
    """The role's pages since it was last given (at the opening, or handed on with `/crisis assign`): its latest
    primary page and those sent after it (escalations); earlier pages were for an earlier holder."""
    given = max((p for p in role_pages if p.level is PageLevel.PRIMARY), key=_sent_order, default=None)
    return [p for p in role_pages if given is None or _sent_order(p) >= _sent_order(given)]


def acknowledging_page(page: Page, role_pages: list[Page], user: str, holder: str | None) -> Page:
    """The page `user` acknowledges the role with, clicking any copy of any of its pages: their own page since the
    role was last given (the lowest level, if paged twice), which decides whether a backup takes the role. A person
    paged only before the role was handed on may not: their click would silence the new holder's page."""
    own = [p for p in since_given(role_pages) if p.user_id == user]
    if own:
        return min(own, key=lambda p: LEVELS.index(p.level))
    if any(p.user_id == user for p in role_pages):
        raise NotAuthorised("error.ack_handed_on", holder=User(holder))
    raise NotAuthorised("error.ack_not_yours", user=User(page.user_id))


def _sent_order(page: Page) -> tuple[datetime, int]:
    return page.created_at, page.id or 0


MAX_TITLE = 150
MAX_CHANNEL_NAME = 80
_CONTROL = re.compile(r"[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(raw: str | None, limit: int) -> tuple[str, bool]:
    """Collapse white space, drop control/bidi characters, cut to `limit`; says whether it was cut."""
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + "…", True


def clean_title(raw: str | None) -> tuple[str, bool]:
    title, trimmed = clean_text(raw, MAX_TITLE)
    if not title:
        raise BadInput("error.title_required")
    return title, trimmed


DRILL_PREFIX = "drill-"
"""Starts the channel name of a practice crisis."""


def slug(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "untitled"


def channel_name(prefix: str, opened_at: datetime, title: str, attempt: int = 1) -> str:
    """`<prefix>-<yyyymmdd>-<slug>`, within the 80 characters chat platforms allow; attempt 2+ adds `-2`, `-3`..."""
    head = f"{prefix}-{opened_at:%Y%m%d}-"
    suffix = f"-{attempt}" if attempt > 1 else ""
    return head + slug(title, MAX_CHANNEL_NAME - len(head) - len(suffix)) + suffix


def room_name(crisis: Crisis, plan: CrisisPlan, attempt: int = 1) -> str:
    """The crisis channel's name: `channel_name`, or `<prefix>-<yyyymmdd>-<attempt>` for a private crisis
    when the plan's private_rooms hide titles (the name shows in notifications and sidebars); a drill's starts
    with `drill-`."""
    prefix = f"{DRILL_PREFIX}{plan.channel_prefix}" if crisis.drill else plan.channel_prefix
    if crisis.private and plan.private_rooms.hide_title:
        return f"{prefix}-{crisis.opened_at:%Y%m%d}-{attempt}"
    return channel_name(prefix, crisis.opened_at, crisis.title, attempt)
