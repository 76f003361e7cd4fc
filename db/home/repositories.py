"""SQL repository of the Home tab's viewers (one row per person); due checks are claimed with FOR UPDATE SKIP
LOCKED on PostgreSQL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from crisis.home.model import HomeViewer
from db.home.mapping import viewer_from_row, viewer_to_row
from db.home.rows import HomeViewerRow
from db.repository import RowRepository, insert


class SqlHomeViewers(RowRepository[HomeViewer, HomeViewerRow], row=HomeViewerRow, noun="home viewer",
                     read=viewer_from_row, write=viewer_to_row, key="user"):
    def put(self, viewer: HomeViewer) -> None:
        row = HomeViewerRow()
        viewer_to_row(viewer, row)
        values = {c.name: getattr(row, c.name) for c in HomeViewerRow.__table__.columns}
        self._session.execute(insert(self._session)(HomeViewerRow).values(values).on_conflict_do_update(
            index_elements=["user"], set_={k: v for k, v in values.items() if k != "user"}))

    def due(self, now: datetime, opened_since: datetime, limit: int) -> list[str]:
        r = HomeViewerRow
        return self._due(select(r.user).where(r.check_at <= now, r.opened_at >= opened_since)
                         .order_by(r.check_at, r.user).limit(limit))

    def forget(self, opened_before: datetime) -> int:
        result = self._session.execute(delete(HomeViewerRow).where(HomeViewerRow.opened_at < opened_before)
                                       .execution_options(preserve_rowcount=True))
        return result.rowcount
