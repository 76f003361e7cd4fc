"""End to end, docs/security.md's row of take-downs: any channel member asks; only current holders of the roles the
statements' rule names approve, never the one who asked (four eyes), not the crisis lead or an admin as such; those
holders or the crisis lead reject; nothing is removed before the rule is met."""
import pytest

from handlers import ids
from tests.handlers.flows import open_crisis
from tests.security.permission_steps import (
    crisis_in,
    four_eyes_refusals,
    join,
    mastodon_crew,
    message_with,
    refused,
    timeline,
)

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def crew(uow_factory, mastodon, tmp_path):
    with mastodon_crew(uow_factory, mastodon, tmp_path) as local:
        yield local


@pytest.fixture
def room(crew):
    channel = open_crisis(crew)["id"]
    join(crew, "outsider", channel)
    return channel


def asked(crew, room, mastodon, who="outsider"):
    crew.command(who, f"takedown {mastodon.add_status('Nurses? Overpaid coffee fans.')['url']}", room)
    return message_with(crew, room, ids.APPROVE_TAKEDOWN)["ts"]


def test_any_member_asks_the_rule_roles_approve_never_the_asker_and_the_post_goes_once(crew, room, mastodon):
    ts = asked(crew, room, mastodon)
    assert timeline(crew, room)[-1] == ("takedown_requested", crew.users["outsider"])
    four_eyes_refusals(crew, room, ts, ids.APPROVE_TAKEDOWN, "four eyes")
    assert mastodon.statuses and not mastodon.routes("DELETE")
    crew.click("legal", room, ts, ids.APPROVE_TAKEDOWN)
    assert not mastodon.statuses
    assert [e for e in timeline(crew, room) if e[0].startswith("take")][-3:] == [
        ("takedown_approved", crew.users["comms"]), ("takedown_approved", crew.users["legal"]), ("taken_down", None)]


def test_the_rule_roles_or_the_crisis_lead_reject_nobody_else(crew, room, mastodon):
    ts = asked(crew, room, mastodon)
    for who in ("outsider", "social", "admin"):
        crew.click(who, room, ts, ids.REJECT_TAKEDOWN)
        refused(crew, who, "reject a take-down")
    crew.click("lead", room, ts, ids.REJECT_TAKEDOWN)
    assert timeline(crew, room)[-1] == ("takedown_rejected", crew.users["lead"])
    with crew.ports.uow() as uow:
        [takedown] = uow.takedowns.for_crisis(crisis_in(crew, room).id)
    assert takedown.state.value == "rejected" and mastodon.statuses and not mastodon.routes("DELETE")
