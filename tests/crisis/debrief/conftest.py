"""The debrief's use-case tests start from a crisis opened through its use case and closed."""
import pytest

from tests.crisis.rooms import close, open_one


@pytest.fixture
def crisis(ports):
    return close(ports, open_one(ports))
