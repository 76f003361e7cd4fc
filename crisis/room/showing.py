"""What the room must show in the chat, recorded before it is shown and retried until it is: the crisis card after
each change, a page's acknowledged mark, an escalation's notice in the channel. The use case records it (due, with
the lease of its own sending) in the transaction of the change and shows it at once after commit; the tick
(`catch_up`) shows again what failed or whose sender died. A refusal of the content is given up after MAX_REFUSALS
tries and logged once."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable

from crisis.due import given_up, lease, retry_in, run_due
from crisis.errors import ChatFailure
from crisis.i18n import Msg, User, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import CardFacts, Crisis, Page, PageLevel
from crisis.statements.model import StatementState

log = logging.getLogger(__name__)

CARD_LEASE = lease(calls=1)
CARD_ROUNDS = 3
"""How often one sender shows the card again when it changed while its edit was on the way."""
ACK_LEASE = lease(calls=2)
"""An acknowledged mark edits the direct message and the channel's copy."""
ACK_BEING_MARKED = timedelta(seconds=10)
"""A mark claimed this recently is taken to be on its way (two edits take a second or two): another click on the
page meanwhile does not make it again. After that a click marks the page at once, in case its marker died."""
NOTICE_LEASE = lease(calls=1)


# --- the crisis card --------------------------------------------------------------------------

def card_changed(crisis: Crisis, now: datetime) -> None:
    """In the transaction of a change the card shows: count it and make the card due (the caller shows it after
    commit, the tick if the caller dies). A sender holding the card's lease is never cut short: it shows the newer
    state itself when its edit is done, so an older edit cannot land after a newer one; a back-off is waited out."""
    crisis.card_claims += 1
    if crisis.card_due_at is None:
        crisis.card_due_at = now


def refresh_card(crisis_id: int, *, ports: Ports) -> None:
    """After a change recorded elsewhere (a statement, a press inquiry, a reputation): record that the card must
    show it, then show it; a failure is retried by the tick."""
    with ports.uow() as uow:
        crisis = uow.crises.lock(crisis_id)
        if crisis is None:
            return
        card_changed(crisis, ports.clock.now())
        uow.crises.save(crisis)
        uow.commit()
    show_card(crisis_id, ports=ports)


def show_card(crisis_id: int, *, ports: Ports) -> None:
    """Show the card if it is stale and no other sender holds it (that one shows the newest state when done)."""
    with ports.uow() as uow:
        claimed = _claim_card(uow, crisis_id, ports.clock.now())
        uow.commit()
    if claimed is not None:
        _show_claimed(crisis_id, ports)


def _show_claimed(crisis_id: int, ports: Ports) -> None:
    """Re-render the card from what is stored now (this sender holds its lease) and record the outcome; when it
    changed meanwhile, claim and show it again, CARD_ROUNDS times at most (the tick shows the rest)."""
    for again in range(CARD_ROUNDS):
        if again:
            with ports.uow() as uow:
                claimed = _claim_card(uow, crisis_id, ports.clock.now())
                uow.commit()
            if claimed is None:
                return
        with ports.uow() as uow:
            crisis = uow.crises.get(crisis_id)
            facts = card_facts(uow, crisis_id)
        failure = _sent(lambda: ports.chat.update_card(crisis, ports.plan, facts))
        with ports.uow() as uow:
            card_outcome(uow, crisis_id, crisis.card_claims, failure, ports.clock.now())
            uow.commit()
        if failure is not None:
            return


def card_outcome(uow: UnitOfWork, crisis_id: int, drawn: int, failure: ChatFailure | None, now: datetime) -> None:
    """Record that the card showed the first `drawn` changes (posted or edited), or why it did not."""
    crisis = uow.crises.lock(crisis_id)
    if failure is not None:
        crisis.card_attempts += 1
        if not given_up(failure, crisis.card_attempts):
            crisis.card_due_at = now + retry_in(crisis.card_attempts, failure)
            uow.crises.save(crisis)
            return
        log.error("giving up updating the card of crisis %s: %s (%d tries)", crisis_id, failure.reason,
                  crisis.card_attempts)
    crisis.card_claims_shown, crisis.card_attempts = max(crisis.card_claims_shown, drawn), 0
    # the sender's lease ends here: changed while it was on the way, the card is due again at once
    crisis.card_due_at = None if crisis.card_claims_shown >= crisis.card_claims else now
    uow.crises.save(crisis)


def card_facts(uow: UnitOfWork, crisis_id: int) -> CardFacts:
    """What the card counts beyond the crisis row: statements, paused posts, open press inquiries."""
    states = [s.state for s in uow.statements.for_crisis(crisis_id)]
    posts = uow.paused_posts.for_crisis(crisis_id)
    stuck = [p for p in posts if not p.deleted and not p.outcome]
    return CardFacts(
        statements_published=sum(1 for s in states if s is StatementState.PUBLISHED),
        statements_waiting=sum(1 for s in states if s in (StatementState.PENDING, StatementState.CHANGES_REQUESTED,
                                                          StatementState.APPROVED)),
        paused_posts=sum(1 for p in posts if p.deleted and not p.outcome),
        open_inquiries=sum(1 for i in uow.inquiries.for_crisis(crisis_id) if i.answered_at is None),
        posts_not_removed=len(stuck),
        removal_failure=f"{stuck[0].account}: {stuck[0].remove_failure}" if stuck else "",
    )


def _claim_card(uow: UnitOfWork, crisis_id: int, now: datetime) -> int | None:
    crisis = uow.crises.lock(crisis_id)
    if crisis.card_due_at is None or crisis.card_due_at > now:
        return None
    if crisis.card_ts is None or crisis.card_claims_shown >= crisis.card_claims:
        crisis.card_due_at = None  # nothing to show, or the card's first post will show it all
    else:
        crisis.card_due_at = now + CARD_LEASE
    uow.crises.save(crisis)
    return crisis_id if crisis.card_due_at else None


# --- acknowledged marks on pages ----------------------------------------------------------------

def ack_to_show(page: Page, now: datetime) -> None:
    """In the transaction that acknowledged its role (or learned where the page is): claim marking it."""
    page.ack_due_at = now + ACK_LEASE


def ack_unmarked(page: Page, now: datetime) -> bool:
    """The page's acknowledgement is still to be marked and nobody is marking it right now: claimed over
    ACK_BEING_MARKED ago (its marker died or is stuck), or due again after a failed try."""
    return page.ack_due_at is not None and page.ack_due_at - ACK_LEASE <= now - ACK_BEING_MARKED


def show_ack(page_id: int, *, ports: Ports) -> None:
    with ports.uow() as uow:
        page = uow.pages.get(page_id)
        crisis = uow.crises.get(page.crisis_id)
    if page.ack_due_at is None:
        return
    failure = _sent(lambda: ports.chat.mark_page_acknowledged(crisis, ports.plan, page))
    now = ports.clock.now()
    with ports.uow() as uow:
        uow.crises.lock(page.crisis_id)
        stored = uow.pages.get(page_id)
        if _outcome(stored, "ack", failure, now, f"marking page {page_id} acknowledged"):
            stored.ack_shown_at = now
        if (stored.dm_ts, stored.channel_ts) != (page.dm_ts, page.channel_ts):
            stored.ack_due_at = now  # where the page is became known meanwhile: mark it there too
        uow.pages.save(stored)
        uow.commit()


# --- escalation notices -------------------------------------------------------------------------

def notice_to_post(page: Page, now: datetime) -> None:
    """In the transaction that escalated the page: claim telling the channel."""
    page.notice_due_at = now + NOTICE_LEASE


def post_notice(page_id: int, *, ports: Ports) -> None:
    with ports.uow() as uow:
        page = uow.pages.get(page_id)
        crisis = uow.crises.get(page.crisis_id)
        role_pages = uow.pages.for_crisis(page.crisis_id)
    if page.notice_due_at is None:
        return
    notice = escalation_notice(page, role_pages, ports)
    failure = (_sent(lambda: ports.chat.post(crisis.channel_id, notice, key=f"escalated:{page_id}"))
               if crisis.channel_id else None)
    now = ports.clock.now()
    with ports.uow() as uow:
        uow.crises.lock(page.crisis_id)
        stored = uow.pages.get(page_id)
        _outcome(stored, "notice", failure, now, f"posting the escalation of page {page_id}")
        uow.pages.save(stored)
        uow.commit()


def escalation_notice(page: Page, crisis_pages: list[Page], ports: Ports) -> Msg:
    """The backup or the crisis lead paged because `page` went unanswered, or that nobody is left to page."""
    role_name = ports.plan.role_name(page.role)
    next_page = next((p for p in crisis_pages if p.role == page.role and p.id > page.id
                      and p.level is not PageLevel.PRIMARY and p.created_at == page.escalated_at), None)
    if next_page is None:
        return msg("page.unanswered", role=role_name)
    return msg("page.escalated", role=role_name, user=User(page.user_id), to=User(next_page.user_id),
               after=page.escalate_at - page.created_at, level=msg(f"page.level.{next_page.level.value}"))


# --- shared ---------------------------------------------------------------------------------------

def _sent(send: Callable[[], object]) -> ChatFailure | None:
    try:
        send()
    except ChatFailure as failure:
        return failure
    return None


def _outcome(page: Page, what: str, failure: ChatFailure | None, now: datetime, doing: str) -> bool:
    """Record on `page` the outcome of showing `what` ("ack" or "notice"): done, or due again after a back-off,
    or given up. True when it showed."""
    attempts = f"{what}_attempts"
    if failure is None:
        setattr(page, f"{what}_due_at", None)
        setattr(page, attempts, 0)
        return True
    setattr(page, attempts, getattr(page, attempts) + 1)
    if given_up(failure, getattr(page, attempts)):
        log.error("giving up %s: %s (%d tries)", doing, failure.reason, getattr(page, attempts))
        setattr(page, f"{what}_due_at", None)
    else:
        log.warning("%s failed: %s; trying again", doing, failure.reason)
        setattr(page, f"{what}_due_at", now + retry_in(getattr(page, attempts), failure))
    return False


def _claim_page(uow: UnitOfWork, page_id: int, what: str, now: datetime) -> int | None:
    page = uow.pages.get(page_id)
    uow.crises.lock(page.crisis_id)
    page = uow.pages.get(page_id)
    due = getattr(page, f"{what}_due_at")
    if due is None or due > now:
        return None
    setattr(page, f"{what}_due_at", now + (ACK_LEASE if what == "ack" else NOTICE_LEASE))
    uow.pages.save(page)
    return page_id


def catch_up(*, ports: Ports, limit: int = 50) -> int:
    """The tick's part: show again the cards, acknowledged marks and escalation notices that failed or whose
    sender died (their lease ended). How many were claimed to be shown."""
    now = ports.clock.now()
    cards = run_due(ports, "showing crisis cards", lambda uow: uow.crises.cards_due(now, limit),
                    lambda uow, crisis_id: _claim_card(uow, crisis_id, now),
                    lambda crisis_id: _show_claimed(crisis_id, ports))
    acks = run_due(ports, "marking pages acknowledged", lambda uow: uow.pages.acks_due(now, limit),
                   lambda uow, page_id: _claim_page(uow, page_id, "ack", now),
                   lambda page_id: show_ack(page_id, ports=ports))
    notices = run_due(ports, "posting escalation notices", lambda uow: uow.pages.notices_due(now, limit),
                      lambda uow, page_id: _claim_page(uow, page_id, "notice", now),
                      lambda page_id: post_notice(page_id, ports=ports))
    return len(cards) + len(acks) + len(notices)
