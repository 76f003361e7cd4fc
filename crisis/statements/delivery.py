"""A statement's messages, sent as due work: its card (posted at the draft, then edited to show each change)
and the channel's notice of a publish's outcome. The change records what is due in its own transaction;
whoever claims it (the use case right after its commit, or the tick) sends it and records the outcome; a
failure waits (`retry_in`), a refusal is given up after MAX_REFUSALS tries."""
from __future__ import annotations

import logging
from datetime import datetime

from crisis.due import given_up, lease, retry_in
from crisis.errors import ChatFailure, UnknownCrisis
from crisis.i18n import Msg, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.statements.model import Statement

log = logging.getLogger(__name__)

SEND_LEASE = lease(calls=1)
ROUNDS = 3
"""A sender sends the card again at once when it changed while being sent; a change during the last round
waits for the tick."""
FAILURE_NOTICES = frozenset({"statement.publish_retrying", "statement.publish_failed_notice"})


def card_changed(statement: Statement, now: datetime) -> None:
    """The card is to show this change: due now, unless a send (its lease) or a back-off is under way; that
    sender sees the change when it records its outcome."""
    statement.card_changes += 1
    if statement.card_due_at is None:
        statement.card_due_at, statement.card_attempts = now, 0


def notice_due(statement: Statement, key: str, now: datetime) -> None:
    """The channel is to hear `key` (a newer outcome replaces one not sent yet)."""
    statement.notice, statement.notice_due_at, statement.notice_attempts = key, now, 0


def send_card(statement_id: int, ports: Ports) -> None:
    """Post or edit the card if it is due and nobody else is sending it."""
    for _ in range(ROUNDS):
        with ports.uow() as uow:
            claimed = _claim_card(uow, statement_id, ports.clock.now())
            uow.commit()
        if claimed is None:
            return
        crisis, statement, changes = claimed
        try:
            if statement.message_ts is None:
                outcome: str | ChatFailure | None = ports.chat.post_statement(crisis, ports.plan, statement)
            else:
                outcome = ports.chat.update_statement(crisis, ports.plan, statement)
        except ChatFailure as failure:
            outcome = failure
        with ports.uow() as uow:
            again = _record_card(uow, crisis, statement_id, changes, outcome, ports.clock.now())
            uow.commit()
        if not again:
            return


def send_notice(statement_id: int, ports: Ports) -> None:
    """Post the due notice of a publish's outcome in the crisis channel, once."""
    with ports.uow() as uow:
        claimed = _claim_notice(uow, statement_id, ports.clock.now())
        uow.commit()
    if claimed is None:
        return
    crisis, statement, key = claimed
    failure = None
    try:
        ports.chat.post(crisis.channel_id, notice(statement, key, ports),
                        key=f"notice:{statement.id}:{key}:v{len(statement.versions)}")  # found if sent before a crash
    except ChatFailure as failed:
        failure = failed
    with ports.uow() as uow:
        _record_notice(uow, statement_id, key, failure, ports.clock.now())
        uow.commit()


def notice(statement: Statement, key: str, ports: Ports) -> Msg:
    if key in FAILURE_NOTICES:
        return msg(key, statement=statement.id, error=statement.publish_error)
    return msg(key, statement=statement.id, target=ports.plan.statements.target_name(statement.target))


def locked(uow: UnitOfWork, statement_id: int) -> tuple[Crisis, Statement]:
    """The statement and its crisis under their locks, crisis first: the lock order of every statement change."""
    found = uow.statements.get(statement_id)
    if found is None:
        raise UnknownCrisis("error.unknown_statement")
    crisis = uow.crises.lock(found.crisis_id)
    return crisis, uow.statements.lock(statement_id)


def _claim_card(uow: UnitOfWork, statement_id: int, now: datetime) -> tuple[Crisis, Statement, int] | None:
    crisis, statement = locked(uow, statement_id)
    if statement.card_due_at is None or statement.card_due_at > now:
        return None
    statement.card_attempts += 1
    statement.card_due_at = now + SEND_LEASE
    uow.statements.save(statement)
    return crisis, statement, statement.card_changes


def _record_card(uow: UnitOfWork, crisis: Crisis, statement_id: int, changes: int,
                 outcome: str | ChatFailure | None, now: datetime) -> bool:
    """Only the columns of the card are written, on the row read again under its lock. True when the card
    changed again while it was being sent (it is due again now)."""
    _, stored = locked(uow, statement_id)
    if isinstance(outcome, ChatFailure):
        log.warning("sending the card of statement %s failed: %s", statement_id, outcome.reason)
        if given_up(outcome, stored.card_attempts):
            log.error("gave up the card of statement %s after %d refusals: %s", statement_id,
                      stored.card_attempts, outcome.reason)
            stored.card_changes, stored.card_due_at = 0, None
        else:
            stored.card_due_at = now + retry_in(stored.card_attempts, outcome)
        uow.statements.save(stored)
        return False
    if isinstance(outcome, str):
        stored.channel_id, stored.message_ts = stored.channel_id or crisis.channel_id, outcome
    stored.card_changes = max(0, stored.card_changes - changes)
    stored.card_due_at = now if stored.card_changes else None
    stored.card_attempts = 0
    uow.statements.save(stored)
    return bool(stored.card_changes)


def _claim_notice(uow: UnitOfWork, statement_id: int, now: datetime) -> tuple[Crisis, Statement, str] | None:
    crisis, statement = locked(uow, statement_id)
    if not statement.notice or statement.notice_due_at is None or statement.notice_due_at > now:
        return None
    statement.notice_attempts += 1
    statement.notice_due_at = now + SEND_LEASE
    uow.statements.save(statement)
    return crisis, statement, statement.notice


def _record_notice(uow: UnitOfWork, statement_id: int, key: str, failure: ChatFailure | None, now: datetime) -> None:
    """Sent (or given up): done, unless a newer notice replaced it meanwhile; failed: tried again later."""
    _, stored = locked(uow, statement_id)
    if stored.notice != key:
        return
    if failure is not None and not given_up(failure, stored.notice_attempts):
        log.warning("posting %s of statement %s failed: %s", key, statement_id, failure.reason)
        stored.notice_due_at = now + retry_in(stored.notice_attempts, failure)
    else:
        if failure is not None:
            log.error("gave up %s of statement %s after %d refusals: %s", key, statement_id,
                      stored.notice_attempts, failure.reason)
        stored.notice, stored.notice_due_at, stored.notice_attempts = "", None, 0
    uow.statements.save(stored)


def deliveries_tick(*, ports: Ports) -> int:
    """Send the cards and notices that are due (a sender died, or a back-off ended). How many statements."""
    now = ports.clock.now()
    with ports.uow() as uow:
        due = uow.statements.deliveries_due(now)
    for statement_id in due:
        for send in (send_card, send_notice):
            try:
                send(statement_id, ports)
            except Exception:  # one statement's trouble never stops the others
                log.exception("sending messages of statement %s failed", statement_id)
    return len(due)
