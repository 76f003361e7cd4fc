"""End to end, docs/security.md's row of playbooks: the people on the crisis (the opener, holders, acknowledgers
and backups of its roles, admins, the crisis channel's members) tick its checklist; anyone else is refused in one
ephemeral line and nothing is recorded. The plan's own steps are outside text: shown escaped, accepted by Slack."""
import json

import pytest

from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import open_crisis
from tests.security.permission_steps import NOON, close, join, message_with, refused, timeline
from tests.security.test_outside_strings import assert_slack_accepted_everything, hostile

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


def steps(message):
    return [b["block_id"] for b in message["blocks"] if b.get("accessory", {}).get("type") == "checkboxes"]


def ticks(bot, channel):
    return [entry for entry in timeline(bot, channel) if entry[0].startswith("playbook_step")]


def test_people_on_the_crisis_tick_its_playbook_and_nobody_else(crew):
    room = open_crisis(crew)["id"]
    message = message_with(crew, room, ids.TICK_STEP)
    first, second, third, fourth = steps(message)[:4]
    crew.click("outsider", room, message["ts"], ids.TICK_STEP, value=first)
    refused(crew, "outsider", "Only people on this crisis tick its playbook")
    assert ticks(crew, room) == []
    crew.click("admin", room, message["ts"], ids.TICK_STEP, value=first)
    crew.click("lead_backup", room, message_with(crew, room, ids.TICK_STEP)["ts"], ids.TICK_STEP, value=second)
    join(crew, "outsider", room)
    crew.click("outsider", room, message["ts"], ids.TICK_STEP, value=third)
    crew.click("opener", room, message["ts"], ids.TICK_STEP, value=fourth)
    assert ticks(crew, room) == [("playbook_step_done", crew.users[who])
                                 for who in ("admin", "lead_backup", "outsider", "opener")]
    close(crew, room)
    crew.click("legal", room, message["ts"], ids.TICK_STEP, value=first)
    refused(crew, "legal", "is closed")
    assert len(ticks(crew, room)) == 4


@pytest.fixture
def hostile_bot(uow_factory):
    steps = [hostile(300), hostile(299) + "x", "<!channel> " + hostile(250)]
    local = start_local_bot(uow_factory, clock=SettableClock(NOON), plan=lambda users: team_plan(
        users, playbooks={"offensive_post": steps}))
    yield local
    local.stop()
    assert local.executor.failures == []


def test_the_plans_own_steps_are_shown_escaped_and_accepted_by_slack(hostile_bot):
    room = open_crisis(hostile_bot)["id"]
    message = message_with(hostile_bot, room, ids.TICK_STEP)
    assert len(steps(message)) == 3 and "&lt;!channel&gt;" in json.dumps(message)
    hostile_bot.click("legal", room, message["ts"], ids.TICK_STEP, value=steps(message)[2])
    hostile_bot.command("legal", "timeline", room)
    assert_slack_accepted_everything(hostile_bot)
