"""Exporting a crisis's debrief report: the one stored when the debrief closed, else the answers so far."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from crisis.debrief import services
from crisis.debrief.report import RenderReport
from crisis.ports import Ports, UnitOfWorkFactory
from crisis.room.model import Crisis


@dataclass(frozen=True)
class ExportedReport:
    crisis: Crisis
    markdown: str
    html: str
    final: bool
    """False while the debrief is still open: the report has the answers so far."""


def export_report(crisis: str, *, uow: UnitOfWorkFactory, ports: Callable[[], Ports],
                  render: RenderReport) -> ExportedReport | None:
    """The report of crisis `crisis` (its number or channel name); None when there is no such crisis.
    `ports` are made only when the report has to be built, i.e. the debrief is still open."""
    with uow() as unit:
        found = unit.crises.get(int(crisis)) if crisis.isdigit() else unit.crises.by_channel_name(crisis.lstrip("#"))
        stored = unit.debriefs.for_crisis(found.id) if found else None
    if found is None:
        return None
    if stored and stored.report_markdown:
        return ExportedReport(found, stored.report_markdown, stored.report_html, final=True)
    markdown, html, _ = render(services.build(found.id, ports=ports()))
    return ExportedReport(found, markdown, html, final=False)
