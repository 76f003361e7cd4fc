"""What the statement and debrief repository tests share: times written in Paris and steps of time, a crisis
stored to hang rows on, counting rows, and the datetimes an object holds."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from tests.db.builders import a_crisis

PARIS = timezone(timedelta(hours=1))
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def datetimes_of(obj) -> list[datetime]:
    return [v for v in vars(obj).values() if isinstance(v, datetime)]


def stored_crisis(uow_factory, **changes) -> int:
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis(**changes)).id
        uow.commit()
    return crisis_id


def count_rows(engine, model, **where) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).filter_by(**where))
