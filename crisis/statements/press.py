"""The press desk's decisions: who answers an inquiry, a new inquiry from the form, when it counts as answered, and
when it is open again (its statement withdrawn, rejected or sent back before it went out)."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import BadInput, IllegalTransition
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Time, msg
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWork
from crisis.room.shared import quietly
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.statements.model import PressInquiry, Statement, StatementState
from crisis.statements.rules import COMMS_ROLE, SPOKESPERSON_ROLE, normalise_newlines

MAX_INQUIRY_FIELD = 200

MAX_INQUIRY_QUESTION = 4_000

def inquiry_assignee(crisis: Crisis, plan: CrisisPlan) -> str | None:
    """The spokesperson (if the plan has the role and someone holds it), else the comms lead, else the crisis lead."""
    for role in (SPOKESPERSON_ROLE, COMMS_ROLE, plan.lead_role):
        holder = crisis.role(role) if plan.role(role) else None
        if holder and holder.user_id:
            return holder.user_id
    return None

def reassign(inquiry: PressInquiry, crisis: Crisis, plan: CrisisPlan) -> bool:
    """The inquiry goes to whoever answers the press now (a role handed on takes its inquiries along); True when that
    changed (its card is to show it)."""
    now_answering = inquiry_assignee(crisis, plan)
    changed = now_answering != inquiry.assignee
    inquiry.assignee = now_answering
    return changed


def show_inquiries(crisis: Crisis, inquiries: list[PressInquiry], ports: Ports) -> None:
    """Their cards show what changed (after the commit; a failure is logged, the change stays)."""
    for inquiry in inquiries:
        quietly(lambda shown=inquiry: ports.chat.update_inquiry(crisis, shown), f"updating inquiry {inquiry.id}")


def new_inquiry(crisis: Crisis, plan: CrisisPlan, *, outlet: str, contact: str, question: str,
                deadline: datetime, user: str, now: datetime) -> PressInquiry:
    """A press inquiry assigned to whoever answers the press.

    Raises IllegalTransition (crisis closed), BadInput field "outlet" (empty or too long),
    "contact" (too long; it may be empty), "question" (empty or too long), "deadline" (not in the future)."""
    ensure_open(crisis)
    assert crisis.id is not None, "a crisis is stored before inquiries are logged in it"
    outlet, contact, question = normalise_newlines(outlet), normalise_newlines(contact), normalise_newlines(question)
    if not outlet:
        raise BadInput("error.inquiry_outlet_required", field="outlet")
    for name, value, most in (("outlet", outlet, MAX_INQUIRY_FIELD), ("contact", contact, MAX_INQUIRY_FIELD),
                              ("question", question, MAX_INQUIRY_QUESTION)):
        if len(value) > most:
            raise BadInput("error.inquiry_too_long", field=name, count=len(value), max=most)
    if not question:
        raise BadInput("error.inquiry_question_required", field="question")
    if deadline <= now:
        raise BadInput("error.inquiry_deadline_past", field="deadline", deadline=Time(deadline))
    return PressInquiry(crisis_id=crisis.id, outlet=outlet, contact=contact, question=question,
                        deadline=deadline, logged_by=user, logged_at=now, assignee=inquiry_assignee(crisis, plan))

def answer_inquiry(inquiry: PressInquiry, statement: Statement, now: datetime) -> bool:
    """Mark the inquiry answered with the statement. False (nothing changes) when it already was,
    with this statement. Raises BadInput field "statement" "error.inquiry_other_crisis",
    IllegalTransition "error.inquiry_statement_not_approved" / "error.inquiry_answered"."""
    if statement.crisis_id != inquiry.crisis_id:
        raise BadInput("error.inquiry_other_crisis", field="statement")
    if inquiry.answered_at is not None:
        if inquiry.statement_id == statement.id:
            return False
        raise IllegalTransition("error.inquiry_answered", at=Time(inquiry.answered_at))
    if statement.state not in (StatementState.APPROVED, StatementState.PUBLISHED):
        raise IllegalTransition("error.inquiry_statement_not_approved",
                                state=msg(f"statement.state.{statement.state.value}"))
    inquiry.answered_at = now
    inquiry.statement_id = statement.id
    return True


def reopen_answered_by(uow: UnitOfWork, statement: Statement, now: datetime, actor: str | None) -> list[PressInquiry]:
    """The inquiries answered with `statement` wait for an answer again when it is no longer approved and none of it
    went out (withdrawn, rejected, sent back, or its approval lapsed): a timeline event each, and their reminder
    comes again before the deadline. The caller shows their cards after its commit."""
    if statement.state in (StatementState.APPROVED, StatementState.PUBLISHED) or statement.published_ref:
        return []
    reopened = []
    for found in uow.inquiries.for_crisis(statement.crisis_id):
        if found.statement_id != statement.id or found.answered_at is None:
            continue
        inquiry = uow.inquiries.lock(found.id)
        inquiry.answered_at, inquiry.statement_id = None, None
        if inquiry.deadline > now:
            inquiry.reminded_at = None
        uow.inquiries.save(inquiry)
        uow.timeline.append(statement.crisis_id, TimelineEvent(EventKind.PRESS_REOPENED, now, actor, {
            "outlet": inquiry.outlet, "statement": statement.id}))
        reopened.append(inquiry)
    return reopened
