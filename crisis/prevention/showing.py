"""Prevention's cards in chat (the offboarding alert, the access review) and its notices, each sent from its row:
claimed with a lease, sent, and recorded; a failure waits for a back-off, a refusal is given up after
MAX_REFUSALS. A change counts on the card's row, so the card is shown again until it shows the last change; one
sender at a time (the lease), so an older view never lands after a newer one."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crisis.due import given_up, lease, retry_in, run_due, run_each
from crisis.errors import ChatFailure
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.model import Notice, Shown
from crisis.views import Card

log = logging.getLogger(__name__)
SEND_LEASE = lease(calls=3)
"""Open a direct conversation, look for the post by its key, post."""
BATCH = 20
ROUNDS = 3
"""A sender shows the card again at once when it changed while being shown; a change during the last round waits
for the tick."""


@dataclass(frozen=True)
class CardKind:
    """How one kind of card is found, built and addressed."""

    what: str
    rows: Callable[[UnitOfWork], Any]
    """Its repository (Offboardings, AccessReviews): lock, save, cards_due."""
    view: Callable[[Any], Card]
    to: Callable[[Any, Ports], str | None]
    """Where a first post goes (None: nowhere it can go yet)."""
    key: Callable[[Any], str]


def changed(card: Shown, now: datetime) -> None:
    """Record a change the card must show: due now, unless a send (its lease) or a back-off is under way; that
    sender sees the change when it records its outcome, and shows it next (as crisis.statements.delivery does)."""
    card.changes += 1
    if card.due_at is None:
        card.due_at = now


def cards_tick(kind: CardKind, ports: Ports) -> int:
    now = ports.clock.now()
    return sum(run_due(ports, kind.what, lambda uow: kind.rows(uow).cards_due(now, BATCH),
                       lambda uow, item_id: _claim(kind, uow, item_id, now), lambda claim: _rounds(kind, claim, ports)))


def show_now(kind: CardKind, item_id: int, ports: Ports) -> None:
    """After a change's commit: show it (what fails is left to the tick)."""
    now = ports.clock.now()
    run_each(ports, kind.what, [item_id], lambda uow, key: _claim(kind, uow, key, now),
             lambda claim: _rounds(kind, claim, ports))


def _rounds(kind: CardKind, claim: tuple[Any, int], ports: Ports) -> bool:
    """Send the claimed card; while it changed meanwhile, claim and send it again. Whether the last send worked."""
    sent = _send(kind, claim, ports)
    for _ in range(ROUNDS - 1):
        with ports.uow() as uow:
            again = _claim(kind, uow, claim[0].id, ports.clock.now()) if sent else None
            uow.commit()
        if again is None:
            break
        sent = _send(kind, again, ports)
    return sent


def _claim(kind: CardKind, uow: UnitOfWork, item_id: int, now: datetime) -> tuple[Any, int] | None:
    item = kind.rows(uow).lock(item_id)
    if item is None or item.card.due_at is None or item.card.due_at > now:
        return None
    item.card.attempts += 1
    item.card.due_at = now + SEND_LEASE
    kind.rows(uow).save(item)
    return item, item.card.changes


def _send(kind: CardKind, claim: tuple[Any, int], ports: Ports) -> bool:
    item, version = claim
    card = item.card
    failure = None
    try:
        if card.ref and card.channel_id:
            ports.chat.edit_view(card.channel_id, card.ref, kind.view(item))
        else:
            to = kind.to(item, ports)
            if to is None:
                raise ChatFailure("channel_not_found", permanent=True)
            card.channel_id, card.ref = ports.chat.send_view(to, kind.view(item), kind.key(item))
    except ChatFailure as failed:
        log.warning("%s %s: showing it failed (%s)", kind.what, item.id, failed.reason)
        failure = failed
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = kind.rows(uow).lock(item.id)
        if failure is None:
            stored.card.channel_id, stored.card.ref = card.channel_id, card.ref
            stored.card.shown = max(stored.card.shown, version)
            stored.card.attempts = 0
            stored.card.due_at = now if stored.card.changes > stored.card.shown else None
        elif given_up(failure, stored.card.attempts):
            log.error("%s %s: given up showing it after %d refusals (%s)", kind.what, item.id,
                      stored.card.attempts, failure.reason)
            stored.card.due_at = None
        else:
            stored.card.due_at = now + retry_in(stored.card.attempts, failure)
        kind.rows(uow).save(stored)
        uow.commit()
    return failure is None


def notices_tick(ports: Ports, view: Callable[[Notice], Card], to: Callable[[Notice, Ports], str | None]) -> int:
    """Send the notices that are due, each once (by its key)."""
    now = ports.clock.now()
    return sum(run_due(ports, "prevention notices", lambda uow: uow.notices.due(now, BATCH),
                       lambda uow, key: _claim_notice(uow, key, now),
                       lambda notice: _send_notice(notice, ports, view, to)))


def _claim_notice(uow: UnitOfWork, key: str, now: datetime) -> Notice | None:
    notice = uow.notices.lock(key)
    if notice is None or notice.sent_at is not None or notice.due_at is None or notice.due_at > now:
        return None
    notice.attempts += 1
    notice.due_at = now + SEND_LEASE
    uow.notices.save(notice)
    return notice


def _send_notice(notice: Notice, ports: Ports, view: Callable[[Notice], Card],
                 to: Callable[[Notice, Ports], str | None]) -> bool:
    failure = None
    try:
        where = to(notice, ports)
        if where is None:
            raise ChatFailure("channel_not_found", permanent=True)
        ports.chat.send_view(where, view(notice), f"notice:{notice.key}")
    except ChatFailure as failed:
        log.warning("notice %s: sending failed (%s)", notice.key, failed.reason)
        failure = failed
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.notices.lock(notice.key)
        if failure is None:
            stored.sent_at, stored.due_at, stored.failed = now, None, ""
        elif given_up(failure, stored.attempts):
            log.error("notice %s given up after %d refusals (%s)", notice.key, stored.attempts, failure.reason)
            stored.due_at, stored.failed = None, failure.reason
        else:
            stored.due_at, stored.failed = now + retry_in(stored.attempts, failure), failure.reason
        uow.notices.save(stored)
        uow.commit()
    return failure is None
