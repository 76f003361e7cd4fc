"""The follow-up repository: follow-ups stored and saved, replaced per person with done ones and other people's
kept (also when one person's edits race), the open ones soonest due first, and reminders due."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from db.debrief.rows import FollowUpRow
from tests.db.builders import T0, a_follow_up
from tests.db.races import HOLD, race
from tests.db.stored import DAY, HOUR, MINUTE, PARIS, count_rows, datetimes_of, stored_crisis

# --- follow-ups --------------------------------------------------------------------------------

def test_follow_up_round_trip_and_save(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    follow_up = a_follow_up(crisis_id, text="Ünïcode 🧳 " + "w" * 3000,
                            due=datetime(2026, 12, 9, 10, 0, tzinfo=PARIS))
    with uow_factory() as uow:
        added = uow.follow_ups.add(follow_up)
        no_owner = uow.follow_ups.add(a_follow_up(crisis_id, owner=None, due=None, created_at=T0))
        uow.commit()
    assert added == replace(follow_up, id=added.id) and follow_up.id is None
    with uow_factory() as uow:
        stored = uow.follow_ups.get(added.id)
        assert stored == added and stored.due == T0 + 14 * DAY
        assert all(value.tzinfo is timezone.utc for value in datetimes_of(stored))
        stored.done_at, stored.reminded_at, stored.owner = T0 + 10 * DAY, T0 + 9 * DAY, "U0LEGAL"
        uow.follow_ups.save(stored)
        uow.commit()
    with uow_factory() as uow:
        assert uow.follow_ups.get(added.id) == stored
        assert uow.follow_ups.for_crisis(crisis_id) == [no_owner, stored]
        assert uow.follow_ups.for_crisis(404) == []
        assert uow.follow_ups.get(404) is None
        with pytest.raises(LookupError):
            uow.follow_ups.save(a_follow_up(crisis_id, id=404))
        with pytest.raises(LookupError):
            uow.follow_ups.save(a_follow_up(crisis_id))


def test_replace_for_keeps_done_follow_ups_and_other_peoples(uow_factory):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        done = uow.follow_ups.add(a_follow_up(crisis_id, "Done already", done_at=T0 + 3 * DAY))
        replaced = uow.follow_ups.add(a_follow_up(crisis_id, "Old wording"))
        theirs = uow.follow_ups.add(a_follow_up(crisis_id, "Someone else's", created_by="U0COMMS"))
        elsewhere = uow.follow_ups.add(a_follow_up(other_id, "Other crisis"))
        uow.commit()
    new = [a_follow_up(crisis_id, "New wording", created_at=T0 + 3 * DAY),
           a_follow_up(crisis_id, "Another one", owner=None, due=None, created_at=T0 + 3 * DAY)]
    with uow_factory() as uow:
        stored = uow.follow_ups.replace_for(crisis_id, "U0LEAD", new)
        uow.commit()
    assert [f.text for f in stored] == ["New wording", "Another one"]
    assert all(f.id not in (None, replaced.id) for f in stored) and stored[0].id < stored[1].id
    assert stored == [replace(f, id=s.id) for f, s in zip(new, stored)]
    with uow_factory() as uow:
        assert uow.follow_ups.get(replaced.id) is None
        assert uow.follow_ups.for_crisis(crisis_id) == [done, theirs, *stored]
        assert uow.follow_ups.for_crisis(other_id) == [elsewhere]
        # Replacing with nothing removes the person's open ones only.
        assert uow.follow_ups.replace_for(crisis_id, "U0LEAD", []) == []
        uow.commit()
    with uow_factory() as uow:
        assert uow.follow_ups.for_crisis(crisis_id) == [done, theirs]


def test_replace_for_updates_the_open_ones_it_names_in_place_and_leaves_out_other_ids(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        done = uow.follow_ups.add(a_follow_up(crisis_id, "Done already", done_at=T0 + 3 * DAY))
        edited = uow.follow_ups.add(a_follow_up(crisis_id, "Old wording", reminded_at=T0 + DAY, remind_attempts=1))
        dropped = uow.follow_ups.add(a_follow_up(crisis_id, "Dropped"))
        theirs = uow.follow_ups.add(a_follow_up(crisis_id, "Someone else's", created_by="U0COMMS"))
        uow.commit()
    given = [replace(edited, text="New wording", owner="U0COMMS"), a_follow_up(crisis_id, "Brand new"),
             replace(done, text="Done, edited", done_at=None), replace(theirs, created_by="U0LEAD"),
             replace(edited, id=404)]
    with uow_factory() as uow:
        stored = uow.follow_ups.replace_for(crisis_id, "U0LEAD", given)
        uow.commit()
    assert stored[0] == given[0] and stored[1].id not in (None, edited.id, dropped.id) and len(stored) == 2
    with uow_factory() as uow:
        assert uow.follow_ups.get(edited.id) == given[0] and uow.follow_ups.get(dropped.id) is None
        assert uow.follow_ups.for_crisis(crisis_id) == [done, given[0], theirs, stored[1]]


def test_a_follow_up_done_while_its_author_edits_it_stays_done(uow_factory):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        item = uow.follow_ups.add(a_follow_up(crisis_id, "Add an FAQ"))
        uow.follow_ups.add(a_follow_up(crisis_id, "Someone else's", created_by="U0COMMS"))  # no id given back
        uow.commit()
    who = iter(["done", "edit"])

    def work() -> str:
        me = next(who)
        with uow_factory() as uow:
            if me == "done":
                locked = uow.follow_ups.lock(item.id)
                locked.done_at, locked.done_by = T0 + DAY, "U0LEGAL"
                uow.follow_ups.save(locked)
            else:
                uow.follow_ups.replace_for(crisis_id, "U0LEAD", [replace(item, text="Add an FAQ page")])
            time.sleep(HOLD)
            uow.commit()
        return me

    race(work, 2)
    with uow_factory() as uow:
        (stored,) = [f for f in uow.follow_ups.for_crisis(crisis_id) if f.created_by == "U0LEAD"]
    assert (stored.id, stored.done_at, stored.done_by) == (item.id, T0 + DAY, "U0LEGAL")


def test_replace_for_refuses_someone_elses_follow_ups(uow_factory):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        kept = uow.follow_ups.add(a_follow_up(crisis_id))
        uow.commit()
    with uow_factory() as uow:
        with pytest.raises(ValueError):
            uow.follow_ups.replace_for(crisis_id, "U0LEAD", [a_follow_up(crisis_id, created_by="U0COMMS")])
        with pytest.raises(ValueError):
            uow.follow_ups.replace_for(crisis_id, "U0LEAD", [a_follow_up(other_id)])
        assert uow.follow_ups.for_crisis(crisis_id) == [kept]


def test_one_persons_edits_at_once_leave_one_set_of_follow_ups(uow_factory, engine):
    crisis_id = stored_crisis(uow_factory)
    with uow_factory() as uow:
        uow.follow_ups.add(a_follow_up(crisis_id, "First draft"))
        uow.commit()
    edits = iter(range(6))

    def edit() -> bool:
        me = next(edits)
        with uow_factory() as uow:
            uow.follow_ups.replace_for(crisis_id, "U0LEAD", [a_follow_up(crisis_id, f"edit {me}, {n}")
                                                              for n in range(3)])
            time.sleep(HOLD)
            uow.commit()
            return True

    assert all(race(edit, 6))
    with uow_factory() as uow:
        texts = [f.text for f in uow.follow_ups.for_crisis(crisis_id)]
    assert len(texts) == 3 and len({text.split(",")[0] for text in texts}) == 1
    assert count_rows(engine, FollowUpRow) == 3


def test_open_follow_ups_soonest_due_first_without_due_date_last(uow_factory):
    crisis_id, other_id = stored_crisis(uow_factory), stored_crisis(uow_factory)
    with uow_factory() as uow:
        no_due = uow.follow_ups.add(a_follow_up(crisis_id, "No due date", due=None))
        late = uow.follow_ups.add(a_follow_up(crisis_id, "Late", due=T0 + 30 * DAY))
        uow.follow_ups.add(a_follow_up(crisis_id, "Done", due=T0 + DAY, done_at=T0 + DAY))
        soon = uow.follow_ups.add(a_follow_up(other_id, "Soon, other crisis",
                                              due=datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)))
        reminded = uow.follow_ups.add(a_follow_up(other_id, "Reminded", due=T0 + 7 * DAY, reminded_at=T0 + 6 * DAY))
        no_due_other = uow.follow_ups.add(a_follow_up(other_id, "No due date either", due=None))
        same_due = uow.follow_ups.add(a_follow_up(crisis_id, "Same due as reminded", due=T0 + 7 * DAY))
        uow.commit()
    with uow_factory() as uow:
        assert uow.follow_ups.open() == [soon, reminded, same_due, late, no_due, no_due_other]


def test_follow_up_reminders_due(uow_factory):
    now, before = T0 + 10 * DAY, DAY
    crisis_id = stored_crisis(uow_factory)
    cases = {
        "soon": dict(due=now + HOUR),
        "at the edge": dict(due=now + before),
        "overdue": dict(due=now - DAY),
        # not due:
        "later": dict(due=now + before + MINUTE),
        "no due date": dict(due=None),
        "reminded": dict(due=now + HOUR, reminded_at=now - HOUR),
        "done": dict(due=now - DAY, done_at=now - 2 * DAY),
    }
    with uow_factory() as uow:
        ids = {name: uow.follow_ups.add(a_follow_up(crisis_id, name, **values)).id for name, values in cases.items()}
        uow.commit()
    with uow_factory() as uow:
        assert uow.follow_ups.reminders_due(now.astimezone(PARIS), before) == [
            ids["overdue"], ids["soon"], ids["at the edge"]]
