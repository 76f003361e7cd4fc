"""The real statement use cases racing on both backends: a decision taken while the draft's card is still being
posted loses neither the card's place (channel and message) nor the decision, and the card ends showing it."""
from __future__ import annotations

import threading

from crisis.ports import Ports
from crisis.room.model import RoleAssignment
from crisis.statements import services
from crisis.statements.model import Decision, StatementState
from tests.crisis.fakes import FakeChat, FakeClock
from tests.crisis.plans import make_plan
from tests.db.builders import T0, a_crisis
from tests.db.races import race_indexed

WAIT = 10  # seconds at most for the other thread: a deadlock fails the test instead of hanging it


class _SlowCardChat(FakeChat):
    """Posting the first card waits until a decision on it has been committed."""

    def __init__(self) -> None:
        super().__init__()
        self.posting, self.decided = threading.Event(), threading.Event()
        self.statement_id: int | None = None

    def post_statement(self, crisis, plan, statement):
        self.statement_id = statement.id
        self.posting.set()
        assert self.decided.wait(WAIT)
        return super().post_statement(crisis, plan, statement)


def test_a_decision_while_the_card_is_being_posted_keeps_both(uow_factory):
    chat = _SlowCardChat()
    ports = Ports(plan=make_plan(), uow=uow_factory, chat=chat, clock=FakeClock(T0))
    with uow_factory() as uow:
        crisis = uow.crises.add(a_crisis(channel_id="C0ROOM", roles=[
            RoleAssignment("crisis_lead", "ULEAD"), RoleAssignment("comms_lead", "UCOMMS"),
            RoleAssignment("legal", "ULEGAL")]))
        uow.commit()

    def draft_or_decide(index: int) -> object:
        if index == 0:
            return services.draft("C0ROOM", services.DraftForm(target="x", text="We are sorry."), user="USOCIAL",
                                  request_key="view:V1", ports=ports)
        assert chat.posting.wait(WAIT)
        try:
            return services.decide(chat.statement_id, Decision.APPROVE, user="ULEGAL", version=1,
                                   request_key="approve", ports=ports)
        finally:
            chat.decided.set()

    race_indexed(draft_or_decide, 2)
    with uow_factory() as uow:
        (statement,) = uow.statements.for_crisis(crisis.id)
    [(_, _, _, _, ts)] = chat.named("post_statement")
    assert (statement.channel_id, statement.message_ts) == ("C0ROOM", ts)
    assert [(a.user, a.decision) for a in statement.approvals] == [("ULEGAL", Decision.APPROVE)]
    assert statement.state is StatementState.PENDING
    assert (statement.card_changes, statement.card_due_at) == (0, None)
    assert [c[4] for c in chat.named("update_statement")] == [ts]  # the card shows the approval
