"""End to end, docs/security.md's rows of corrections and retractions: only the original's author or the comms lead
starts one (an admin, the outsider and other role holders are told why, before and after the form), and it goes out
only under the approval rule, never on its author's approval."""
import pytest

from crisis.statements.model import StatementState
from handlers import ids
from tests.handlers.flows import last_view, open_crisis
from tests.handlers.test_statements import card, draft
from tests.security.permission_steps import crisis_in, join, refused, timeline

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def room(crew):
    channel = open_crisis(crew)["id"]
    join(crew, "outsider", channel)
    return channel


def statements(bot, channel):
    with bot.ports.uow() as uow:
        return uow.statements.for_crisis(crisis_in(bot, channel).id)


def published(crew, room):
    draft(crew, room, who="lead")
    for who in ("legal", "comms"):
        crew.click(who, room, card(crew, room)["ts"], ids.APPROVE)
    assert statements(crew, room)[0].state is StatementState.PUBLISHED
    return card(crew, room)


def test_only_the_author_or_the_comms_lead_corrects_or_retracts(crew, room):
    message = published(crew, room)
    forms = len(crew.sandbox.calls_to("views.open"))
    for action_id in (ids.CORRECT, ids.RETRACT):
        for who in ("outsider", "social", "admin", "legal"):
            crew.click(who, room, message["ts"], action_id)
            refused(crew, who, "can correct or retract")
    assert len(statements(crew, room)) == 1 and len(crew.sandbox.calls_to("views.open")) == forms  # no form opened
    crew.click("comms", room, message["ts"], ids.RETRACT)  # the comms lead opens the form...
    view = last_view(crew)
    crew.command("lead", f"assign comms_lead <@{crew.users['comms_backup']}>", room)  # ...and loses the role
    crew.submit("comms", view["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Corrected."}})
    assert len(statements(crew, room)) == 1  # checked again when the form is submitted
    crew.click("lead", room, message["ts"], ids.CORRECT)  # the author may
    crew.submit("lead", last_view(crew)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Corrected."}})
    assert len(statements(crew, room)) == 2
    assert timeline(crew, room)[-1][1] == crew.users["lead"]


def test_a_correction_goes_out_only_under_the_approval_rule(crew, room):
    message = published(crew, room)
    crew.click("lead", room, message["ts"], ids.CORRECT)
    crew.submit("lead", last_view(crew)["id"], {ids.TEXT_BLOCK: {ids.TEXT_INPUT: "Corrected."}})
    for who, phrase in (("lead", "four eyes"), ("outsider", "Only holders of"), ("admin", "Only holders of")):
        crew.click(who, room, card(crew, room)["ts"], ids.APPROVE)
        refused(crew, who, phrase)
    crew.click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    assert statements(crew, room)[-1].state is StatementState.PENDING
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    assert statements(crew, room)[-1].state is StatementState.PUBLISHED
    assert timeline(crew, room)[-1] == ("statement_corrected", None)
