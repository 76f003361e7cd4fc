"""The replay of a recording into a drill: its row (one per drill crisis, the replay's cursor) and its repository."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column

from crisis.monitor.recordings import DrillReplay
from crisis.room.model import CrisisStatus
from db.base import Base
from db.mapping import assign, column_values, read
from db.repository import RowRepository, insert
from db.room.rows import CrisisRow


class DrillReplayRow(Base):
    """`fed_until` is the cursor: every recorded mention due by then was stored in the transaction that moved it."""

    __tablename__ = "drill_replay"

    crisis_id: Mapped[int] = mapped_column(ForeignKey("crisis.id", ondelete="CASCADE"), primary_key=True,
                                           autoincrement=False)
    recording: Mapped[str]
    started_at: Mapped[datetime]
    fed_until: Mapped[datetime | None]
    fed: Mapped[int]
    finished_at: Mapped[datetime | None]
    error: Mapped[str]


def replay_from_row(row: DrillReplayRow) -> DrillReplay:
    return read(row, DrillReplay)


def replay_to_row(replay: DrillReplay, row: DrillReplayRow) -> None:
    assign(row, column_values(replay) | {"crisis_id": replay.crisis_id})


class SqlDrillReplays(RowRepository[DrillReplay, DrillReplayRow], row=DrillReplayRow, noun="drill replay",
                      read=replay_from_row, write=replay_to_row, key="crisis_id"):
    def add(self, replay: DrillReplay) -> DrillReplay | None:
        """INSERT .. ON CONFLICT DO NOTHING: None when the drill has its replay already."""
        row = DrillReplayRow()
        replay_to_row(replay, row)
        values = {c.name: getattr(row, c.name) for c in DrillReplayRow.__table__.columns}
        statement = (insert(self._session)(DrillReplayRow).values(values)
                     .on_conflict_do_nothing(index_elements=["crisis_id"]).returning(DrillReplayRow.crisis_id))
        made = self._session.execute(statement).scalar_one_or_none()
        return None if made is None else self.get(made)

    def live(self) -> list[int]:
        return list(self._session.scalars(
            select(DrillReplayRow.crisis_id).join(CrisisRow, CrisisRow.id == DrillReplayRow.crisis_id)
            .where(CrisisRow.status == CrisisStatus.OPEN.value).order_by(DrillReplayRow.crisis_id)))
