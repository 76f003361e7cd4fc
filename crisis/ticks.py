"""The crisis room's periodic tick: room set-ups to finish, pages, escalations, what the room failed to show
(cards, acknowledged marks, escalation notices, playbook checklists), update cadence, approval and press
deadlines, publishes to resume or retry, posts to take down, scheduled posts still to unschedule, queued posts
due, debriefs and their reports; prevention's alerts, reminders and reviews; Home tabs that changed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from crisis.debrief import services as debrief_services
from crisis.debrief.report import RenderReport
from crisis.home import services as home_services
from crisis.playbooks import services as playbooks
from crisis.ports import Ports
from crisis.prevention import services as prevention
from crisis.room import services
from crisis.room import updates as room_updates
from crisis.schedules import queue
from crisis.schedules import services as schedules
from crisis.statements import services as statement_services
from crisis.takedowns import services as takedown_services
from crisis.webcare import services as webcare_services


@dataclass
class RoomTickReport:
    pages: services.TickReport
    update_reminders: int
    deadline_notices: int
    press_reminders: int
    publishes: int
    debriefs: int
    requests_forgotten: int
    prevention: prevention.PreventionTickReport | None = None
    checklists: int = 0
    homes: int = 0
    takedowns: int = 0
    replies: int = 0
    removals: int = 0
    queued_published: int = 0


REQUEST_KEYS_KEPT = timedelta(days=1)
"""How long a claimed request key (RequestLog) is kept: Slack retries within minutes, double clicks land
within seconds; older keys only make the table grow."""


def room_tick(*, ports: Ports, render: RenderReport) -> RoomTickReport:
    """Everything timed in crises; each part claims its due rows, so replicas act once. `render`
    turns a debrief report into files (the reports/ adapter)."""
    return RoomTickReport(
        pages=services.tick(ports=ports),
        update_reminders=room_updates.cadence_tick(ports=ports),
        deadline_notices=statement_services.deadline_tick(ports=ports),
        press_reminders=statement_services.press_tick(ports=ports),
        publishes=statement_services.publish_tick(ports=ports),
        debriefs=debrief_services.tick(ports=ports, render=render),
        requests_forgotten=forget_old_requests(ports=ports),
        prevention=prevention.tick(ports=ports),
        checklists=playbooks.tick(ports=ports),
        homes=home_services.refresh_homes(ports=ports),
        takedowns=takedown_services.tick(ports=ports),
        replies=webcare_services.tick(ports=ports),
        removals=schedules.removal_tick(ports=ports),
        queued_published=queue.publish_tick(ports=ports),
    )


def forget_old_requests(*, ports: Ports) -> int:
    with ports.uow() as uow:
        forgotten = uow.requests.prune(ports.clock.now() - REQUEST_KEYS_KEPT)
        uow.commit()
    return forgotten
