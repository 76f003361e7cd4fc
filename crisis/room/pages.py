"""Pages: delivering them (in parallel, each outcome recorded), acknowledging, and escalating unanswered ones."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Sequence

from crisis.due import MAX_REFUSALS, given_up, retry_in, run_each, taken_for_dead
from crisis.errors import ChatFailure, UnknownCrisis, failure_reason
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import User, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room import rules
from crisis.room.model import Crisis, Page, PageDelivery, PageLevel
from crisis.room.shared import PARALLEL, get_crisis, map_parallel, post_quietly
from crisis.room.showing import (
    ack_to_show,
    ack_unmarked,
    card_changed,
    notice_to_post,
    post_notice,
    show_ack,
    show_card,
)

log = logging.getLogger(__name__)


PARTLY = ChatFailure("partly_delivered")
"""A page whose direct message or channel copy did not land: it reached the person, and the other is sent again
(the chat finds the one that landed), at most MAX_REFUSALS times."""


@dataclass(frozen=True)
class Acknowledged:
    crisis: Crisis
    role: str
    already_by: str | None = None
    """Set when the role had been acknowledged before this click (by this or another person)."""

def deliver(pages: list[Page], ports: Ports) -> int:
    """Send pages in parallel, then record each outcome on its own (one page's trouble never costs another its
    record). A failed page stays due with back-off and is retried by the tick; one Slack refuses MAX_REFUSALS
    times is given up (it still escalates). The channel hears of the first failure and of giving up."""
    if not pages:
        return 0
    crises = {p.crisis_id: get_crisis(p.crisis_id, ports) for p in pages}

    def send(page: Page) -> tuple[Page, PageDelivery | ChatFailure]:
        try:
            return page, ports.chat.send_page(crises[page.crisis_id], ports.plan, page)
        except ChatFailure as failure:
            return page, failure
        except Exception:  # a fault of ours: this page waits for its retry, the others are recorded
            log.exception("sending page %s failed", page.id)
            return page, ChatFailure("error")

    now = ports.clock.now()
    recorded = run_each(ports, "recording page deliveries", map_parallel(send, pages),
                        lambda uow, outcome: _record_delivery(uow, *outcome, now), lambda told: told)
    for page, told in recorded:
        if page.ack_due_at is not None:  # acknowledged before its delivery was recorded
            show_ack(page.id, ports=ports)
        if told is not None:
            key, reason = told
            post_quietly(ports, crises[page.crisis_id].channel_id,
                         msg(key, user=User(page.user_id), role=ports.plan.role_name(page.role),
                             reason=failure_reason(reason)))
    return sum(1 for _, told in recorded if told is None or told[0] == UNREACHABLE)


UNREACHABLE = "page.unreachable"
"""The page is in the room, but the person's own chat refused it for good: the room is told once, by name."""


def _record_delivery(uow: UnitOfWork, page: Page, outcome: PageDelivery | ChatFailure, now: datetime
                     ) -> tuple[Page, tuple[str, str] | None]:
    """Record one page's outcome under its crisis's lock (an acknowledgement meanwhile may have cancelled the
    page: that stays). Returns the page and, when the channel should hear of it, what to say (a catalog key) and
    the reason: a failure, or a person who cannot be reached directly."""
    uow.crises.lock(page.crisis_id)
    stored = uow.pages.get(page.id)
    if isinstance(outcome, ChatFailure):
        stored.attempts = max(stored.attempts, 1)
        stored.last_error = outcome.reason
        stored.deliver_at, stored.runner = now + retry_in(stored.attempts, outcome), None
        if given_up(outcome, stored.attempts):
            stored.failed_at = now
        first = stored.attempts <= 1
        if first:
            uow.timeline.append(page.crisis_id, TimelineEvent(EventKind.PAGE_FAILED, now, None, {
                "role": page.role, "user": page.user_id, "reason": outcome.reason}))
        uow.pages.save(stored)
        key = "page.given_up" if stored.failed_at else "page.retrying"
        return stored, (key, outcome.reason) if first or stored.failed_at else None
    first = stored.dm_ts is None and stored.channel_ts is None
    stored.dm_channel, stored.dm_ts = outcome.dm_channel or stored.dm_channel, outcome.dm_ts or stored.dm_ts
    stored.channel_ts = outcome.channel_ts or stored.channel_ts
    if (stored.dm_ts is None or stored.channel_ts is None) and stored.is_open and stored.attempts < MAX_REFUSALS:
        stored.attempts = max(stored.attempts, 1)  # one of the two reaches the person: the other is tried again
        stored.last_error = PARTLY.reason
        stored.deliver_at, stored.runner = now + retry_in(stored.attempts, PARTLY), None
    else:
        stored.delivered_at = now
    if stored.ack_due_at is not None or stored.ack_shown_at is not None:
        ack_to_show(stored, now)
    if first:
        uow.timeline.append(page.crisis_id, _paged(page, now))
    uow.pages.save(stored)
    if first and stored.dm_ts is None and outcome.dm_refused:
        return stored, (UNREACHABLE, outcome.dm_refused)
    return stored, None


def _paged(page: Page, now: datetime) -> TimelineEvent:
    """The page reached the person: said once, by the first delivery recorded or click learned."""
    return TimelineEvent(EventKind.PAGED, now, None, {"role": page.role, "user": page.user_id,
                                                      "level": page.level.value})

def acknowledge_page(page_id: int, *, user: str, request_key: str, ports: Ports,
                     clicked: tuple[str, str] | None = None) -> Acknowledged | None:
    """The paged person (or another person paged for the role) acknowledges; idempotent. `clicked` is the
    conversation and message the person clicked in: where the page is, when its delivery's answer was lost. The
    same request again (Slack's retry, or the inbox's after a crash before the person was told) answers as the
    first time if it acknowledged the page, else None."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            page = uow.pages.get(page_id)
            if page is None or page.acked_by != user:
                return None
            return Acknowledged(uow.crises.get(page.crisis_id), page.role)
        page = uow.pages.get(page_id)
        if page is None:
            raise UnknownCrisis("error.unknown_page")
        crisis = uow.crises.lock(page.crisis_id)
        rules.ensure_open(crisis)
        role_pages = [p for p in uow.pages.for_crisis(crisis.id) if p.role == page.role]
        assignment = crisis.role(page.role)
        own = rules.acknowledging_page(page, role_pages, user, assignment.user_id)
        page = next(p for p in role_pages if p.id == page_id)
        unknown = page.dm_ts is None and page.channel_ts is None
        learned = _learn_where(page, crisis, clicked)
        if learned and unknown:  # it reached the person, though its delivery is not recorded (yet)
            uow.timeline.append(crisis.id, _paged(page, now))
        if assignment.acked_at is not None:
            # a click on a page not yet marked (where it is was just learned, or its marker died): mark it now
            stale = learned or ack_unmarked(page, now)
            if stale:
                ack_to_show(page, now)
                uow.pages.save(page)
            uow.commit()
            if stale:
                show_ack(page.id, ports=ports)
            return Acknowledged(crisis, page.role, already_by=assignment.acked_by)
        own.acked_at, own.acked_by = now, user
        for other in role_pages:
            if other.id != own.id and other.is_open:
                other.cancelled_at = now
        for p in role_pages:
            ack_to_show(p, now)
            uow.pages.save(p)
        assignment.acked_by, assignment.acked_at, assignment.unanswered = user, now, False
        if own.level is PageLevel.BACKUP:
            assignment.user_id = user
        card_changed(crisis, now)
        uow.crises.save(crisis)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.ACKNOWLEDGED, now, user, {
            "role": page.role, "level": own.level.value,
            "after_seconds": int((now - crisis.opened_at).total_seconds())}))
        uow.commit()
    show_card(crisis.id, ports=ports)
    for p in role_pages:
        show_ack(p.id, ports=ports)
    return Acknowledged(crisis, page.role)


def _learn_where(page: Page, crisis: Crisis, clicked: tuple[str, str] | None) -> bool:
    """Record the message clicked as the page's, when its delivery did not say where it is. True if learned."""
    if clicked is None:
        return False
    channel, ts = clicked
    if channel == crisis.channel_id:
        if page.channel_ts is not None:
            return False
        page.channel_ts = ts
    elif page.dm_ts is None:
        page.dm_channel, page.dm_ts = channel, ts
    else:
        return False
    return True

def deliver_due(page_ids: Sequence[int], ports: Ports) -> int:
    """Claim and send due pages one parallel batch at a time, so that each lease starts just before its page is
    sent and outlasts the sending. Returns how many were delivered."""
    delivered = 0
    for start in range(0, len(page_ids), PARALLEL):
        claimed = claim_deliveries(page_ids[start:start + PARALLEL], ports.clock.now(), ports)
        delivered += deliver(claimed, ports)
    return delivered


def claim_deliveries(page_ids: Sequence[int], now: datetime, ports: Ports) -> list[Page]:
    """Take the delivery lease of each page still due, under its crisis's lock; returns the pages to send."""
    return run_each(ports, "claiming page deliveries", page_ids,
                    lambda uow, page_id: _claim_delivery(uow, page_id, now, ports.runner), lambda page: page)


def _claim_delivery(uow: UnitOfWork, page_id: int, now: datetime, runner: str) -> Page | None:
    """A page acknowledged (or cancelled) before its delivery was recorded is delivered too: the chat finds the
    messages that landed, and once recorded the acknowledgement shows on them."""
    page = uow.pages.get(page_id)
    crisis = uow.crises.lock(page.crisis_id)
    page = uow.pages.get(page_id)
    if page.delivered_at or page.failed_at or page.escalated_at or not crisis.is_open:
        return None
    if page.deliver_at > now and not taken_for_dead(uow, page.runner, now, runner):
        return None
    if not page.is_open and page.dm_ts and page.channel_ts:  # clicks told where both are: nothing to look for
        page.delivered_at = now
        uow.pages.save(page)
        return None
    page.attempts += 1
    page.deliver_at, page.runner = now + rules.DELIVERY_LEASE, runner
    uow.pages.save(page)
    return page

@dataclass(frozen=True)
class _Escalation:
    crisis: Crisis
    page: Page
    next_page: Page | None
    """None when nobody is left to page: the role is marked unanswered."""


def escalate(page_ids: Sequence[int], now: datetime, ports: Ports) -> int:
    """Escalate the pages whose acknowledgement time is up, each under its crisis's lock: page the next person
    (backup, then the crisis lead) or mark the role unanswered. A page whose role was acknowledged meanwhile,
    or whose crisis closed, is cancelled instead. Returns how many pages were escalated."""
    return len(run_each(ports, "escalating pages", page_ids,
                        lambda uow, page_id: _escalation(uow, page_id, now, ports),
                        lambda escalation: _announce_escalation(escalation, ports)))


def _escalation(uow: UnitOfWork, page_id: int, now: datetime, ports: Ports) -> _Escalation | None:
    plan = ports.plan
    page = uow.pages.get(page_id)
    crisis = uow.crises.lock(page.crisis_id)
    page = uow.pages.get(page_id)
    if not page.is_open or page.escalate_at > now:
        return None
    assignment = crisis.role(page.role)
    if not crisis.is_open or assignment.acked_at is not None:
        page.cancelled_at = now
        uow.pages.save(page)
        return None
    page.escalated_at = now
    notice_to_post(page, now)
    uow.pages.save(page)
    card_changed(crisis, now)
    uow.crises.save(crisis)
    target = rules.escalation_target(crisis, plan, page)
    next_page = None
    if target is None:
        assignment.unanswered = True
        uow.crises.save(crisis)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.UNANSWERED, now, None, {"role": page.role}))
    else:
        next_page = uow.pages.add(rules.new_page(crisis, plan, page.role, target[0], target[1], now,
                                                                 ports.runner))
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.ESCALATED, now, None, {
            "role": page.role, "from": page.user_id, "to": target[0], "level": target[1].value}))
    return _Escalation(crisis, page, next_page)


def _announce_escalation(escalation: _Escalation, ports: Ports) -> None:
    post_notice(escalation.page.id, ports=ports)
    if escalation.next_page is not None:
        deliver([escalation.next_page], ports)
    show_card(escalation.crisis.id, ports=ports)
