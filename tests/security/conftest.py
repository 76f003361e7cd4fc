"""A whole local crisisbot (sandbox Slack, the HTTP app, a webhook source) on each database backend."""
import pytest

from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.security.permission_steps import start_crew, stop_crew

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


@pytest.fixture
def crew(uow_factory):
    """The sandbox team with a plan admin and an outsider (tests/security/permission_steps.py)."""
    local = start_crew(uow_factory)
    yield local
    stop_crew(local)
