"""The Home tab leaves a drill's spike warnings out: they stay in the drill's room."""
from datetime import timedelta

from crisis.home import services
from crisis.monitor.model import SpikeAlert
from tests.crisis.home.test_home import STRANGER, plan, shown  # noqa: F401 (fixture)


def test_a_drills_warning_is_not_among_everyones_last_warnings(ports, chat, clock):
    with ports.uow() as uow:
        for term, ratio in (("acme", 9.0), ("drill:7", 6.0)):
            uow.alerts.add(SpikeAlert(term, "volume", 1, clock.now() - timedelta(hours=1), clock.now(), 90, 10, 5,
                                      20, ratio, False, False, clock.now()))
        uow.commit()
    services.show_home(STRANGER, ports=ports)
    assert "*acme* at 9.0×" in shown(chat, STRANGER) and "drill:7" not in shown(chat, STRANGER)
