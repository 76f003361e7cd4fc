"""Copying between the monitor's dataclasses (mention, source state, term watch, spike alert, label) and their rows."""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from crisis.monitor.mentions import Mention
from crisis.monitor.model import AlertStatus, MentionLabel, SourceState, SpikeAlert, TermWatch
from db.mapping import assign, column_values, read
from db.monitor.rows import MentionRow, SourceStateRow, SpikeAlertRow, TermWatchRow

MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def mention_values(mention: Mention) -> dict[str, Any]:
    """A mention as the column values of its row (for bulk inserts, which bypass the ORM)."""
    return {name: getattr(mention, name) for name in MENTION_FIELDS}


def mention_from_row(row: MentionRow) -> Mention:
    return read(row, Mention)


def source_state_from_row(row: SourceStateRow) -> SourceState:
    return read(row, SourceState)


def source_state_to_row(state: SourceState, row: SourceStateRow) -> None:
    assign(row, column_values(state))


def term_watch_from_row(row: TermWatchRow) -> TermWatch:
    return read(row, TermWatch, detector=dict(row.detector))


def term_watch_to_row(watch: TermWatch, row: TermWatchRow) -> None:
    assign(row, column_values(watch, skip=frozenset({"detector"})) | {"detector": dict(watch.detector)})


def spike_alert_from_row(row: SpikeAlertRow) -> SpikeAlert:
    return read(row, SpikeAlert, status=AlertStatus(row.status))


def spike_alert_values(alert: SpikeAlert) -> dict[str, Any]:
    """The alert's column values, id left out (a new row gets its own)."""
    return column_values(alert)


def spike_alert_to_row(alert: SpikeAlert, row: SpikeAlertRow) -> None:
    assign(row, column_values(alert))


def mention_label_values(label: MentionLabel) -> dict[str, Any]:
    return column_values(label)
