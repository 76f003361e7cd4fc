"""A Dutch team end to end: the channel, the card and the pages speak the plan's language; what one person sees
alone (their modal, their replies, their page DM) follows their Slack language; times are on Amsterdam's clock."""
import json
from datetime import UTC, datetime

import pytest

from crisis.i18n.en import MESSAGES as EN
from crisis.i18n.nl import MESSAGES as NL
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import open_crisis, replies_to

WINTER = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Amsterdam (CET)


@pytest.fixture
def dutch_bot(uow_factory, sleeps):
    local = start_local_bot(uow_factory, clock=SettableClock(WINTER), sleep=sleeps.append,
                            plan=lambda users: team_plan(users, language="nl", timezone="Europe/Amsterdam"))
    for key, user in local.users.items():
        if key != "opener":  # the opener keeps English in Slack
            local.sandbox.set_locale(user, "nl-NL")
    yield local
    local.stop()
    assert local.executor.failures == []


def texts(messages) -> str:
    return json.dumps(messages, ensure_ascii=False)


def test_the_team_reads_dutch_and_each_person_their_own_language(dutch_bot):
    channel = open_crisis(dutch_bot, title="Kwetsende reclame", who="opener")
    room = texts(dutch_bot.sandbox.messages(channel["id"]))
    assert NL["card.roles"] in room and "Bevestigen" in room and "2026-11-25 14:00 CET" in room
    assert EN["card.roles"] not in room and "Acknowledge" not in room
    announce = texts(dutch_bot.sandbox.messages("crisis-announce"))
    assert "crisis geopend door" in announce
    # the opener chose English in Slack: their modal and their reply are English
    assert dutch_bot.sandbox.views_opened()[0]["title"]["text"] == EN["modal.open.title"]
    assert "Role holders are being paged" in " ".join(replies_to(dutch_bot, "opener"))
    # a Dutch role holder's page DM is Dutch
    dm = dutch_bot.sandbox.dm_channel(dutch_bot.users["legal"])
    assert "Je bent opgeroepen als" in texts(dutch_bot.sandbox.messages(dm))


def test_typed_times_are_on_the_teams_clock_and_stored_in_utc(dutch_bot):
    channel = open_crisis(dutch_bot, title="Storing", who="lead")
    dutch_bot.command("lead", "started 13:40", channel["id"])
    with dutch_bot.ports.uow() as uow:
        assert uow.crises.by_channel(channel["id"]).impact_started_at == datetime(2026, 11, 25, 12, 40, tzinfo=UTC)
    assert "2026-11-25 13:40 CET" in " ".join(replies_to(dutch_bot, "lead"))
    dutch_bot.command("lead", "started morgen", channel["id"])
    assert "op de klok van het team (Europe/Amsterdam)" in replies_to(dutch_bot, "lead")[-1]
    dutch_bot.command("lead", "help", channel["id"])  # a Dutch reader's help is Dutch
    assert "Commando's van crisisbot" in replies_to(dutch_bot, "lead")[-1]
