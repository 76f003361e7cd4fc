"""What a change of the rule in force (the crisis's severity) or of the role holders does to the crisis's statements
not out yet and to its open press inquiries."""
from __future__ import annotations

from crisis.ports import Ports
from crisis.room.shared import refresh_card
from crisis.statements import delivery, press, services
from crisis.statements import rules as statements
from crisis.statements.model import PressInquiry, StatementState


def after_change(crisis_id: int, *, user: str, ports: Ports) -> None:
    """Re-evaluate the crisis's statements not out yet against the rule in force and today's role holders: one that
    now meets it is published (the normal path, its claim and lease; it is due at once, so the tick publishes it if
    this process dies first), one whose approval lapsed waits again (its retries stop, inquiries answered with it
    open again); their cards show the change. Open press inquiries go to whoever answers the press now.
    What is published, or being published, or out on some account, stays as it is (published once, never
    unapproved)."""
    now = ports.clock.now()
    ready: list[int] = []
    shown: list[int] = []
    inquiries: dict[int, PressInquiry] = {}
    with ports.uow() as uow:
        crisis = uow.crises.lock(crisis_id)
        if not crisis.is_open:
            return
        for found in uow.statements.for_crisis(crisis_id):
            if found.state in statements.CLOSED_STATES or found.published_ref or found.publishing_since is not None:
                continue
            _, statement = delivery.locked(uow, found.id)
            was = statement.state
            statements.reevaluate(statement, crisis, ports.plan)
            if statement.state is StatementState.APPROVED and was is not StatementState.APPROVED:
                statement.publish_due_at = now
                ready.append(statement.id)
            elif was is StatementState.APPROVED and statement.state is not StatementState.APPROVED:
                statement.publish_due_at = None
                inquiries.update((i.id, i) for i in press.reopen_answered_by(uow, statement, now, user))
            delivery.card_changed(statement, now)  # the rule's roles, or what is missing, may read differently
            uow.statements.save(statement)
            shown.append(statement.id)
        answering = press.inquiry_assignee(crisis, ports.plan)
        for open_one in uow.inquiries.for_crisis(crisis_id):
            if open_one.answered_at is None and open_one.assignee != answering:
                inquiry = uow.inquiries.lock(open_one.id)
                press.reassign(inquiry, crisis, ports.plan)
                uow.inquiries.save(inquiry)
                inquiries[inquiry.id] = inquiry
        uow.commit()
    for statement_id in shown:
        if statement_id in ready:
            services.publish(statement_id, ports=ports)
        else:
            delivery.send_card(statement_id, ports)
            delivery.send_notice(statement_id, ports)
    press.show_inquiries(crisis, list(inquiries.values()), ports)
    refresh_card(crisis_id, ports=ports)
