"""A whole local crisisbot (sandbox Slack, the HTTP app, a webhook source) on each database backend."""
import pytest

from sandbox.local_bot import SettableClock, start_local_bot, team_plan

TOKEN = "push-secret"
MONITOR = {"terms": ["acme"], "retention_days": 30,
           "sources": [{"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}]}


@pytest.fixture
def bot(uow_factory):
    local = start_local_bot(uow_factory, clock=SettableClock(), plan=lambda users: team_plan(users, monitor=MONITOR),
                            tokens={"PUSH_TOKEN": TOKEN})
    yield local
    local.stop()
    assert local.executor.failures == []
