"""The crisis room's periodic tick: pages, escalations, update cadence, approval and press deadlines, debriefs."""
from __future__ import annotations

from dataclasses import dataclass

from crisis.debrief import services as debrief_services
from crisis.room import updates as room_updates
from crisis.room import services
from crisis.statements import services as statement_services
from crisis.debrief.ports import RenderReport
from crisis.ports import Ports


@dataclass
class RoomTickReport:
    pages: services.TickReport
    update_reminders: int
    deadline_notices: int
    press_reminders: int
    debriefs: int


def room_tick(*, ports: Ports, render: RenderReport) -> RoomTickReport:
    """Everything timed in crises; each part claims its due rows, so replicas act once. `render`
    turns a debrief report into files (the reports/ adapter)."""
    return RoomTickReport(
        pages=services.tick(ports=ports),
        update_reminders=room_updates.cadence_tick(ports=ports),
        deadline_notices=statement_services.deadline_tick(ports=ports),
        press_reminders=statement_services.press_tick(ports=ports),
        debriefs=debrief_services.tick(ports=ports, render=render),
    )
