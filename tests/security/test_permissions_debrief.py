"""End to end, docs/security.md's rows of the wrap-up: debrief answers from invited participants only, its
progress for the lead, follow-ups listed to members of their crisis and marked done by the owner or the lead."""
import json

import pytest

from handlers import ids
from tests.handlers.flows import last_view, open_crisis
from tests.security.permission_steps import close, join, refused, timeline, told

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def closed(crew):
    channel = open_crisis(crew)["id"]
    close(crew, channel)
    return channel


def start_button(bot, who):
    dm = bot.sandbox.dm_channel(bot.users[who])
    return dm, next(m for m in reversed(bot.sandbox.messages(dm)) if ids.DEBRIEF_START in json.dumps(m))


def answer(bot, who, *follow_ups, on_behalf_of=None):
    """`who` opens the newest questionnaire (from `on_behalf_of`'s invitation when given) and saves
    follow-ups as (text, owner key)."""
    dm, message = start_button(bot, on_behalf_of or who)
    views = len(bot.sandbox.views_opened())
    bot.click(who, dm, message["ts"], ids.DEBRIEF_START)
    if len(bot.sandbox.views_opened()) == views:
        return
    values = {"went_well": {"went_well": "Fast paging"}}
    for row, (text, owner) in enumerate(follow_ups):
        values[ids.follow_up_block(row, "text")] = {"text": text}
        values[ids.follow_up_block(row, "owner")] = {"owner": {"type": "users_select",
                                                               "selected_user": bot.users[owner]}}
    bot.submit(who, last_view(bot)["id"], values)


def responses(bot, channel):
    with bot.ports.uow() as uow:
        return [r.user for r in uow.debriefs.responses(uow.crises.by_channel(channel).id)]


def follow_ups(bot, channel):
    with bot.ports.uow() as uow:
        return {f.text: f for f in uow.follow_ups.for_crisis(uow.crises.by_channel(channel).id)}


def listing(bot, who):
    """What `/crisis followups` showed `who`, blocks included."""
    bot.command(who, "followups", "general")
    return json.dumps(bot.sandbox.ephemeral_messages(bot.users[who])[-1])


def test_only_invited_participants_answer_the_debrief(crew, closed):
    views = len(crew.sandbox.views_opened())
    answer(crew, "outsider", on_behalf_of="legal")
    refused(crew, "outsider", "Only the people invited to this debrief")
    assert len(crew.sandbox.views_opened()) == views and responses(crew, closed) == []
    answer(crew, "legal")
    assert responses(crew, closed) == [crew.users["legal"]]
    assert timeline(crew, closed)[-1] == ("debrief_answered", crew.users["legal"])


def test_the_debriefs_progress_is_for_the_lead_the_opener_or_an_admin(crew, closed):
    join(crew, "outsider", closed)
    for who in ("comms", "outsider"):
        crew.command(who, "debrief", closed)
        refused(crew, who, "Only the crisis lead")
    for who in ("lead", "opener", "admin"):
        crew.command(who, "debrief", closed)
        assert "answered" in told(crew, who)[-1]


def test_follow_ups_are_listed_to_members_of_their_crisis_their_owner_and_admins(crew, closed):
    answer(crew, "legal", ("Review the agency contract", "comms"))
    other = open_crisis(crew, title="App outage")["id"]
    close(crew, other)
    answer(crew, "legal", ("Apologise to Mallory in person", "outsider"))
    for who in ("comms", "legal", "opener", "admin"):
        assert "Review the agency contract" in listing(crew, who)
    seen = listing(crew, "outsider")
    assert "Review the agency contract" not in seen and "Apologise to Mallory" in seen  # only her own
    join(crew, "outsider", closed)
    assert "Review the agency contract" in listing(crew, "outsider")


def test_done_by_the_owner_the_lead_or_an_admin_with_who_and_when(crew, closed):
    answer(crew, "legal", ("Contract", "comms"), ("Training", "social"), ("Budget", "comms"))
    listed = listing(crew, "admin")
    assert "Contract" in listed
    menu = next(m for m in crew.sandbox.ephemeral_messages(crew.users["admin"]) if ids.FOLLOW_UP_DONE in json.dumps(m))
    ids_by_text = {t: str(f.id) for t, f in follow_ups(crew, closed).items()}
    before = timeline(crew, closed)
    for who in ("outsider", "legal", "social"):
        crew.click(who, "general", menu["ts"], ids.FOLLOW_UP_DONE, ids_by_text["Contract"])
        refused(crew, who, "Only its owner")
    assert follow_ups(crew, closed)["Contract"].done_at is None and timeline(crew, closed) == before
    for who, text in (("comms", "Contract"), ("lead", "Training"), ("admin", "Budget")):
        crew.click(who, "general", menu["ts"], ids.FOLLOW_UP_DONE, ids_by_text[text])
        item = follow_ups(crew, closed)[text]
        assert (item.done_by, item.done_at) == (crew.users[who], crew.clock.now())
        assert timeline(crew, closed)[-1] == ("follow_up_done", crew.users[who])


def test_the_impact_start_is_set_after_the_close_by_the_same_people_until_the_debrief_closes(crew, closed):
    join(crew, "outsider", closed)
    for who in ("comms", "outsider"):
        crew.command(who, "started 00:05", closed)
        refused(crew, who, "Only the crisis lead")
    for who in ("lead", "opener", "admin"):
        crew.command(who, "started 00:05", closed)
        assert timeline(crew, closed)[-1] == ("impact_started", crew.users[who])
    crew.clock.advance(hours=49)
    crew.tick()
    crew.command("lead", "started 00:10", closed)
    refused(crew, "lead", "can no longer change")
    assert timeline(crew, closed)[-1] == ("impact_started", crew.users["admin"])
