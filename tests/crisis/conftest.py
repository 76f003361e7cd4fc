"""The ports every use-case test gets: the small plan, the in-memory unit of work, the recording chat, a fixed clock."""
import pytest

from crisis.ports import Ports
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase
from tests.crisis.plans import make_plan


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def chat():
    return FakeChat()


@pytest.fixture
def db():
    return FakeDatabase()


@pytest.fixture
def plan():
    """Test modules override it for plans with more in them."""
    return make_plan()


@pytest.fixture
def publishers():
    return {}


@pytest.fixture
def ports(plan, clock, chat, db, publishers):
    return Ports(plan=plan, uow=db, chat=chat, clock=clock, publishers=publishers)
