"""Offboarding's per-departure migration (0027) on both databases: a departure stored before it is its person's
first; after it the same person's second departure is kept, and a downgrade keeps each person's first."""
from __future__ import annotations

from sqlalchemy import inspect

from alembic import command
from crisis.prevention.model import Offboarding, Shown
from db.migrate import alembic_config, check, upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from tests.db.builders import T0


def test_a_departure_from_before_is_the_first_and_a_second_one_is_kept(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0026")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                'INSERT INTO offboarding ("user", email, left_at, accounts, labels, revoked, card_attempts, '
                "card_changes, card_shown, reminders) VALUES ('U9', NULL, '2026-11-25 09:00:00', '[\"x:@acme\"]', "
                "'{}', '{}', 0, 1, 1, 0)")
        upgrade(engine)
        check(engine)
        uow_factory = SqlUnitOfWorkFactory(engine)
        with uow_factory() as uow:
            (before,) = uow.offboardings.of_user("U9")
            assert (before.departure, before.accounts) == (1, ["x:@acme"])
            again = Offboarding("U9", None, T0, ["tiktok:acme.tt"], {}, card=Shown(due_at=T0), departure=2)
            assert uow.offboardings.add(again) is not None
            assert uow.offboardings.add(again) is None
            uow.commit()
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0026")
        assert "departure" not in {c["name"] for c in inspect(engine).get_columns("offboarding")}
        with engine.connect() as connection:
            assert connection.exec_driver_sql('SELECT "user", reminders FROM offboarding').all() == [
                ("U9", 0)]
        upgrade(engine)
        check(engine)
    finally:
        engine.dispose()
