"""End to end, docs/security.md's rows of the crisis room: who opens, acknowledges, notes, updates, changes the
severity, assigns roles, closes and sets the impact start; each refusal is one ephemeral line and changes nothing."""
import json

import pytest

from handlers import ids
from tests.handlers.flows import last_view, open_crisis, page_to
from tests.security.permission_steps import close, crisis_in, join, refused, start_crew, stop_crew, timeline

pytestmark = pytest.mark.one_database  # who may act is decided below the chat: SQLite only (tests/conftest.py)


@pytest.fixture
def room(crew):
    return open_crisis(crew)["id"]


def paged(bot, channel, who):
    return f"<@{bot.users[who]}>" in json.dumps([m for m in bot.sandbox.messages(channel)
                                                   if ids.ACKNOWLEDGE in json.dumps(m)])


def test_anyone_in_the_workspace_may_open_a_crisis(crew):
    channel = open_crisis(crew, who="outsider")["id"]
    assert timeline(crew, channel)[0] == ("opened", crew.users["outsider"])


def test_only_someone_paged_for_the_role_acknowledges(crew, room):
    page = page_to(crew, room, "legal")
    before = timeline(crew, room)
    crew.click("outsider", room, page["ts"], ids.ACKNOWLEDGE)
    refused(crew, "outsider", "only a person paged for this role")
    assert timeline(crew, room) == before and crisis_in(crew, room).role("legal").acked_at is None
    crew.click("legal", room, page["ts"], ids.ACKNOWLEDGE)
    assert timeline(crew, room)[-1] == ("acknowledged", crew.users["legal"])


def test_any_channel_member_adds_notes_and_posts_updates(crew, room):
    join(crew, "outsider", room)
    crew.command("outsider", "note Saw it trending in Lyon too", room)
    crew.command("outsider", "update Ad pulled in France", room)
    assert timeline(crew, room)[-2:] == [("note", crew.users["outsider"]), ("update_posted", crew.users["outsider"])]


def test_severity_is_changed_by_the_lead_or_an_admin_only(crew, room):
    join(crew, "outsider", room)
    before = timeline(crew, room)
    for who in ("comms", "legal", "outsider"):
        crew.command(who, "severity SEV1", room)
        refused(crew, who, "Only the crisis lead")
    assert crisis_in(crew, room).severity == "SEV2" and timeline(crew, room) == before
    crew.command("lead", "severity SEV1", room)
    crew.command("admin", "severity SEV3", room)
    assert crisis_in(crew, room).severity == "SEV3"
    assert timeline(crew, room)[-2:] == [("severity_changed", crew.users["lead"]),
                                         ("severity_changed", crew.users["admin"])]


def test_roles_are_given_by_the_lead_or_an_admin_and_the_new_holder_is_paged(crew, room):
    join(crew, "outsider", room)
    before = timeline(crew, room)
    crew.command("outsider", f"assign social_media <@{crew.users['outsider']}>", room)
    refused(crew, "outsider", "Only the crisis lead")
    crew.command("comms", f"assign social_media <@{crew.users['outsider']}>", room)
    refused(crew, "comms", "Only the crisis lead")
    assert timeline(crew, room) == before and crisis_in(crew, room).role("social_media").user_id == crew.users["social"]
    crew.command("lead", f"assign social_media <@{crew.users['comms_backup']}>", room)
    crew.command("admin", f"assign legal <@{crew.users['outsider']}>", room)
    held = crisis_in(crew, room)
    assert (held.role("social_media").user_id, held.role("legal").user_id) == (crew.users["comms_backup"],
                                                                              crew.users["outsider"])
    assert timeline(crew, room)[-4:] == [("role_assigned", crew.users["lead"]), ("paged", None),
                                         ("role_assigned", crew.users["admin"]), ("paged", None)]
    assert paged(crew, room, "comms_backup") and paged(crew, room, "outsider")


def test_a_holder_hands_on_their_own_role_and_only_their_own(crew, room):
    crew.command("legal", f"assign legal <@{crew.users['comms_backup']}>", room)
    assert crisis_in(crew, room).role("legal").user_id == crew.users["comms_backup"]
    assert timeline(crew, room)[-2:] == [("role_assigned", crew.users["legal"]), ("paged", None)]
    assert paged(crew, room, "comms_backup")
    before = timeline(crew, room)
    crew.command("legal", f"assign legal <@{crew.users['social']}>", room)  # no longer theirs
    refused(crew, "legal", "Only the crisis lead")
    crew.command("social", f"assign comms_lead <@{crew.users['lead_backup']}>", room)  # someone else's
    refused(crew, "social", "Only the crisis lead")
    assert timeline(crew, room) == before


def test_nobody_gives_themselves_a_role_that_approves_statements(crew, room):
    join(crew, "outsider", room)
    before = timeline(crew, room)
    for who, role in (("outsider", "legal"), ("lead", "legal"), ("admin", "comms_lead"), ("comms", "legal")):
        crew.command(who, f"assign {role} <@{crew.users[who]}>", room)
        refused(crew, who, "Someone else must give you")
    assert timeline(crew, room) == before
    assert crisis_in(crew, room).role("legal").user_id == crew.users["legal"]
    crew.command("lead", f"assign social_media <@{crew.users['lead']}>", room)  # approves nothing: fine
    assert timeline(crew, room)[-2] == ("role_assigned", crew.users["lead"])


def test_a_role_named_by_the_rule_of_any_severity_is_never_taken_by_oneself(uow_factory):
    bot = start_crew(uow_factory, statement_approval={"default": "comms_lead AND legal",
                                                      "SEV1": "any 2 of comms_lead, legal, social_media"})
    try:
        channel = open_crisis(bot)["id"]  # SEV2: social_media approves nothing yet
        bot.command("admin", f"assign social_media <@{bot.users['admin']}>", channel)
        refused(bot, "admin", "Someone else must give you")
        bot.command("admin", f"assign social_media <@{bot.users['outsider']}>", channel)
        assert crisis_in(bot, channel).role("social_media").user_id == bot.users["outsider"]
    finally:
        stop_crew(bot)


@pytest.mark.parametrize("who", ["lead", "opener", "admin"])
def test_the_lead_the_opener_or_an_admin_closes(crew, room, who):
    close(crew, room, who)
    assert not crisis_in(crew, room).is_open and timeline(crew, room)[-1] == ("closed", crew.users[who])


def test_nobody_else_closes_not_even_with_the_modal_open(crew, room):
    join(crew, "outsider", room)
    views = len(crew.sandbox.views_opened())
    for who in ("comms", "outsider"):
        crew.command(who, "close", room)
        refused(crew, who, "Only the crisis lead")
    assert len(crew.sandbox.views_opened()) == views
    crew.command("lead", "close", room)
    modal = last_view(crew)
    crew.command("lead", f"assign crisis_lead <@{crew.users['lead_backup']}>", room)  # the lead hands over
    before = timeline(crew, room)
    crew.submit("lead", modal["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Apology posted"}})
    refused(crew, "lead", "Only the crisis lead")
    assert crisis_in(crew, room).is_open and timeline(crew, room) == before


def test_the_impact_start_is_set_by_the_lead_the_opener_or_an_admin(crew, room):
    join(crew, "outsider", room)
    for who in ("comms", "outsider"):
        crew.command(who, "started 00:05", room)
        refused(crew, who, "Only the crisis lead")
    assert crisis_in(crew, room).impact_started_at is None
    for who in ("lead", "opener", "admin"):
        crew.command(who, "started 00:05", room)
        assert timeline(crew, room)[-1] == ("impact_started", crew.users[who])
    assert crisis_in(crew, room).impact_started_at is not None
