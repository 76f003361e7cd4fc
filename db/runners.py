"""The replicas' heartbeats (crisis.ports.Runners): one row per running process, its last beat. Work held under a
lease names its runner, so a replica that stopped beating has its work taken over before the lease ends."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import Base
from db.repository import insert_for


class RunnerRow(Base):
    __tablename__ = "runner"

    name: Mapped[str] = mapped_column(primary_key=True)
    beat_at: Mapped[datetime]


def silent_runners(since: datetime) -> Select:
    """The names of the runners not heard from since `since` (a runner never heard of is not among them)."""
    return select(RunnerRow.name).where(RunnerRow.beat_at < since)


def taken_over(holder: ColumnElement, since: datetime) -> ColumnElement[bool]:
    """The row's holder (a runner's name column) has been silent since `since`."""
    return holder.in_(silent_runners(since))


class SqlRunners:
    def __init__(self, session: Session) -> None:
        self._session = session

    def beat(self, runner: str, now: datetime) -> None:
        insert = insert_for(self._session.get_bind().dialect.name)(RunnerRow.__table__)
        self._session.execute(insert.values(name=runner, beat_at=now).on_conflict_do_update(
            index_elements=["name"], set_={"beat_at": now}))

    def silent(self, runner: str | None, since: datetime) -> bool:
        if runner is None:
            return False
        return self._session.scalar(silent_runners(since).where(RunnerRow.name == runner)) is not None

    def forget(self, before: datetime) -> int:
        result = self._session.execute(delete(RunnerRow).where(RunnerRow.beat_at < before)
                                       .execution_options(preserve_rowcount=True))
        return result.rowcount
