"""Use cases of public statements: draft, decide (approve / request changes / reject), edit, publish
exactly once, and the press desk. Like services.py, the only layer that commits for them; every
change takes the crisis lock first, then the statement's."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisis.due import back_off, run_due
from crisis.errors import BadInput, ChatFailure, PublishFailed, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import User, msg
from crisis.plan import ALL_STAFF_TARGET
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.room.shared import crisis_for_channel, post_quietly, quietly, refresh_card
from crisis.room.updates import next_update_due
from crisis.statements import amendments, briefing, deadlines, delivery, press, rehearsal
from crisis.statements import rules as statements
from crisis.statements.model import Decision, PressInquiry, Statement, StatementState

log = logging.getLogger(__name__)

REMIND_BEFORE_DEADLINE = timedelta(minutes=15)
REMIND_BEFORE_PRESS_DEADLINE = timedelta(minutes=30)
_REF_SEPARATOR = " · "


@dataclass(frozen=True)
class DraftForm:
    target: str
    text: str
    template: str | None = None
    deadline: datetime | None = None


@dataclass(frozen=True)
class InquiryForm:
    outlet: str
    contact: str
    question: str
    deadline: datetime


def check_draft(channel_id: str, form: DraftForm, *, user: str, ports: Ports) -> None:
    """Validate a draft form without storing anything (BadInput names the field)."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    statements.new_draft(crisis, ports.plan, target=form.target, text=form.text, author=user, now=ports.clock.now(),
                         template=form.template, deadline=form.deadline)


def check_note(decision: Decision, note: str) -> None:
    if decision is not Decision.APPROVE and not " ".join(note.split()):
        key = "error.statement_changes_note" if decision is Decision.REQUEST_CHANGES else "error.statement_reject_note"
        raise BadInput(key, field="note")


def check_text(text: str) -> None:
    if not " ".join(text.split()):
        raise BadInput("error.statement_text_required", field="text")


def check_inquiry(channel_id: str, form: InquiryForm, *, user: str, ports: Ports) -> None:
    crisis = crisis_for_channel(channel_id, ports=ports)
    press.new_inquiry(crisis, ports.plan, outlet=form.outlet, contact=form.contact, question=form.question,
                           deadline=form.deadline, user=user, now=ports.clock.now())


def answerable_statements(inquiry_id: int, *, ports: Ports) -> list[Statement]:
    """Approved or published statements of the inquiry's crisis, newest first."""
    with ports.uow() as uow:
        inquiry = uow.inquiries.get(inquiry_id)
        if inquiry is None:
            raise UnknownCrisis("error.unknown_inquiry")
        found = uow.statements.for_crisis(inquiry.crisis_id)
    return [s for s in reversed(found) if s.state in (StatementState.APPROVED, StatementState.PUBLISHED)]


def briefing_draft(channel_id: str, *, ports: Ports) -> str:
    """The employee briefing's first draft for the channel's open crisis; nothing is stored (the draft form then
    submits it for the all-staff target). Raises UnknownCrisis, IllegalTransition (closed), BadInput
    "error.briefing_no_channel"."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    ensure_open(crisis)
    briefing.check_briefing(ports.plan)
    people = briefing.briefing_people(crisis, ports.plan)
    try:
        names = ports.chat.names(people) if people else {}
    except ChatFailure as failure:  # the roles are named without their holders
        log.warning("no names for the briefing of crisis %s: %s", crisis.id, failure.reason)
        names = {}
    return briefing.briefing_text(crisis, ports.plan, names)


def draft(channel_id: str, form: DraftForm, *, user: str, request_key: str, ports: Ports) -> Statement | None:
    """A new draft, posted as a card in the crisis channel. None for a duplicate request."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    now = ports.clock.now()
    statement = statements.new_draft(crisis, ports.plan, target=form.target, text=form.text, author=user, now=now,
                                     template=form.template, deadline=form.deadline)
    statement.channel_id = crisis.channel_id
    delivery.card_changed(statement, now)
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        statement = uow.statements.add(statement)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.STATEMENT_DRAFTED, now, user, {
            "statement": statement.id, "target": ports.plan.statements.target_name(statement.target)}))
        uow.commit()
    delivery.send_card(statement.id, ports)
    return statement


def decide(statement_id: int, decision: Decision, *, user: str, version: int, note: str = "",
           request_key: str, ports: Ports) -> statements.DecisionResult | None:
    """Record an approval, a request for changes or a rejection; publish when the rule is met."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis, statement = delivery.locked(uow, statement_id)
        if decision is Decision.APPROVE:
            amendments.ensure_not_retracted(uow, statement)
        was_approved = statement.state is StatementState.APPROVED
        result = statements.decide(statement, crisis, ports.plan, user=user, decision=decision, version=version,
                                   now=now, note=note)
        if was_approved and result.approval is not None:
            _withdrawn(statement, result.state, now)
        reopened = press.reopen_answered_by(uow, statement, now, user)  # its inquiries, when it was withdrawn
        if result.approval is not None:
            kind = {Decision.APPROVE: EventKind.STATEMENT_APPROVED,
                    Decision.REQUEST_CHANGES: EventKind.STATEMENT_CHANGES_REQUESTED,
                    Decision.REJECT: EventKind.STATEMENT_REJECTED}[decision]
            uow.timeline.append(crisis.id, TimelineEvent(kind, now, user, {
                "statement": statement.id, "version": version, "role": result.approval.role, "note": note}))
            delivery.card_changed(statement, now)
        uow.statements.save(statement)
        uow.commit()
    press.show_inquiries(crisis, reopened, ports)
    if result.approved:
        publish(statement_id, ports=ports)
    else:
        _refresh_cards(crisis.id, statement_id, ports)
        delivery.send_notice(statement_id, ports)
    return result


def check_reviewable(statement_id: int, *, ports: Ports) -> None:
    """Before a note form opens: refuse early a statement that can no longer be sent back or rejected (the
    decision checks again, with who may)."""
    crisis, statement = statement_view(statement_id, ports=ports)
    ensure_open(crisis)
    statements.check_reviewable(statement, ports.clock.now())


def _withdrawn(statement: Statement, state: StatementState, now: datetime) -> None:
    """An approved statement sent back or rejected before it went out: its retries stop (a claim would refuse it
    anyway); a rejection is told in the channel, replacing a failure notice not sent yet."""
    statement.publish_due_at = None
    if state is StatementState.REJECTED:
        delivery.notice_due(statement, "statement.withdrawn", now)


def edit(statement_id: int, text: str, *, user: str, request_key: str, ports: Ports) -> Statement | None:
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis, statement = delivery.locked(uow, statement_id)
        before = statement.current.number
        version = statements.edit(statement, crisis, ports.plan, user=user, text=text, now=now)
        if version.number != before:
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.STATEMENT_EDITED, now, user, {
                "statement": statement.id, "version": version.number}))
            delivery.card_changed(statement, now)
        reopened = press.reopen_answered_by(uow, statement, now, user)  # its answer is to be approved again
        uow.statements.save(statement)
        uow.commit()
    press.show_inquiries(crisis, reopened, ports)
    _refresh_cards(crisis.id, statement_id, ports)
    return statement


def publish(statement_id: int, *, ports: Ports) -> bool:
    """Publish an approved statement once: the claim is taken under the row lock (and the tick resumes the
    publish when the claim's lease ends unpublished: its publisher died), each publisher's result is recorded
    as it comes, so a retry skips the ones that already worked (Mastodon's Idempotency-Key covers an answer
    lost on the way). A failure is retried by the tick after a back-off, until a refusal is final.
    The statement counts as the crisis's update from the claim on (a resumed claim's predecessor counted it):
    no "no update" reminder comes while it is being published, however long that takes."""
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis, statement = delivery.locked(uow, statement_id)
        state, resumed = statement.state, statement.publishing_since is not None
        amendments.stop_if_retracted(uow, crisis, statement, now)
        claimed = statements.claim_publish(statement, now, crisis=crisis, plan=ports.plan)
        if not claimed and statements.stopped_by_close(statement, crisis, now):
            _stopped_by_close(statement, now)
        elif claimed:
            statement.publish_due_at = now + statements.PUBLISH_LEASE
            if not resumed:
                crisis.next_update_due_at = next_update_due(crisis, ports, now)
                uow.crises.save(crisis)
        elif statement.publishing_since is None or now >= statement.publishing_since + statements.PUBLISH_LEASE:
            statement.publish_due_at = None  # nothing to resume: published, or no longer approved by the rule
        if statement.state is not state:
            delivery.card_changed(statement, now)
        uow.statements.save(statement)
        uow.commit()
    if not claimed:
        _refresh_cards(crisis.id, statement_id, ports)
        delivery.send_notice(statement_id, ports)
        return False
    done, originals = _refs(statement.published_ref), _refs(amendments.originals(statement, ports))
    text = statement.current.text
    for label, publisher in ports.publishers.get(statement.target, []):
        if label in done:
            continue
        if crisis.drill:  # nothing of a drill leaves its room
            try:
                done[label] = rehearsal.rehearse(crisis, statement, label, publisher, text, ports)
            except ChatFailure as failure:
                failed = PublishFailed(failure.reason, permanent=failure.permanent, retry_after=failure.retry_after)
                _record_failure(crisis, statement_id, label, failed, done, ports)
                return False
            _record_progress(statement_id, done, ports)
            continue
        try:
            ref = amendments.send(publisher, statement, text, originals.get(label))
        except PublishFailed as failure:
            _record_failure(crisis, statement_id, label, failure, done, ports)
            return False
        if ref is not None:
            done[label] = ref
            _record_progress(statement_id, done, ports)
    withdrawn: list[int] = []
    with ports.uow() as uow:
        crisis, statement = delivery.locked(uow, statement_id)
        statement.publish_due_at = None
        if statements.published(statement, _REF_SEPARATOR.join(f"{k}: {v}" for k, v in done.items()), now):
            withdrawn = amendments.record_published(uow, crisis, statement, now)
            delivery.card_changed(statement, now)
            delivery.notice_due(statement, _published_notice(statement, done, ports) if done
                                else "statement.published_nowhere", now)
        uow.statements.save(statement)
        uow.commit()
    if statement.amends is not None:
        delivery.send_card(statement.amends, ports)  # a retracted statement's card shows it (without its buttons)
    amendments.tell_withdrawn(withdrawn, ports)
    _refresh_cards(crisis.id, statement_id, ports)
    delivery.send_notice(statement_id, ports)
    return True


def _stopped_by_close(statement: Statement, now: datetime) -> None:
    """Its crisis closed before it went out: no more tries, the card loses Retry, and the channel hears it once
    (when a try was still due)."""
    if statement.publish_due_at is not None:
        delivery.notice_due(statement, "statement.closed_unpublished", now)
    statement.publish_due_at = None
    delivery.card_changed(statement, now)


def _published_notice(statement: Statement, done: dict[str, str], ports: Ports) -> str:
    """What the room hears once the statement is out: when it went only to the team's own chat (the statements
    channel) though the target is a public account crisisbot does not post to, that it must be posted by hand, not
    that it was published. The all-staff briefing's channel is its whole audience."""
    if statement.amendment:
        return f"statement.{statement.amendment.value}_published"
    used = [publisher for label, publisher in ports.publishers.get(statement.target, []) if label in done]
    only_chat = all(getattr(publisher, "inside_workspace", False) for publisher in used)  # InsideWorkspace's value
    return "statement.published_in_chat" if only_chat and statement.target != ALL_STAFF_TARGET else "statement.published"


def _record_progress(statement_id: int, done: dict[str, str], ports: Ports) -> None:
    with ports.uow() as uow:
        _, statement = delivery.locked(uow, statement_id)
        statement.published_ref = _REF_SEPARATOR.join(f"{k}: {v}" for k, v in done.items())
        uow.statements.save(statement)
        uow.commit()


def _record_failure(crisis: Crisis, statement_id: int, label: str, failure: PublishFailed, done: dict[str, str],
                    ports: Ports) -> None:
    """The claim released and the next try set after a back-off, or none when the refusal is final; the channel
    hears of the first failure (it is retried) and of giving up (only [Retry publishing] tries again)."""
    now, reason = ports.clock.now(), f"{label}: {failure.reason}"
    with ports.uow() as uow:
        _, statement = delivery.locked(uow, statement_id)
        statements.publish_failed(statement, reason, now)
        statement.published_ref = _REF_SEPARATOR.join(f"{k}: {v}" for k, v in done.items())
        statement.publish_due_at, tell = back_off(failure, statement.publish_attempts, now)
        gave_up = statement.publish_due_at is None
        delivery.card_changed(statement, now)
        if tell:
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.STATEMENT_PUBLISH_FAILED, now, None, {
                "statement": statement_id, "error": reason}))
            delivery.notice_due(statement, "statement.publish_failed_notice" if gave_up
                                else "statement.publish_retrying", now)
        uow.statements.save(statement)
        uow.commit()
    log.warning("publishing statement %s failed: %s", statement_id, reason)
    _refresh_cards(crisis.id, statement_id, ports)
    delivery.send_notice(statement_id, ports)


def publish_tick(*, ports: Ports) -> int:
    """Publish the approved statements whose publish is due again: a failure's back-off ended, or a claim's
    lease ended unpublished (its process died); then send the cards and notices that are due. Returns how
    many were published."""
    now = ports.clock.now()
    with ports.uow() as uow:
        due = uow.statements.publishes_due(now)
    published = sum(1 for statement_id in due if _publish_quietly(statement_id, ports))
    delivery.deliveries_tick(ports=ports)
    return published


def _publish_quietly(statement_id: int, ports: Ports) -> bool:
    try:
        return publish(statement_id, ports=ports)
    except Exception:  # one statement's trouble never stops the others
        log.exception("publishing statement %s failed", statement_id)
        return False


def _refs(stored: str) -> dict[str, str]:
    pairs = [p.split(": ", 1) for p in stored.split(_REF_SEPARATOR) if ": " in p] if stored else []
    return {label: ref for label, ref in pairs}


def statement_view(statement_id: int, *, ports: Ports) -> tuple[Crisis, Statement]:
    with ports.uow() as uow:
        statement = uow.statements.get(statement_id)
        if statement is None:
            raise UnknownCrisis("error.unknown_statement")
        return uow.crises.get(statement.crisis_id), statement


def deadline_tick(*, ports: Ports) -> int:
    """Remind approvers before a draft's deadline, tell the crisis lead when it passed (once each)."""
    now = ports.clock.now()
    return sum(run_due(ports, "statement deadlines",
                       lambda uow: uow.statements.deadlines_due(now, REMIND_BEFORE_DEADLINE),
                       lambda uow, statement_id: _deadline_actions(uow, statement_id, now, ports),
                       lambda found: _tell_deadline(*found, ports)))


def _deadline_actions(uow: UnitOfWork, statement_id: int, now: datetime, ports: Ports
                      ) -> tuple[Crisis, list[deadlines.DeadlineAction]]:
    crisis, statement = delivery.locked(uow, statement_id)
    actions = deadlines.deadline_actions(statement, crisis, ports.plan, now, REMIND_BEFORE_DEADLINE)
    uow.statements.save(statement)
    return crisis, actions


def _tell_deadline(crisis: Crisis, actions: list[deadlines.DeadlineAction], ports: Ports) -> int:
    for action in actions:
        for user in action.users:
            post_quietly(ports, crisis.channel_id, msg("statement.deadline_notice", user=User(user),
                                                       what=action.message))
    return len(actions)


# --- press desk -------------------------------------------------------------------------------

def log_inquiry(channel_id: str, form: InquiryForm, *, user: str, request_key: str, ports: Ports) -> PressInquiry | None:
    crisis = crisis_for_channel(channel_id, ports=ports)
    now = ports.clock.now()
    inquiry = press.new_inquiry(crisis, ports.plan, outlet=form.outlet, contact=form.contact,
                                     question=form.question, deadline=form.deadline, user=user, now=now)
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        inquiry = uow.inquiries.add(inquiry)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.PRESS_LOGGED, now, user, {"outlet": inquiry.outlet}))
        uow.commit()
    try:
        ts = ports.chat.post_inquiry(crisis, inquiry)
    except ChatFailure as failure:
        log.warning("posting inquiry %s failed: %s", inquiry.id, failure.reason)
        ts = None
    with ports.uow() as uow:
        stored = uow.inquiries.lock(inquiry.id)
        stored.channel_ts = ts
        uow.inquiries.save(stored)
        uow.commit()
    refresh_card(crisis.id, ports=ports)
    return inquiry


def answer_inquiry(inquiry_id: int, statement_id: int, *, user: str, ports: Ports) -> PressInquiry:
    now = ports.clock.now()
    with ports.uow() as uow:
        inquiry = uow.inquiries.lock(inquiry_id)
        if inquiry is None:
            raise UnknownCrisis("error.unknown_inquiry")
        statement = uow.statements.get(statement_id)
        if statement is None:
            raise UnknownCrisis("error.unknown_statement")
        if press.answer_inquiry(inquiry, statement, now):
            uow.timeline.append(inquiry.crisis_id, TimelineEvent(EventKind.PRESS_ANSWERED, now, user, {
                "outlet": inquiry.outlet, "statement": statement_id}))
        uow.inquiries.save(inquiry)
        crisis = uow.crises.get(inquiry.crisis_id)
        uow.commit()
    quietly(lambda: ports.chat.update_inquiry(crisis, inquiry), f"updating inquiry {inquiry_id}")
    refresh_card(crisis.id, ports=ports)
    return inquiry


def press_tick(*, ports: Ports) -> int:
    """Remind whoever answers the press, once, before an inquiry's deadline."""
    now = ports.clock.now()
    return len(run_due(ports, "press reminders",
                       lambda uow: uow.inquiries.reminders_due(now, REMIND_BEFORE_PRESS_DEADLINE),
                       lambda uow, inquiry_id: _press_reminder_due(uow, inquiry_id, now, ports),
                       lambda found: _remind_press(*found, now, ports)))


def _press_reminder_due(uow: UnitOfWork, inquiry_id: int, now: datetime, ports: Ports
                        ) -> tuple[Crisis, PressInquiry, bool] | None:
    inquiry = uow.inquiries.lock(inquiry_id)
    if inquiry is None or inquiry.reminded_at or inquiry.answered_at:
        return None
    crisis = uow.crises.get(inquiry.crisis_id)
    moved = press.reassign(inquiry, crisis, ports.plan)  # whoever answers the press now, not when it was logged
    inquiry.reminded_at = now
    uow.inquiries.save(inquiry)
    return crisis, inquiry, moved


def _remind_press(crisis: Crisis, inquiry: PressInquiry, moved: bool, now: datetime, ports: Ports) -> None:
    post_quietly(ports, crisis.channel_id, msg("press.reminder", user=User(inquiry.assignee), outlet=inquiry.outlet,
                                               left=inquiry.deadline - now))
    press.show_inquiries(crisis, [inquiry] if moved else [], ports)  # its card names the same person


# --- helpers ----------------------------------------------------------------------------------


def _refresh_cards(crisis_id: int, statement_id: int, ports: Ports) -> None:
    """The statement's card when it is due (a sender that died leaves it to the tick), then the crisis card."""
    delivery.send_card(statement_id, ports)
    refresh_card(crisis_id, ports=ports)
