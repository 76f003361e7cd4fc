"""UtcDateTime: aware UTC in, aware UTC out, whatever the dialect or the session's time zone."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from db.types import UtcDateTime

KOLKATA = timezone(timedelta(hours=5, minutes=30))
UTC_NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def test_stores_utc_naive_on_sqlite_and_aware_on_postgresql():
    given = UTC_NOON.astimezone(KOLKATA)
    assert UtcDateTime().process_bind_param(given, sqlite.dialect()) == datetime(2026, 11, 25, 12, 0)
    stored = UtcDateTime().process_bind_param(given, postgresql.dialect())
    assert stored == UTC_NOON and stored.tzinfo is timezone.utc


def test_refuses_naive_datetimes():
    with pytest.raises(ValueError, match="naive"):
        UtcDateTime().process_bind_param(datetime(2026, 11, 25, 12, 0), sqlite.dialect())


@pytest.mark.parametrize("read", [datetime(2026, 11, 25, 12, 0), UTC_NOON.astimezone(KOLKATA)])
def test_returns_aware_utc(read):
    value = UtcDateTime().process_result_value(read, postgresql.dialect())
    assert value == UTC_NOON and value.tzinfo is timezone.utc
