"""End to end, docs/security.md's row of the employee briefing (`/crisis brief`): any channel member drafts it,
it goes out only under the statements' approval rule (never on its author's word) and to all staff once."""
import pytest

from crisis.statements.model import StatementState
from handlers import ids
from tests.handlers.flows import open_crisis
from tests.handlers.test_briefing import brief
from tests.handlers.test_statements import card
from tests.security.permission_steps import crisis_in, join, refused, start_crew, stop_crew, timeline

STATEMENTS = {"publish_channel": "#statements", "all_staff_channel": "#all-staff"}


@pytest.fixture
def staff_crew(uow_factory):
    local = start_crew(uow_factory, statements=STATEMENTS)
    local.sandbox.add_channel("all-staff")
    yield local
    stop_crew(local)


def test_any_member_briefs_all_staff_only_under_the_approval_rule_and_once(staff_crew):
    crew = staff_crew
    room = open_crisis(crew)["id"]
    join(crew, "outsider", room)
    brief(crew, room, who="outsider")
    assert timeline(crew, room)[-1] == ("statement_drafted", crew.users["outsider"])
    for who, why in (("outsider", "four eyes"), ("admin", "Only holders of"), ("social", "Only holders of")):
        crew.click(who, room, card(crew, room)["ts"], ids.APPROVE)
        refused(crew, who, why)
    crew.click("comms", room, card(crew, room)["ts"], ids.APPROVE)
    assert crew.sandbox.messages("all-staff") == []
    crew.double_click("legal", room, card(crew, room)["ts"], ids.APPROVE)
    with crew.ports.uow() as uow:
        [statement] = uow.statements.for_crisis(crisis_in(crew, room).id)
    assert statement.state is StatementState.PUBLISHED
    assert len(crew.sandbox.messages("all-staff")) == 1
    approved = [actor for kind, actor in timeline(crew, room) if kind == "statement_approved"]
    assert approved == [crew.users["comms"], crew.users["legal"]]
    assert ("statement_published", None) in timeline(crew, room)
