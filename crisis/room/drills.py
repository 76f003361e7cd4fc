"""Drills: `/crisis drill [type]` opens a practice crisis straight away, marked DRILL in its channel name and title."""
from __future__ import annotations

from crisis.errors import BadInput
from crisis.i18n import msg, render
from crisis.plan import CrisisPlan
from crisis.ports import Ports
from crisis.room.model import OpenCrisisForm
from crisis.room.services import Opened, open_crisis
from crisis.room.views import kind_label


def drill_form(kind: str, plan: CrisisPlan) -> OpenCrisisForm:
    """The practice crisis for a type (the plan's first when none is given) at the plan's most severe level, so the
    whole process is rehearsed; its title says DRILL in the team's language."""
    kind = kind.strip().lower() or (plan.crisis_types[0] if plan.crisis_types else "")
    if kind not in plan.crisis_types:
        raise BadInput("error.bad_drill_kind", kind=kind, choices=", ".join(plan.crisis_types))
    title = render(msg("drill.title", kind=kind_label(kind)), locale=plan.language)
    return OpenCrisisForm(title=title, severity=plan.severities[0].key, kind=kind,
                          description=render(msg("drill.description"), locale=plan.language))


def start_drill(kind: str, *, actor: str, request_key: str, ports: Ports) -> Opened | None:
    """Anyone who may open a crisis may start a drill (docs/security.md); pages go only to the plan's people."""
    return open_crisis(drill_form(kind, ports.plan), actor=actor, request_key=request_key, ports=ports, drill=True)
