"""A crisis opened through its use case, and what its timeline says: for the tests of what happens in a crisis."""
from __future__ import annotations

from crisis.events import EventKind
from crisis.ports import Ports
from crisis.room import services
from crisis.room.model import Crisis, OpenCrisisForm

FORM = OpenCrisisForm(title="Offensive ad video", severity="SEV2", kind="offensive_post")


def open_one(ports: Ports, key: str = "view:V1", form: OpenCrisisForm = FORM, actor: str = "UOPENER") -> Crisis:
    return services.open_crisis(form, actor=actor, request_key=key, ports=ports).crisis


def stored(ports: Ports, crisis: Crisis) -> Crisis:
    with ports.uow() as uow:
        return uow.crises.get(crisis.id)


def kinds(ports: Ports, crisis: Crisis) -> list[EventKind]:
    with ports.uow() as uow:
        return [e.kind for e in uow.timeline.for_crisis(crisis.id)]


def close(ports: Ports, crisis: Crisis, user: str = "ULEAD", key: str = "close") -> Crisis:
    return services.close_crisis(crisis.channel_id, "Apologised; ad withdrawn", user=user, request_key=key,
                                 ports=ports)


def debrief(ports: Ports, crisis: Crisis):
    """The crisis's debrief as stored now."""
    with ports.uow() as uow:
        return uow.debriefs.for_crisis(crisis.id)
