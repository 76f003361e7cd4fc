"""Private rooms: the plan's private_rooms (by crisis type or severity) give a crisis a private channel, named
without its title when the plan says so, and announce notices that name no details; end to end through the
sandbox, plus the naming rule and the plan keys."""
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from config.plan_file import load_plan
from crisis.errors import PlanError
from crisis.plan import PrivateRooms
from crisis.plan_parsing import parse_plan
from crisis.room.model import Crisis
from crisis.room.rules import room_name
from handlers import ids
from sandbox.local_bot import SettableClock, start_local_bot, team_plan
from tests.handlers.flows import last_view, open_crisis, replies_to

KINDS = ["offensive_post", "complaint_wave", "account_leak", "employee_misconduct", "outage", "other"]
PRIVATE = {"crisis_types": ["account_leak", "employee_misconduct"], "severities": ["SEV1"]}
TITLE, DESCRIPTION = "Ceo account hacked", "A video of our ad is going viral for the wrong reasons"
WHEN = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


def start(uow_factory, **private_rooms):
    def plan(users):
        return team_plan(users, crisis_types=KINDS, private_rooms={**PRIVATE, **private_rooms})

    return start_local_bot(uow_factory, clock=SettableClock(WHEN), plan=plan)


@pytest.fixture
def bot(uow_factory):
    local = start(uow_factory)
    yield local
    local.stop()
    assert local.executor.failures == []


def announced(bot) -> str:
    return json.dumps(bot.sandbox.messages(bot.sandbox.channel_by_name("crisis-announce")["id"]))


def close(bot, channel_id, who="lead"):
    bot.command(who, "close", channel_id)
    status, _ = bot.submit(who, last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Account back"}})
    assert status == 200


def test_an_account_leak_gets_a_private_untitled_channel_and_a_notice_without_details(bot):
    channel = open_crisis(bot, TITLE, kind="account_leak")
    assert channel["name"] == "crisis-20261204-1" and channel["is_private"] is True
    assert bot.sandbox.calls_to("conversations.create")[-1].args["is_private"] in (True, "1", "true")
    members = set(bot.sandbox.channel(channel["id"])["members"])
    assert members >= {bot.users[k] for k in ("lead", "comms", "legal", "social", "opener")}
    assert bot.users["comms_backup"] not in members
    assert len(bot.sandbox.pins(channel["id"])) == 1 and TITLE in json.dumps(bot.sandbox.messages(channel["id"]))
    notice = announced(bot)
    assert bot.users["opener"] in notice and "private crisis room" in notice
    for detail in (TITLE, DESCRIPTION, channel["id"], channel["name"], "SEV2", "account"):
        assert detail not in notice


def test_people_outside_a_private_room_cannot_see_it_and_the_bot_lists_it_only_as_private(bot):
    channel = open_crisis(bot, TITLE, kind="account_leak")
    with pytest.raises(LookupError):
        bot.command("comms_backup", "status", channel["id"])
    listed = bot.ports.chat.client.conversations_list(types="public_channel")["channels"]
    assert channel["id"] not in {c["id"] for c in listed}
    assert bot.ports.chat.resolve_channel("#" + channel["name"]) == channel["id"]


def test_assigning_a_role_invites_the_new_holder_into_the_private_room(bot):
    channel = open_crisis(bot, TITLE, kind="employee_misconduct")["id"]
    bot.command("lead", f"assign legal <@{bot.users['comms_backup']}|sam>", channel)
    assert bot.users["comms_backup"] in bot.sandbox.channel(channel)["members"]
    bot.command("comms_backup", "status", channel)
    assert any(TITLE in r for r in replies_to(bot, "comms_backup"))


def test_a_second_private_crisis_the_same_day_takes_the_next_number_and_closing_names_no_details(bot):
    first = open_crisis(bot, TITLE, kind="account_leak")
    second = open_crisis(bot, "Harassment complaint against a manager", kind="employee_misconduct")
    assert (first["name"], second["name"]) == ("crisis-20261204-1", "crisis-20261204-2")
    bot.clock.advance(hours=1, minutes=10)
    close(bot, first["id"])
    notice = announced(bot)
    assert "private crisis was closed after 1 h 10 min" in notice
    assert TITLE not in notice and "Harassment" not in notice and first["id"] not in notice


def test_a_severity_the_plan_names_makes_any_crisis_private_and_others_stay_public(bot):
    public = open_crisis(bot, "Offensive ad video", severity="SEV2")
    assert public["is_private"] is False and public["name"] == "crisis-20261204-offensive-ad-video"
    assert "Offensive ad video" in announced(bot)
    private = open_crisis(bot, "Boycott call trending", severity="SEV1")
    assert private["is_private"] is True and private["name"] == "crisis-20261204-1"
    assert "Boycott" not in announced(bot)


def test_a_private_room_keeps_its_title_in_the_name_when_the_plan_says_so(uow_factory):
    local = start(uow_factory, hide_title=False)
    try:
        channel = open_crisis(local, TITLE, kind="account_leak")
        assert channel["is_private"] is True and channel["name"] == "crisis-20261204-ceo-account-hacked"
        assert TITLE not in announced(local)
    finally:
        local.stop()


# --- the naming rule and the plan keys ------------------------------------------------------------

def crisis(private: bool) -> Crisis:
    return Crisis(title="CEO account hacked!", severity="SEV2", kind="account_leak", opened_by="U1", opened_at=WHEN,
                  private=private)


@pytest.mark.parametrize("private,hide,attempt,name", [
    (True, True, 1, "crisis-20261204-1"), (True, True, 3, "crisis-20261204-3"),
    (True, False, 1, "crisis-20261204-ceo-account-hacked"), (False, True, 2, "crisis-20261204-ceo-account-hacked-2"),
])
def test_a_room_name_leaves_out_the_title_only_for_a_private_crisis_whose_plan_hides_it(private, hide, attempt, name):
    plan = parse_plan({**minimal_plan(), "private_rooms": {"crisis_types": ["account_leak"], "hide_title": hide}})
    assert room_name(crisis(private), plan, attempt) == name


def test_private_rooms_cover_the_listed_types_and_severities_and_nothing_by_default():
    rooms = PrivateRooms(("account_leak",), ("SEV1",))
    assert rooms.cover("account_leak", "SEV4") and rooms.cover("outage", "SEV1")
    assert not rooms.cover("outage", "SEV2")
    assert parse_plan(minimal_plan()).private_rooms == PrivateRooms((), (), True)


def minimal_plan() -> dict:
    return {"announce_channel": "#crisis", "roles": {"crisis_lead": {"primary": "U0LEAD"}},
            "severities": {s: {"description": s, "ack_within": "5m", "update_every": "1h"}
                           for s in ("SEV1", "SEV2", "SEV3", "SEV4")},
            "crisis_types": KINDS}


@pytest.mark.parametrize("private_rooms,path", [
    ("yes", "private_rooms"),
    ({"crisis_types": "account_leak"}, "private_rooms.crisis_types"),
    ({"crisis_types": ["account_leak", "alien_invasion"]}, "private_rooms.crisis_types.1"),
    ({"crisis_types": [3]}, "private_rooms.crisis_types.0"),
    ({"severities": ["SEV5"]}, "private_rooms.severities.0"),
    ({"severities": ["sev1"]}, "private_rooms.severities.0"),
    ({"hide_title": "no"}, "private_rooms.hide_title"),
    ({"private": True}, "private_rooms.private"),
])
def test_a_bad_private_rooms_value_is_one_plan_error_naming_its_key(private_rooms, path):
    with pytest.raises(PlanError) as refused:
        parse_plan({**minimal_plan(), "private_rooms": private_rooms})
    assert refused.value.path == path
    assert "\n" not in str(refused.value)


def test_the_example_plan_makes_leaks_and_misconduct_private():
    rooms = load_plan(REPO / "examples" / "crisis-plan.yaml").private_rooms
    assert set(rooms.crisis_types) == {"account_leak", "employee_misconduct"} and rooms.hide_title


def test_the_manifest_asks_for_the_scopes_private_channels_need():
    scopes = yaml.safe_load((REPO / "slack-manifest.yaml").read_text(encoding="utf-8"))["oauth_config"]["scopes"]["bot"]
    assert {"groups:write", "groups:read"} <= set(scopes)
