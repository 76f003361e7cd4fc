"""The press desk through the fakes: log, remind, answer."""
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, UnknownCrisis
from crisis.events import EventKind
from crisis.room import services as room
from crisis.statements import services
from crisis.statements.model import Decision
from crisis.statements.services import DraftForm, InquiryForm
from tests.crisis.fakes import FakePublisher
from tests.crisis.fakes.outside import T0
from tests.crisis.rooms import kinds, open_one


def log(ports, crisis, key="i1", minutes=60):
    return services.log_inquiry(crisis.channel_id, InquiryForm("Daily Planet", "lois@planet.example", "Comment?",
                                                                 T0 + timedelta(minutes=minutes)),
                                user="UCOMMS", request_key=key, ports=ports)


def inquiry(ports, found):
    with ports.uow() as uow:
        return uow.inquiries.get(found.id)


def approved_statement(ports, crisis):
    statement = services.draft(crisis.channel_id, DraftForm("press", "No comment yet."), user="USOCIAL",
                               request_key="d", ports=ports)
    for user in ("UCOMMS", "ULEGAL"):
        services.decide(statement.id, Decision.APPROVE, user=user, version=1, request_key=user, ports=ports)
    return statement


# --- the press desk ---------------------------------------------------------------------------------

def test_an_inquiry_goes_to_the_comms_lead_on_the_timeline_the_channel_and_the_card(ports, chat):
    crisis = open_one(ports)
    logged = log(ports, crisis)
    kept = inquiry(ports, logged)
    assert (kept.outlet, kept.assignee, kept.answered_at) == ("Daily Planet", "UCOMMS", None)
    assert chat.named("post_inquiry") == [("post_inquiry", logged.id, "UCOMMS", kept.channel_ts)]
    assert kinds(ports, crisis)[-1] is EventKind.PRESS_LOGGED
    assert chat.named("update_card")[-1][5].open_inquiries == 1
    assert log(ports, crisis) is None


def test_an_inquiry_whose_message_fails_is_kept(ports, chat):
    chat.fail["post_inquiry"] = ["ratelimited"]
    kept = inquiry(ports, log(ports, open_one(ports)))
    assert kept.channel_ts is None and kept.assignee == "UCOMMS"


def test_an_inquiry_with_its_deadline_past_is_refused(ports, clock):
    crisis = open_one(ports)
    clock.advance(hours=2)
    with pytest.raises(BadInput) as error:
        log(ports, crisis)
    assert error.value.field == "deadline"


def test_the_assignee_is_reminded_once_before_the_deadline(ports, chat, clock):
    crisis = open_one(ports)
    log(ports, crisis, minutes=60)
    assert services.press_tick(ports=ports) == 0
    clock.advance(minutes=31)
    assert services.press_tick(ports=ports) == 1
    assert services.press_tick(ports=ports) == 0
    reminders = [c[3] for c in chat.named("post") if c[2] == "press.reminder"]
    assert len(reminders) == 1 and "UCOMMS" in reminders[0] and "Daily Planet" in reminders[0]


def test_an_inquiry_is_answered_with_an_approved_statement_only(ports, chat, clock):
    crisis = open_one(ports)
    logged = log(ports, crisis)
    pending = services.draft(crisis.channel_id, DraftForm("press", "Draft"), user="USOCIAL", request_key="p",
                             ports=ports)
    with pytest.raises(IllegalTransition):
        services.answer_inquiry(logged.id, pending.id, user="UCOMMS", ports=ports)
    statement = approved_statement(ports, crisis)
    assert [s.id for s in services.answerable_statements(logged.id, ports=ports)] == [statement.id]
    services.answer_inquiry(logged.id, statement.id, user="UCOMMS", ports=ports)
    kept = inquiry(ports, logged)
    assert (kept.answered_at, kept.statement_id) == (clock.now(), statement.id)
    assert chat.named("update_inquiry")[-1] == ("update_inquiry", logged.id, statement.id)
    assert chat.named("update_card")[-1][5].open_inquiries == 0
    services.answer_inquiry(logged.id, statement.id, user="UCOMMS", ports=ports)
    assert kinds(ports, crisis).count(EventKind.PRESS_ANSWERED) == 1
    clock.advance(minutes=45)
    assert services.press_tick(ports=ports) == 0
    with pytest.raises(UnknownCrisis):
        services.answer_inquiry(999, statement.id, user="UCOMMS", ports=ports)


# --- after the answer or the hand-over -----------------------------------------------------------------

@pytest.mark.parametrize("decision", [Decision.REJECT, Decision.REQUEST_CHANGES])
def test_an_inquiry_answered_with_a_statement_withdrawn_or_sent_back_before_it_went_out_is_open_again(
        ports, chat, clock, decision):
    ports.publishers["press"] = [("press", FakePublisher("press", fail=["down"] * 10))]
    crisis = open_one(ports)
    logged = log(ports, crisis)
    statement = approved_statement(ports, crisis)
    services.answer_inquiry(logged.id, statement.id, user="UCOMMS", ports=ports)

    services.decide(statement.id, decision, user="ULEGAL", version=1, note="wrong facts", request_key="no",
                    ports=ports)

    kept = inquiry(ports, logged)
    assert (kept.answered_at, kept.statement_id) == (None, None)
    assert kinds(ports, crisis)[-2:] in ([EventKind.PRESS_REOPENED, EventKind.STATEMENT_REJECTED],
                                         [EventKind.PRESS_REOPENED, EventKind.STATEMENT_CHANGES_REQUESTED])
    assert chat.named("update_inquiry")[-1] == ("update_inquiry", logged.id, None)
    assert chat.named("update_card")[-1][5].open_inquiries == 1
    clock.advance(minutes=31)
    assert services.press_tick(ports=ports) == 1


def test_an_edit_of_the_answering_statement_opens_its_inquiry_again(ports, clock):
    ports.publishers["press"] = [("press", FakePublisher("press", fail=["down"] * 10))]
    crisis = open_one(ports)
    logged = log(ports, crisis)
    statement = approved_statement(ports, crisis)
    services.answer_inquiry(logged.id, statement.id, user="UCOMMS", ports=ports)

    services.edit(statement.id, "No comment, yet.", user="USOCIAL", request_key="e", ports=ports)

    assert inquiry(ports, logged).answered_at is None


def test_the_reminder_goes_to_whoever_answers_the_press_when_it_is_sent(ports, chat, clock):
    crisis = open_one(ports)
    logged = log(ports, crisis)
    room.assign_role(crisis.channel_id, "comms_lead", "UNEWCOMMS", user="ULEAD", request_key="as", ports=ports)
    assert inquiry(ports, logged).assignee == "UNEWCOMMS"  # its card shows the new holder at once
    assert chat.named("update_inquiry")[-1] == ("update_inquiry", logged.id, None)
    with ports.uow() as uow:  # the role changes hands without a hand-over (e.g. the plan's holder edited)
        held = uow.crises.lock(crisis.id)
        held.role("comms_lead").user_id = "ULATER"
        uow.crises.save(held)
        uow.commit()
    shown = len(chat.named("update_inquiry"))
    clock.advance(minutes=31)

    assert services.press_tick(ports=ports) == 1

    reminders = [c[3] for c in chat.named("post") if c[2] == "press.reminder"]
    assert len(reminders) == 1 and "ULATER" in reminders[0]
    assert inquiry(ports, logged).assignee == "ULATER"
    assert len(chat.named("update_inquiry")) == shown + 1
