"""The statement repositories: statements with append-only versions and approvals, a publish claim that only
one of two racing units of work wins, paused posts stored once, press inquiries, and what is due when."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError

from crisis.room.model import CrisisStatus
from crisis.statements.model import Decision, StatementState
from db.migrate import alembic_config, check, upgrade
from db.session import make_engine
from db.statements.rows import ApprovalRow, PausedPostRow, StatementVersionRow
from db.uow import SqlUnitOfWorkFactory
from tests.db.builders import T0, a_paused_post, a_statement, a_version, an_approval, an_inquiry
from tests.db.races import HOLD, race
from tests.db.stored import HOUR, MINUTE, PARIS, count_rows, datetimes_of, stored_crisis


def _statement(uow_factory, crisis_id: int, **changes) -> int:
    with uow_factory() as uow:
        statement_id = uow.statements.add(a_statement(crisis_id, **changes)).id
        uow.commit()
    return statement_id


# --- statements --------------------------------------------------------------------------------

def test_statement_round_trip_with_versions_and_approvals_in_order(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    statement = a_statement(
        crisis_id, created_at=datetime(2026, 11, 25, 10, 10, tzinfo=PARIS),
        versions=[a_version(1, text="ünïcode \u2014 \U0001f92c " + "x" * 5000), a_version(2, author="U0LEAD"),
                  a_version(3, created_at=datetime(2026, 11, 25, 10, 40, tzinfo=PARIS))],
        # Stored order is the list's order, not the order of `at`.
        approvals=[an_approval(1, decision=Decision.REQUEST_CHANGES, note="too vague"),
                   an_approval(3, "U0LEAD", role="lead", at=T0 + HOUR),
                   an_approval(3, at=datetime(2026, 11, 25, 10, 50, tzinfo=PARIS))],
        state=StatementState.APPROVED, template="apology", deadline=T0 + 2 * HOUR,
        deadline_reminded_at=T0 + 90 * MINUTE, deadline_passed_told=True, channel_id="C0ROOM", message_ts="1700.5",
        publishing_since=T0 + HOUR, published_at=T0 + 61 * MINUTE, published_ref="https://x.example/s/1",
        publish_attempts=2, publish_error="rate limited")
    with uow_factory() as uow:
        added = uow.statements.add(statement)
        uow.commit()
    assert added.id is not None and statement.id is None
    assert added == replace(statement, id=added.id)
    with uow_factory() as uow:
        stored = uow.statements.get(added.id)
        assert uow.statements.lock(added.id) == stored
    assert stored == replace(statement, id=added.id)
    assert [v.number for v in stored.versions] == [1, 2, 3]
    assert [(a.version, a.user, a.decision) for a in stored.approvals] == [
        (1, "U0LEGAL", Decision.REQUEST_CHANGES), (3, "U0LEAD", Decision.APPROVE), (3, "U0LEGAL", Decision.APPROVE)]
    assert stored.state is StatementState.APPROVED and stored.approvals[0].decision is Decision.REQUEST_CHANGES
    assert stored.current.number == 3
    values = datetimes_of(stored) + [v.created_at for v in stored.versions] + [a.at for a in stored.approvals]
    assert len(values) == 11 and all(value.tzinfo is timezone.utc for value in values)
    assert stored.created_at == T0 + 10 * MINUTE and stored.versions[2].created_at == T0 + 40 * MINUTE


def test_defaults_round_trip(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        added = uow.statements.add(a_statement(crisis_id, versions=[]))
        uow.commit()
    with uow_factory() as uow:
        stored = uow.statements.get(added.id)
    assert stored == added == replace(a_statement(crisis_id, versions=[]), id=added.id)
    assert stored.state is StatementState.PENDING and stored.template is None and stored.deadline is None


def test_save_writes_fields_and_appends_versions_and_approvals(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id, approvals=[an_approval(1, decision=Decision.REQUEST_CHANGES)],
                              deadline=T0 + HOUR)
    with uow_factory() as uow:
        statement = uow.statements.lock(statement_id)
        statement.versions.append(a_version(2, text="We are very sorry."))
        statement.approvals += [an_approval(2, "U0LEAD", role="lead"), an_approval(2)]
        statement.state, statement.channel_id, statement.message_ts = StatementState.APPROVED, "C0ROOM", "1700.9"
        statement.deadline, statement.deadline_reminded_at = None, T0 + 30 * MINUTE
        uow.statements.save(statement)
        uow.commit()
    with uow_factory() as uow:
        stored = uow.statements.get(statement_id)
        assert stored == statement
        assert [v.text for v in stored.versions] == ["We are sorry about the bags (v1).", "We are very sorry."]
        assert [(a.version, a.user) for a in stored.approvals] == [(1, "U0LEGAL"), (2, "U0LEAD"), (2, "U0LEGAL")]
        # Saving again, or from a copy that lacks stored rows, adds nothing and removes nothing.
        uow.statements.save(stored)
        uow.statements.save(replace(stored, versions=stored.versions[1:], approvals=[], publish_attempts=1))
        uow.commit()
    with uow_factory() as uow:
        assert uow.statements.get(statement_id) == replace(statement, publish_attempts=1)
    assert count_rows(engine, StatementVersionRow) == 2
    assert count_rows(engine, ApprovalRow) == 3


def test_stored_versions_and_approvals_are_never_rewritten(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id, approvals=[an_approval(1, note="fine")])
    with uow_factory() as uow:
        statement = uow.statements.lock(statement_id)
        original = replace(statement, versions=list(statement.versions), approvals=list(statement.approvals))
        statement.versions[0] = a_version(1, text="rewritten history")
        statement.approvals[0] = an_approval(1, note="changed my mind", at=T0 + 9 * HOUR)
        uow.statements.save(statement)
        uow.commit()
    with uow_factory() as uow:
        assert uow.statements.get(statement_id) == original


def test_the_same_approval_twice_in_the_list_is_stored_once(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id)
    with uow_factory() as uow:
        statement = uow.statements.lock(statement_id)
        statement.approvals += [an_approval(1), an_approval(1, at=T0 + HOUR), an_approval(1, decision=Decision.REJECT)]
        uow.statements.save(statement)
        uow.commit()
    with uow_factory() as uow:
        assert uow.statements.get(statement_id).approvals == [an_approval(1), an_approval(1, decision=Decision.REJECT)]


def test_the_database_refuses_a_second_identical_approval(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id, approvals=[an_approval(1)])
    row = dict(statement_id=statement_id, version=1, role="lead", user="U0LEGAL", decision="approve",
               at=T0 + HOUR, note="")
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(ApprovalRow).values(row))
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(StatementVersionRow).values(
            statement_id=statement_id, number=1, text="again", author="U0", created_at=T0))


def test_unknown_statement_is_none_and_cannot_be_saved(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        assert uow.statements.get(404) is None
        assert uow.statements.lock(404) is None
        with pytest.raises(LookupError):
            uow.statements.save(a_statement(crisis_id, id=404))
        with pytest.raises(LookupError):
            uow.statements.save(a_statement(crisis_id))


def test_statements_for_crisis_oldest_first(uow_factory):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        late = uow.statements.add(a_statement(crisis_id, created_at=T0 + HOUR, target="press"))
        early = uow.statements.add(a_statement(crisis_id, approvals=[an_approval(1)]))
        uow.statements.add(a_statement(other_id))
        uow.commit()
    with uow_factory() as uow:
        assert uow.statements.for_crisis(crisis_id) == [early, late]
        assert uow.statements.for_crisis(404) == []


def test_deleting_a_crisis_deletes_its_statements_and_unlinks_inquiries(uow_factory, engine):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id, approvals=[an_approval(1)])
    with uow_factory() as uow:
        uow.paused_posts.add(a_paused_post(crisis_id))
        inquiry_id = uow.inquiries.add(an_inquiry(other_id, statement_id=statement_id)).id
        uow.commit()
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM crisis WHERE id = {crisis_id}")
    with uow_factory() as uow:
        assert uow.statements.get(statement_id) is None
        assert uow.paused_posts.for_crisis(crisis_id) == []
        assert uow.inquiries.get(inquiry_id).statement_id is None
    assert count_rows(engine, StatementVersionRow) == count_rows(engine, ApprovalRow) == 0


def test_deadlines_due(uow_factory):
    now, before = T0 + 2 * HOUR, 30 * MINUTE
    crisis_id = stored_crisis(uow_factory)
    cases = {
        "soon": dict(deadline=now + 20 * MINUTE),
        "at the edge of the window": dict(deadline=now + before),
        "changes requested, soon": dict(deadline=now + 10 * MINUTE, state=StatementState.CHANGES_REQUESTED),
        "reminded, passed, not told": dict(deadline=now - MINUTE, deadline_reminded_at=now - HOUR),
        "passed, never reminded": dict(deadline=now - 5 * MINUTE, deadline_passed_told=True),
        "passed right now": dict(deadline=now, deadline_reminded_at=now - HOUR),
        # not due:
        "later": dict(deadline=now + before + MINUTE),
        "reminded, not passed": dict(deadline=now + 10 * MINUTE, deadline_reminded_at=now - MINUTE),
        "reminded and told": dict(deadline=now - HOUR, deadline_reminded_at=now - 2 * HOUR,
                                  deadline_passed_told=True),
        "no deadline": dict(deadline=None),
        "approved": dict(deadline=now - HOUR, state=StatementState.APPROVED),
        "published": dict(deadline=now - HOUR, state=StatementState.PUBLISHED),
        "rejected": dict(deadline=now + MINUTE, state=StatementState.REJECTED),
    }
    with uow_factory() as uow:
        ids = {name: uow.statements.add(a_statement(crisis_id, **values)).id for name, values in cases.items()}
        uow.commit()
    with uow_factory() as uow:
        due = uow.statements.deadlines_due(datetime(2026, 11, 25, 12, 0, tzinfo=PARIS), before)
    assert due == [ids[name] for name in ("passed, never reminded", "reminded, passed, not told", "passed right now",
                                          "changes requested, soon", "soon", "at the edge of the window")]


def test_cards_and_notices_due(uow_factory):
    now = T0 + HOUR
    crisis_id = stored_crisis(uow_factory)
    cases = {"card due": dict(card_due_at=now - MINUTE, card_changes=2, card_attempts=1),
             "notice due": dict(notice="statement.published", notice_due_at=now, notice_attempts=1),
             "card later": dict(card_due_at=now + MINUTE), "notice later": dict(notice_due_at=now + MINUTE),
             "nothing": {}}
    ids = {name: _statement(uow_factory, crisis_id, **values) for name, values in cases.items()}
    with uow_factory() as uow:
        due = uow.statements.deliveries_due(now.astimezone(PARIS))
        stored = uow.statements.get(ids["card due"]), uow.statements.get(ids["notice due"])
    assert due == [ids["card due"], ids["notice due"]]
    assert (stored[0].card_due_at, stored[0].card_changes, stored[0].card_attempts) == (now - MINUTE, 2, 1)
    assert (stored[1].notice, stored[1].notice_due_at, stored[1].notice_attempts) == ("statement.published", now, 1)


@pytest.mark.parametrize("threads", [2, 6])
def test_one_unit_of_work_claims_publishing(uow_factory, threads):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id, state=StatementState.APPROVED,
                              approvals=[an_approval(1), an_approval(1, "U0LEAD", role="lead")])
    claimants = iter(range(threads))

    def claim() -> bool:
        """What publishing does first: read, lock the statement, check nobody claimed it, claim, commit."""
        me = next(claimants)
        with uow_factory() as uow:
            uow.statements.get(statement_id)  # read before the lock: the lock must not see this stale copy
            statement = uow.statements.lock(statement_id)
            if statement.publishing_since is not None or statement.state != StatementState.APPROVED:
                return False
            statement.publishing_since = T0 + me * MINUTE
            statement.publish_attempts += 1
            uow.statements.save(statement)
            time.sleep(HOLD)
            uow.commit()
            return True

    assert sorted(race(claim, threads)) == [False] * (threads - 1) + [True]
    with uow_factory() as uow:
        stored = uow.statements.get(statement_id)
    assert stored.publishing_since is not None and stored.publish_attempts == 1


def test_a_double_click_stores_one_approval_even_without_the_lock(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id)

    def approve() -> bool:
        with uow_factory() as uow:
            statement = uow.statements.get(statement_id)
            statement.approvals.append(an_approval(1))
            try:
                uow.statements.save(statement)
                time.sleep(HOLD)
                uow.commit()
            except IntegrityError:  # PostgreSQL: the other transaction's row came in between
                return False
            return True

    assert True in race(approve, 4)
    assert count_rows(engine, ApprovalRow) == 1


# --- paused posts ------------------------------------------------------------------------------

def test_paused_post_round_trip_save_and_lock(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    post = a_paused_post(crisis_id, post_at=datetime(2026, 11, 25, 13, 0, tzinfo=PARIS),
                         text="ünïcode \U0001f92c " + "y" * 4000)
    with uow_factory() as uow:
        added = uow.paused_posts.add(post)
        uow.commit()
    assert added == replace(post, id=added.id) and post.id is None
    with uow_factory() as uow:
        stored = uow.paused_posts.lock(added.id)
        assert stored == added and stored.post_at == T0 + 3 * HOUR
        assert all(value.tzinfo is timezone.utc for value in datetimes_of(stored))
        stored.deleted, stored.outcome, stored.resumed_at = True, "resumed", T0 + 5 * HOUR
        stored.new_post_at, stored.decided_by = T0 + 6 * HOUR, "U0LEAD"
        uow.paused_posts.save(stored)
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.get(added.id) == stored
        assert uow.paused_posts.get(404) is None and uow.paused_posts.lock(404) is None
        with pytest.raises(LookupError):
            uow.paused_posts.save(a_paused_post(crisis_id, id=404))
        with pytest.raises(LookupError):
            uow.paused_posts.save(a_paused_post(crisis_id))


def test_pausing_a_post_again_returns_the_one_stored(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        first = uow.paused_posts.add(a_paused_post(crisis_id))
        uow.commit()
    with uow_factory() as uow:
        first.deleted = True
        uow.paused_posts.save(first)
        again = uow.paused_posts.add(a_paused_post(crisis_id, text="edited", paused_at=T0 + HOUR))
        assert again == first
        other_channel = uow.paused_posts.add(a_paused_post(crisis_id, channel_id="C0OTHER"))
        other_message = uow.paused_posts.add(a_paused_post(crisis_id, scheduled_id="Q0SCHED2",
                                                           post_at=T0 + HOUR))
        assert len({first.id, other_channel.id, other_message.id}) == 3
        uow.commit()
    with uow_factory() as uow:
        assert uow.paused_posts.for_crisis(crisis_id) == [other_message, first, other_channel]
        assert uow.paused_posts.for_crisis(404) == []
    assert count_rows(engine, PausedPostRow) == 3


def test_replicas_pausing_one_post_at_once_store_it_once(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)

    def pause() -> bool:
        with uow_factory() as uow:
            post = uow.paused_posts.add(a_paused_post(crisis_id))
            time.sleep(HOLD)
            uow.commit()
            return post.id

    assert len(set(race(pause, 4))) == 1
    assert count_rows(engine, PausedPostRow) == 1


# --- press inquiries ---------------------------------------------------------------------------

def test_press_inquiry_round_trip_and_save(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    statement_id = _statement(uow_factory, crisis_id)
    inquiry = an_inquiry(crisis_id, deadline=datetime(2026, 11, 25, 14, 0, tzinfo=PARIS))
    with uow_factory() as uow:
        added = uow.inquiries.add(inquiry)
        second = uow.inquiries.add(an_inquiry(crisis_id, logged_at=T0, outlet="Gazette"))
        uow.commit()
    assert added == replace(inquiry, id=added.id) and inquiry.id is None
    with uow_factory() as uow:
        stored = uow.inquiries.lock(added.id)
        assert stored == added and stored.deadline == T0 + 4 * HOUR
        assert all(value.tzinfo is timezone.utc for value in datetimes_of(stored))
        stored.assignee, stored.reminded_at, stored.answered_at = "U0COMMS", T0 + 3 * HOUR, T0 + 210 * MINUTE
        stored.statement_id, stored.channel_ts = statement_id, "1700.7"
        uow.inquiries.save(stored)
        uow.commit()
    with uow_factory() as uow:
        assert uow.inquiries.get(added.id) == stored
        assert uow.inquiries.for_crisis(crisis_id) == [second, stored]
        assert uow.inquiries.get(404) is None and uow.inquiries.lock(404) is None
        with pytest.raises(LookupError):
            uow.inquiries.save(an_inquiry(crisis_id, id=404))
        with pytest.raises(LookupError):
            uow.inquiries.save(an_inquiry(crisis_id))


def test_press_reminders_due(uow_factory):
    now, before = T0 + 2 * HOUR, 30 * MINUTE
    crisis_id = stored_crisis(uow_factory)
    cases = {
        "soon": dict(deadline=now + 20 * MINUTE),
        "at the edge": dict(deadline=now + before),
        "passed": dict(deadline=now - HOUR),
        "later": dict(deadline=now + before + MINUTE),
        "reminded": dict(deadline=now + MINUTE, reminded_at=now - MINUTE),
        "answered": dict(deadline=now + MINUTE, answered_at=now - MINUTE),
    }
    with uow_factory() as uow:
        ids = {name: uow.inquiries.add(an_inquiry(crisis_id, **values)).id for name, values in cases.items()}
        uow.commit()
    with uow_factory() as uow:
        assert uow.inquiries.reminders_due(now, before) == [ids["passed"], ids["soon"], ids["at the edge"]]


# --- crisis updates ----------------------------------------------------------------------------

def test_crisis_next_update_round_trip_and_updates_due(uow_factory):
    now = T0 + 2 * HOUR
    due_late = stored_crisis(uow_factory, next_update_due_at=datetime(2026, 11, 25, 11, 30, tzinfo=PARIS))
    due_early = stored_crisis(uow_factory, next_update_due_at=now - HOUR)
    due_now = stored_crisis(uow_factory, next_update_due_at=now)
    stored_crisis(uow_factory, next_update_due_at=now + MINUTE)
    stored_crisis(uow_factory)
    stored_crisis(uow_factory, next_update_due_at=now - HOUR, status=CrisisStatus.CLOSED, closed_at=now - HOUR)
    with uow_factory() as uow:
        crisis = uow.crises.get(due_late)
        assert crisis.next_update_due_at == T0 + 90 * MINUTE and crisis.next_update_due_at.tzinfo is timezone.utc
        assert uow.crises.updates_due(now) == [due_early, due_late, due_now]
        crisis.next_update_due_at = None
        uow.crises.save(crisis)
        uow.commit()
    with uow_factory() as uow:
        assert uow.crises.updates_due(now) == [due_early, due_now]


# --- migration ---------------------------------------------------------------------------------

def test_upgrade_from_0002_keeps_crises_and_downgrade_keeps_them_too(scratch_database_url):
    engine = make_engine(scratch_database_url)
    try:
        with engine.connect() as connection:
            command.upgrade(alembic_config(connection), "0002")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO crisis (title, severity, kind, opened_by, opened_at, description, link, status, "
                "announced, resolution, term) VALUES ('Bags', 'SEV2', 'service', 'U0', '2026-11-25 09:00:00', '', "
                "'', 'open', false, '', 'acme')")
        upgrade(engine)
        check(engine)
        uow_factory = SqlUnitOfWorkFactory(engine)
        with uow_factory() as uow:
            crisis = uow.crises.get(1)
            assert (crisis.title, crisis.term, crisis.next_update_due_at) == ("Bags", "acme", None)
            crisis.next_update_due_at = T0
            uow.crises.save(crisis)
            uow.statements.add(a_statement(1, approvals=[an_approval(1)]))
            uow.commit()
        with uow_factory() as uow:
            assert uow.crises.updates_due(T0) == [1]
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0002")
        tables = set(inspect(engine).get_table_names())
        assert "crisis" in tables and not tables & {"statement", "statement_version", "approval", "paused_post",
                                                     "press_inquiry"}
        assert "next_update_due_at" not in {c["name"] for c in inspect(engine).get_columns("crisis")}
        assert "ix_crisis_unfinished_setup" in {i["name"] for i in inspect(engine).get_indexes("crisis")}
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT title, term FROM crisis").all() == [("Bags", "acme")]
    finally:
        engine.dispose()
