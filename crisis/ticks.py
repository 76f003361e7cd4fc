"""The crisis room's periodic tick: pages, escalations, update cadence, approval and press deadlines."""
from __future__ import annotations

from dataclasses import dataclass

from crisis import room_updates, services, statement_services
from crisis.ports import Ports


@dataclass
class RoomTickReport:
    pages: services.TickReport
    update_reminders: int
    deadline_notices: int
    press_reminders: int


def room_tick(*, ports: Ports) -> RoomTickReport:
    """Everything timed in open crises; each part claims its due rows, so replicas act once."""
    return RoomTickReport(
        pages=services.tick(ports=ports),
        update_reminders=room_updates.cadence_tick(ports=ports),
        deadline_notices=statement_services.deadline_tick(ports=ports),
        press_reminders=statement_services.press_tick(ports=ports),
    )
