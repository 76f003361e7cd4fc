"""Copying between the Home tab's viewer and its row."""
from __future__ import annotations

from crisis.home.model import HomeViewer
from db.home.rows import HomeViewerRow
from db.mapping import assign, column_values, read


def viewer_from_row(row: HomeViewerRow) -> HomeViewer:
    return read(row, HomeViewer)


def viewer_to_row(viewer: HomeViewer, row: HomeViewerRow) -> None:
    assign(row, column_values(viewer))
