"""End to end: `/crisis triage` answers with the monitor's figures, and the open modal shows the same advice."""
import json

import pytest

from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import last_view, replies_to


@pytest.fixture
def bot(uow_factory, sleeps):
    local = start_local_bot(uow_factory, clock=SettableClock(), sleep=sleeps.append,
                            plan=lambda users: team_plan(users, monitor={"terms": ["acme"]}))
    yield local
    local.stop()
    assert local.executor.failures == []


def test_triage_answers_and_the_open_modal_shows_the_advice(bot):
    bot.command("opener", "triage", "general")
    assert any("does not look like a crisis" in r and "you decide" in r for r in replies_to(bot, "opener"))
    bot.command("opener", "triage globex", "general")
    assert any("globex" in r for r in replies_to(bot, "opener")[-1:])
    bot.command("opener", "open Bad video", "general")
    view = last_view(bot)
    assert view["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "Is this a crisis?"},
                                 "block_id": "advice_0"}
    assert "does not look like a crisis" in json.dumps(view)
