"""The debrief's migration on both databases: the crisis's impact start stored and cleared, and upgrading from
0003 and downgrading to it keeping the crises."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import inspect

from alembic import command
from db.migrate import alembic_config, check, upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from tests.db.builders import T0, a_debrief, a_follow_up, a_response
from tests.db.stored import HOUR, PARIS, stored_crisis

# --- crisis impact start -------------------------------------------------------------------------

def test_crisis_impact_started_at_round_trip(uow_factory):
    crisis_id = stored_crisis(uow_factory, impact_started_at=datetime(2026, 11, 25, 8, 0, tzinfo=PARIS))
    with uow_factory() as uow:
        crisis = uow.crises.get(crisis_id)
        assert crisis.impact_started_at == T0 - 2 * HOUR and crisis.impact_started_at.tzinfo is timezone.utc
        crisis.impact_started_at = None
        uow.crises.save(crisis)
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.get(crisis_id).impact_started_at is None


# --- migration ---------------------------------------------------------------------------------

def test_upgrade_from_0003_keeps_crises_and_downgrade_keeps_them_too(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0003")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO crisis (title, severity, kind, opened_by, opened_at, description, link, status, "
                "announced, resolution, term, next_update_due_at) VALUES ('Bags', 'SEV2', 'service', 'U0', "
                "'2026-11-25 09:00:00', '', '', 'open', false, '', 'acme', '2026-11-25 10:00:00')")
        upgrade(engine)
        check(engine)
        uow_factory = SqlUnitOfWorkFactory(engine)
        with uow_factory() as uow:
            crisis = uow.crises.get(1)
            assert (crisis.title, crisis.term, crisis.impact_started_at) == ("Bags", "acme", None)
            assert crisis.next_update_due_at == T0 + HOUR
            crisis.impact_started_at = T0 - HOUR
            uow.crises.save(crisis)
            uow.debriefs.add(a_debrief(1))
            uow.debriefs.put_response(a_response(1))
            uow.follow_ups.add(a_follow_up(1))
            uow.commit()
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0003")
        tables = set(inspect(engine).get_table_names())
        assert "statement" in tables and not tables & {"debrief", "debrief_response", "follow_up"}
        assert "impact_started_at" not in {c["name"] for c in inspect(engine).get_columns("crisis")}
        assert {"ix_crisis_unfinished_setup", "ix_crisis_update_due"} <= {
            i["name"] for i in inspect(engine).get_indexes("crisis")}
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT title, term FROM crisis").all() == [("Bags", "acme")]
        upgrade(engine)
        check(engine)
    finally:
        engine.dispose()


def test_debriefs_there_before_0026_stay_reminded_or_due_as_they_were(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        upgrade(engine)
        uow_factory = SqlUnitOfWorkFactory(engine)
        first, second = stored_crisis(uow_factory), stored_crisis(uow_factory)
        with uow_factory() as uow:
            uow.debriefs.add(a_debrief(first, reminded_at=T0, reminded=["U0LEAD"], remind_attempts=1))
            uow.debriefs.add(a_debrief(second))
            uow.commit()
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0025")
            assert "reminded" not in {c["name"] for c in inspect(connection).get_columns("debrief")}
        upgrade(engine)
        check(engine)
        with uow_factory() as uow:
            reminded, due = uow.debriefs.for_crisis(first), uow.debriefs.for_crisis(second)
            assert (reminded.reminded, reminded.remind_attempts, reminded.reminded_at) == ([], 0, T0)
            assert (due.reminded, due.remind_attempts, due.reminded_at) == ([], 0, None)
            assert uow.debriefs.due(due.remind_at) == [second]
    finally:
        engine.dispose()
