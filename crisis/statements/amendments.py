"""Corrections and retractions of a published statement: each is a statement of its own (same target, same approval
rule, same card and exactly-once publish) that names the statement it amends; who may start one, and how it goes
out per target: an edit or a reply for a correction, a deletion or a retraction notice for a retraction."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import IllegalTransition, NotAuthorised, PublishFailed, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import User, msg
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.statements import delivery
from crisis.statements import rules as statements
from crisis.statements.model import Amendment, Statement, StatementState
from crisis.statements.ports import Amending, Publisher

DRAFTED = {Amendment.CORRECTION: EventKind.CORRECTION_DRAFTED, Amendment.RETRACTION: EventKind.RETRACTION_DRAFTED}
PUBLISHED = {Amendment.CORRECTION: EventKind.STATEMENT_CORRECTED, Amendment.RETRACTION: EventKind.STATEMENT_RETRACTED}
WITHDRAWN = "statement.correction_withdrawn"
"""The channel's notice of a correction withdrawn because its original was retracted."""


# --- rules ---------------------------------------------------------------------------------------

def may_amend(original: Statement, crisis: Crisis, plan: CrisisPlan, user: str) -> bool:
    """Who starts a correction or retraction: the original's author or the holder of the comms lead role (the
    crisis lead role when the plan has none), the same people who edit a draft. Its approval is the rule's."""
    return user == original.author or statements.comms_role(plan) in statements.roles_of(crisis, user)


def new_amendment(original: Statement, others: list[Statement], crisis: Crisis, plan: CrisisPlan, *,
                  amendment: Amendment, text: str, author: str, now: datetime) -> Statement:
    """A PENDING statement of the original's target that corrects or retracts it (the text of a correction, or the
    retraction notice posted where the post cannot be deleted).

    Raises IllegalTransition (crisis closed; "error.amend_not_published" unless the original is a published
    statement of its own; "error.amend_retracted" when a retraction of it is published or waiting),
    NotAuthorised "error.amend_not_allowed", and new_draft's BadInput on the text."""
    if not may_amend(original, crisis, plan, author):
        role = statements.comms_role(plan)
        holder = crisis.role(role)
        raise NotAuthorised("error.amend_not_allowed", author=User(original.author), role=plan.role_name(role),
                            holder=User(holder.user_id if holder else None))
    if original.state is not StatementState.PUBLISHED or original.amendment is not None:
        raise IllegalTransition("error.amend_not_published", statement=original.id)
    if any(s.amends == original.id and s.amendment is Amendment.RETRACTION and s.state is not StatementState.REJECTED
           for s in others):
        raise IllegalTransition("error.amend_retracted", statement=original.id)
    draft = statements.new_draft(crisis, plan, target=original.target, text=text, author=author, now=now)
    draft.amends, draft.amendment = original.id, amendment
    return draft


# --- use cases -----------------------------------------------------------------------------------

def check_amend(statement_id: int, amendment: Amendment, text: str, *, user: str, ports: Ports) -> Statement:
    """Refuse as `amend` would, storing nothing (a form's check, or before the form opens); return the original."""
    with ports.uow() as uow:
        original = uow.statements.get(statement_id)
        if original is None:
            raise UnknownCrisis("error.unknown_statement")
        crisis = uow.crises.get(original.crisis_id)
        others = uow.statements.for_crisis(original.crisis_id)
    new_amendment(original, others, crisis, ports.plan, amendment=amendment, text=text, author=user,
                  now=ports.clock.now())
    return original


def amend(statement_id: int, amendment: Amendment, text: str, *, user: str, request_key: str,
          ports: Ports) -> Statement | None:
    """Draft a correction or retraction of a published statement; its card asks for approval like any draft.
    None for a duplicate request. The original is locked, so two retractions cannot both be drafted."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis, original = delivery.locked(uow, statement_id)
        draft = new_amendment(original, uow.statements.for_crisis(crisis.id), crisis, ports.plan,
                              amendment=amendment, text=text, author=user, now=now)
        draft.channel_id = crisis.channel_id
        delivery.card_changed(draft, now)
        draft = uow.statements.add(draft)
        uow.timeline.append(crisis.id, TimelineEvent(DRAFTED[amendment], now, user, {
            "statement": draft.id, "amends": original.id,
            "target": ports.plan.statements.target_name(draft.target)}))
        uow.commit()
    delivery.send_card(draft.id, ports)
    return draft


def record_published(uow: UnitOfWork, crisis: Crisis, statement: Statement, now: datetime) -> list[int]:
    """The timeline's word for a publish; a published retraction is also marked on the statement it retracts (its
    card then says so, without Correct / Retract), and withdraws that statement's corrections not out yet. Under
    the crisis lock, as every statement change. The ids of the corrections withdrawn (tell_withdrawn tells them)."""
    data = {"statement": statement.id, "ref": statement.published_ref or "-"}
    if statement.amends is None:
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.STATEMENT_PUBLISHED, now, None, data))
        return []
    uow.timeline.append(crisis.id, TimelineEvent(PUBLISHED[statement.amendment], now, None,
                                                 {**data, "amends": statement.amends}))
    original = uow.statements.lock(statement.amends)
    if statement.amendment is Amendment.RETRACTION and original is not None:
        original.retracted_by = statement.id
        delivery.card_changed(original, now)
        uow.statements.save(original)
        stale = [s.id for s in uow.statements.for_crisis(crisis.id)
                 if s.amends == original.id and s.id not in (None, statement.id)]  # this one is saved by its caller
        return [other for other in stale if _withdraw_stale(uow, crisis, other, now)]
    return []


def tell_withdrawn(statement_ids: list[int], ports: Ports) -> None:
    """The cards and the channel's notices of corrections a retraction withdrew (the tick sends what fails)."""
    for statement_id in statement_ids:
        delivery.send_card(statement_id, ports)
        delivery.send_notice(statement_id, ports)


def ensure_not_retracted(uow: UnitOfWork, statement: Statement) -> None:
    """Refuse (IllegalTransition "error.amend_retracted") to approve an amendment of a statement that another
    statement retracted meanwhile."""
    if _retracted_original(uow, statement):
        raise IllegalTransition("error.amend_retracted", statement=statement.amends)


def stop_if_retracted(uow: UnitOfWork, crisis: Crisis, statement: Statement, now: datetime) -> None:
    """Before a publish is claimed: an amendment of a statement retracted meanwhile is withdrawn instead (its
    correction would put the withdrawn words back up, on LinkedIn as a new post)."""
    if _retracted_original(uow, statement):
        _withdraw(uow, crisis, statement, now)


def _retracted_original(uow: UnitOfWork, statement: Statement) -> bool:
    """The statement amends one that another statement retracted."""
    original = uow.statements.get(statement.amends) if statement.amends is not None else None
    return original is not None and original.retracted_by not in (None, statement.id)


def _withdraw_stale(uow: UnitOfWork, crisis: Crisis, statement_id: int, now: datetime) -> bool:
    """Withdraw the statement under its lock and save it; False when it needed nothing (out already, rejected)."""
    statement = uow.statements.lock(statement_id)
    if statement is None or not _withdraw(uow, crisis, statement, now):
        return False
    uow.statements.save(statement)
    return True


def _withdraw(uow: UnitOfWork, crisis: Crisis, statement: Statement, now: datetime) -> bool:
    """A correction still waiting or not out when its original was retracted: rejected, its retries stopped,
    the card and the channel told, the timeline too. One out already is a fact, left as it is (False)."""
    if statement.state in (StatementState.PUBLISHED, StatementState.REJECTED):
        return False
    statement.state, statement.publish_due_at = StatementState.REJECTED, None
    delivery.card_changed(statement, now)
    delivery.notice_due(statement, WITHDRAWN, now)
    uow.timeline.append(crisis.id, TimelineEvent(EventKind.CORRECTION_WITHDRAWN, now, None, {
        "statement": statement.id, "amends": statement.amends}))
    return True


def originals(statement: Statement, ports: Ports) -> str:
    """The published references of the statement an amendment amends ("" for a statement of its own)."""
    if statement.amends is None:
        return ""
    with ports.uow() as uow:
        original = uow.statements.get(statement.amends)
    return original.published_ref if original is not None else ""


def send(publisher: Publisher, statement: Statement, text: str, ref: str | None) -> str | None:
    """Publish a statement, or apply an amendment to the original's post `ref` on this publisher's platform
    (None when the original never went out there: nothing to amend, nothing recorded)."""
    if statement.amendment is None:
        return publisher.publish(statement, text)
    if ref is None:
        return None
    if not isinstance(publisher, Amending):
        raise PublishFailed(msg("publish_reason.cannot_amend"), permanent=True)
    if statement.amendment is Amendment.CORRECTION:
        return publisher.correct(statement, ref, text)
    return publisher.retract(statement, ref, text)
