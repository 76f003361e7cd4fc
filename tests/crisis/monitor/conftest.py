"""The monitor's plan for every test here that does not bring its own, and the spiked database (computed once per
module). The clock stays with each module: spikes are looked at twenty minutes in, drills at the fakes' start."""
import pytest

from crisis.monitor import services
from crisis.monitor.services import Monitor
from crisis.ports import Ports
from tests.crisis.fakes import FakeChat, FakeClock, FakeDatabase, FakeScorer
from tests.crisis.monitor.spike_plan import NOW, PLAN
from tests.crisis.monitor.stream import stream


@pytest.fixture
def plan():
    return PLAN


@pytest.fixture(scope="module")
def spiked_db():
    """Two calm days and twenty angry minutes of mentions pushed, and the spike detected (once per module)."""
    db = FakeDatabase()
    ports = Ports(plan=PLAN, uow=db, chat=FakeChat(), clock=FakeClock(NOW))
    services.ingest("push", stream(NOW), monitor=Monitor(ports, {}, FakeScorer()))
    return db, services.detect(ports=ports)


@pytest.fixture
def spiked(spiked_db, db):
    """The new alerts' ids; the test's database starts from the spiked one."""
    db.load(spiked_db[0])
    return spiked_db[1]
