"""A correction or retraction is stored as a statement naming the one it amends (migration 0017), read back with
both, and goes when the statement it amends goes."""
from __future__ import annotations

from sqlalchemy import func, select

from crisis.statements.model import Amendment, StatementState
from db.statements.rows import StatementRow
from tests.db.builders import a_crisis, a_statement


def test_an_amendment_round_trips_and_cascades_with_the_statement_it_amends(uow_factory, engine):
    with uow_factory() as uow:
        crisis_id = uow.crises.add(a_crisis()).id
        original = uow.statements.add(a_statement(crisis_id, state=StatementState.PUBLISHED))
        correction = uow.statements.add(a_statement(crisis_id, amends=original.id, amendment=Amendment.CORRECTION))
        uow.commit()
    with uow_factory() as uow:
        kept = uow.statements.get(correction.id)
        mine = uow.statements.get(original.id)
        assert (kept.amends, kept.amendment) == (original.id, Amendment.CORRECTION)
        assert (mine.amends, mine.amendment) == (None, None)
        assert [s.id for s in uow.statements.for_crisis(crisis_id)] == [original.id, correction.id]
    with engine.begin() as connection:
        connection.execute(StatementRow.__table__.delete().where(StatementRow.id == original.id))
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(StatementRow)) == 0
