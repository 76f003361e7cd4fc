"""The press desk's pure decisions: who answers an inquiry, a new inquiry from the form, and when it counts as answered."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import BadInput, IllegalTransition
from crisis.i18n import Time, msg
from crisis.plan import CrisisPlan
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
