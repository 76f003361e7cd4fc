"""End-to-end fixtures: a LocalBot (sandbox Slack + Bolt over HTTP) on each database backend."""
import pytest

from sandbox.local_bot import SettableClock, start_local_bot


@pytest.fixture
def sleeps():
    """What the Slack client's retry handler would have slept (it sleeps nothing in tests)."""
    return []


@pytest.fixture
def bot(uow_factory, sleeps):
    local = start_local_bot(uow_factory, clock=SettableClock(), sleep=sleeps.append)
    yield local
    local.stop()
    assert local.executor.failures == []
