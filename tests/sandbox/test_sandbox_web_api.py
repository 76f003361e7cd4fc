"""The sandbox answers slack_sdk's WebClient like Slack: auth, users, conversations, messages, pins, scheduling."""

from __future__ import annotations

import re

import pytest

from sandbox.slack_api import SlackSandbox
from slack_sdk import WebClient

CHANNEL_ID = re.compile(r"C[0-9A-Z]{10}")


def test_auth_test_names_the_bot_and_team(client, sandbox):
    answer = client.auth_test()
    assert (answer["user_id"], answer["team_id"], answer["bot_id"]) == (
        sandbox.bot_user_id, sandbox.team_id, sandbox.bot_id)


def test_a_call_without_a_token_is_not_authed(sandbox, refused):
    assert refused(WebClient(base_url=sandbox.api_url).auth_test)["error"] == "not_authed"


def test_an_unknown_token_is_invalid_auth(sandbox, refused):
    stranger = WebClient(token="xoxb-stranger", base_url=sandbox.api_url)
    assert refused(stranger.auth_test)["error"] == "invalid_auth"


def test_an_unknown_method_is_http_200_unknown_method(client, refused):
    answer = refused(client.api_call, "foo.bar")
    assert answer.status_code == 200
    assert answer.data == {"ok": False, "error": "unknown_method", "req_method": "foo.bar"}


def test_the_token_may_come_as_an_argument(sandbox):
    anonymous = WebClient(base_url=sandbox.api_url)
    assert anonymous.api_call("auth.test", params={"token": sandbox.token})["ok"]


def test_users_info_shows_a_deactivated_user_as_deleted(client, sandbox, refused):
    gone = sandbox.add_user("bob", deleted=True)
    assert client.users_info(user=gone)["user"]["deleted"] is True
    assert refused(client.users_info, user="U0NOBODY000")["error"] == "user_not_found"


def test_users_lookup_by_email(client, alice, refused):
    assert client.users_lookupByEmail(email="Alice@Example.com")["user"]["id"] == alice
    assert refused(client.users_lookupByEmail, email="nobody@example.com")["error"] == "users_not_found"


def test_users_list_pages_with_cursors(client, sandbox):
    for name in ("a", "b", "c"):
        sandbox.add_user(name)
    pages = list(client.users_list(limit=2))
    assert [len(page["members"]) for page in pages] == [2, 2]  # the bot and three people


def test_conversations_create_makes_the_bot_a_member(client, sandbox):
    created = client.conversations_create(name="crisis-2025-11-25")["channel"]
    assert CHANNEL_ID.fullmatch(created["id"]) and created["is_member"]
    assert sandbox.channel_by_name("crisis-2025-11-25")["members"] == [sandbox.bot_user_id]


def test_conversations_create_refuses_a_taken_name(client, channel, refused):
    assert refused(client.conversations_create, name="crisis-outage")["error"] == "name_taken"


def test_an_archived_channel_keeps_its_name(client, channel, refused):
    client.conversations_archive(channel=channel)
    assert refused(client.conversations_create, name="crisis-outage")["error"] == "name_taken"


@pytest.mark.parametrize("name, error", [
    ("Crisis", "invalid_name_specials"),
    ("crisis outage", "invalid_name_specials"),
    ("crisis!", "invalid_name_specials"),
    ("x" * 81, "invalid_name_maxlength"),
    ("", "invalid_name_required"),
    ("--", "invalid_name_punctuation"),
])
def test_conversations_create_applies_slacks_name_rules(client, refused, name, error):
    assert refused(client.conversations_create, name=name)["error"] == error


def test_a_private_channel_without_the_bot_is_not_found(client, sandbox, refused):
    secret = sandbox.add_channel("legal-only", bot_is_member=False, is_private=True)
    assert refused(client.conversations_info, channel=secret)["error"] == "channel_not_found"


def test_conversations_info_and_list(client, sandbox, channel):
    sandbox.add_channel("brand-posts", bot_is_member=False)
    assert client.conversations_info(channel=channel, include_num_members=True)["channel"]["num_members"] == 1
    names = [c["name"] for c in client.conversations_list()["channels"]]
    assert names == ["crisis-outage", "brand-posts"]


def test_topic_and_purpose(client, sandbox, channel, refused):
    client.conversations_setTopic(channel=channel, topic="SEV1 | lead: @alice")
    client.conversations_setPurpose(channel=channel, purpose="Outage response")
    info = client.conversations_info(channel=channel)["channel"]
    assert (info["topic"]["value"], info["purpose"]["value"]) == ("SEV1 | lead: @alice", "Outage response")
    assert refused(client.conversations_setTopic, channel=channel, topic="x" * 251)["error"] == "too_long"


def test_invite_adds_people(client, sandbox, channel, alice):
    answer = client.conversations_invite(channel=channel, users=[alice])
    assert "errors" not in answer.data
    assert client.conversations_members(channel=channel)["members"] == [sandbox.bot_user_id, alice]


@pytest.mark.parametrize("who, error", [
    ("nobody", "user_not_found"),
    ("bot", "cant_invite_self"),
    ("deactivated", "cant_invite"),
    ("member", "already_in_channel"),
])
def test_invite_refusals(client, sandbox, channel, refused, who, error):
    member = sandbox.add_user("carol")
    client.conversations_invite(channel=channel, users=member)
    user_id = {"nobody": "U0NOBODY000", "bot": sandbox.bot_user_id, "member": member,
               "deactivated": sandbox.add_user("dave", deleted=True)}[who]
    answer = refused(client.conversations_invite, channel=channel, users=user_id)
    assert answer["error"] == error
    assert answer["errors"] == [{"user": user_id, "ok": False, "error": error}]


def test_one_bad_user_fails_the_whole_invite_unless_forced(client, sandbox, channel, alice, refused):
    gone = sandbox.add_user("dave", deleted=True)
    answer = refused(client.conversations_invite, channel=channel, users=[alice, gone])
    assert answer["error"] == "cant_invite"
    assert alice not in sandbox.channel(channel)["members"]

    forced = client.conversations_invite(channel=channel, users=[alice, gone], force=True)
    assert forced["errors"] == [{"user": gone, "ok": False, "error": "cant_invite"}]
    assert alice in sandbox.channel(channel)["members"]


def test_invite_needs_the_bot_in_the_channel(client, sandbox, alice, refused):
    elsewhere = sandbox.add_channel("elsewhere", bot_is_member=False)
    assert refused(client.conversations_invite, channel=elsewhere, users=alice)["error"] == "not_in_channel"


def test_conversations_open_gives_one_dm_per_person(client, sandbox, alice):
    first = client.conversations_open(users=[alice])
    again = client.conversations_open(users=alice)
    assert first["channel"]["id"].startswith("D") and "already_open" not in first.data
    assert again["channel"]["id"] == first["channel"]["id"] and again["already_open"]
    assert sandbox.dm_channel(alice) == first["channel"]["id"]


@pytest.mark.parametrize("who, error", [
    ("nobody", "user_not_found"), ("deactivated", "user_disabled"), ("no_dm", "user_not_visible"),
])
def test_conversations_open_refusals(client, sandbox, refused, who, error):
    user_id = {"nobody": "U0NOBODY000", "deactivated": sandbox.add_user("dave", deleted=True),
               "no_dm": sandbox.add_user("guest", can_dm=False)}[who]
    assert refused(client.conversations_open, users=user_id)["error"] == error


def test_join_then_post_in_a_channel_the_bot_did_not_create(client, sandbox, refused):
    alerts = sandbox.add_channel("alerts", bot_is_member=False)
    assert refused(client.chat_postMessage, channel=alerts, text="spike")["error"] == "not_in_channel"
    client.conversations_join(channel=alerts)
    assert client.conversations_join(channel=alerts)["warning"] == "already_in_channel"
    assert client.chat_postMessage(channel=alerts, text="spike")["ok"]


def test_post_message_returns_increasing_ts(client, sandbox, channel):
    first = client.chat_postMessage(channel=channel, text="one")
    second = client.chat_postMessage(channel=channel, text="two")
    assert re.fullmatch(r"\d{10}\.\d{6}", first["ts"]) and float(second["ts"]) > float(first["ts"])
    assert [m["text"] for m in sandbox.messages(channel)] == ["one", "two"]
    assert first["message"]["bot_id"] == sandbox.bot_id


def test_post_message_to_a_user_id_goes_to_their_dm(client, sandbox, alice):
    answer = client.chat_postMessage(channel=alice, text="You are paged")
    assert answer["channel"] == sandbox.dm_channel(alice)
    assert sandbox.messages(answer["channel"])[0]["text"] == "You are paged"


def test_post_message_to_a_deactivated_user_still_succeeds_as_on_slack(client, sandbox):
    assert client.chat_postMessage(channel=sandbox.add_user("dave", deleted=True), text="hi")["ok"]


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_post_message_refusals(client, sandbox, channel, refused):
    assert refused(client.chat_postMessage, channel="C0NOWHERE00", text="x")["error"] == "channel_not_found"
    assert refused(client.chat_postMessage, channel=channel)["error"] == "no_text"
    assert refused(client.chat_postMessage, channel=channel, text="x" * 40_001)["error"] == "msg_too_long"
    client.conversations_archive(channel=channel)
    assert refused(client.chat_postMessage, channel=channel, text="x")["error"] == "is_archived"


def _section(text):
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(label):
    return {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": label},
                                             "action_id": "go"}]}


@pytest.mark.parametrize("blocks, pointer", [
    ([_section("x")] * 51, "/blocks"),
    ([_section("x" * 3001)], "/blocks/0/text/text"),
    ([_button("x" * 76)], "/blocks/0/elements/0/text/text"),
    ([{"type": "carousel"}], "/blocks/0/type"),
])
def test_post_message_refuses_invalid_blocks(client, channel, refused, blocks, pointer):
    answer = refused(client.chat_postMessage, channel=channel, text="fallback", blocks=blocks)
    assert answer["error"] == "invalid_blocks"
    assert pointer in answer["response_metadata"]["messages"][0]


def test_blocks_may_arrive_as_a_json_string_in_form_data(client, sandbox, channel, refused):
    params = {"channel": channel, "blocks": '[{"type": "divider"}]'}
    assert client.api_call("chat.postMessage", params=params)["message"]["blocks"] == [{"type": "divider"}]
    bad = refused(client.api_call, "chat.postMessage", params={"channel": channel, "blocks": "not json"})
    assert bad["error"] == "invalid_blocks_format"


def test_thread_replies(client, sandbox, channel):
    parent = client.chat_postMessage(channel=channel, text="statement draft")["ts"]
    client.chat_postMessage(channel=channel, text="approved", thread_ts=parent)
    first, reply = sandbox.messages(channel)
    assert reply["thread_ts"] == parent and first["reply_count"] == 1


def test_chat_update(client, sandbox, channel, alice, refused):
    ts = client.chat_postMessage(channel=channel, text="draft", blocks=[_section("draft")])["ts"]
    client.chat_update(channel=channel, ts=ts, text="final", blocks=[_section("final")])
    message = sandbox.messages(channel)[0]
    assert message["text"] == "final" and message["blocks"] == [_section("final")] and "edited" in message
    assert refused(client.chat_update, channel=channel, ts="1.000001", text="x")["error"] == "message_not_found"
    theirs = sandbox.add_message(channel, "mine", alice)
    assert refused(client.chat_update, channel=channel, ts=theirs, text="x")["error"] == "cant_update_message"


def test_chat_update_keeps_blocks_left_out_and_drops_an_empty_list(client, sandbox, channel):
    ts = client.chat_postMessage(channel=channel, text="t", blocks=[_section("b")])["ts"]
    client.chat_update(channel=channel, ts=ts, text="t2")
    assert sandbox.messages(channel)[0]["blocks"] == [_section("b")]
    client.chat_update(channel=channel, ts=ts, text="t3", blocks=[])
    assert "blocks" not in sandbox.messages(channel)[0]


def test_post_ephemeral(client, sandbox, channel, alice, refused):
    assert refused(client.chat_postEphemeral, channel=channel, user=alice, text="x")["error"] == "user_not_in_channel"
    client.conversations_invite(channel=channel, users=alice)
    client.chat_postEphemeral(channel=channel, user=alice, text="Only you can see this")
    assert [e["text"] for e in sandbox.ephemeral_messages(alice)] == ["Only you can see this"]
    assert sandbox.messages(channel) == []


def test_get_permalink(client, sandbox, channel, refused):
    ts = client.chat_postMessage(channel=channel, text="card")["ts"]
    link = client.chat_getPermalink(channel=channel, message_ts=ts)["permalink"]
    assert link.endswith(f"/archives/{channel}/p{ts.replace('.', '')}")
    assert refused(client.chat_getPermalink, channel=channel, message_ts="1.000001")["error"] == "message_not_found"


def test_pins(client, sandbox, channel, refused):
    ts = client.chat_postMessage(channel=channel, text="crisis card")["ts"]
    client.pins_add(channel=channel, timestamp=ts)
    assert [m["text"] for m in sandbox.pins(channel)] == ["crisis card"]
    assert refused(client.pins_add, channel=channel, timestamp=ts)["error"] == "already_pinned"
    assert refused(client.pins_add, channel=channel, timestamp="1.000001")["error"] == "message_not_found"
    assert refused(client.pins_add, channel=channel)["error"] == "no_item_specified"


def test_reactions_and_bookmarks(client, sandbox, channel, refused):
    ts = client.chat_postMessage(channel=channel, text="ack?")["ts"]
    client.reactions_add(channel=channel, name="eyes", timestamp=ts)
    assert refused(client.reactions_add, channel=channel, name="eyes", timestamp=ts)["error"] == "already_reacted"
    assert sandbox.messages(channel)[0]["reactions"] == [{"name": "eyes", "users": [sandbox.bot_user_id], "count": 1}]
    bookmark = client.bookmarks_add(channel_id=channel, title="Playbook", type="link", link="https://example.com/pb")
    assert sandbox.bookmarks(channel) == [bookmark["bookmark"]]


def test_scheduled_messages(client, sandbox, clock, channel, refused):
    other = client.conversations_create(name="brand-posts")["channel"]["id"]
    later, much_later = int(clock.now) + 3600, int(clock.now) + 7200
    first = client.chat_scheduleMessage(channel=channel, text="update due", post_at=later)
    client.chat_scheduleMessage(channel=other, text="new menu!", post_at=much_later)
    assert first["scheduled_message_id"].startswith("Q")

    listed = client.chat_scheduledMessages_list(channel=other)["scheduled_messages"]
    assert [m["text"] for m in listed] == ["new menu!"]
    window = client.chat_scheduledMessages_list(oldest=later + 1, latest=much_later)["scheduled_messages"]
    assert [m["channel_id"] for m in window] == [other]

    client.chat_deleteScheduledMessage(channel=other, scheduled_message_id=listed[0]["id"])
    again = refused(client.chat_deleteScheduledMessage, channel=other, scheduled_message_id=listed[0]["id"])
    assert again["error"] == "invalid_scheduled_message_id"
    past = refused(client.chat_scheduleMessage, channel=channel, text="x", post_at=clock.now - 1)
    assert past["error"] == "time_in_past"


def test_a_scheduled_message_is_posted_when_its_time_comes(client, sandbox, clock, channel):
    client.chat_scheduleMessage(channel=channel, text="reminder", post_at=int(clock.now) + 60)
    assert sandbox.messages(channel) == []
    clock.advance(61)
    assert [m["text"] for m in sandbox.messages(channel)] == ["reminder"]
    assert client.chat_scheduledMessages_list()["scheduled_messages"] == []


def test_the_bot_sees_only_its_own_scheduled_messages(client, sandbox, clock, channel, alice):
    sandbox.add_scheduled_message(channel, "by a person", clock.now + 600, author=alice)
    mine = sandbox.add_scheduled_message(channel, "by the bot", clock.now + 600)
    assert [m["id"] for m in client.chat_scheduledMessages_list()["scheduled_messages"]] == [mine]
    assert len(sandbox.scheduled_messages()) == 2


def test_a_missing_required_argument_gets_slacks_error(client, refused):
    assert refused(client.api_call, "conversations.info")["error"] == "channel_not_found"
    answer = refused(client.api_call, "views.publish", json={"user_id": "U1"})
    assert answer["error"] == "invalid_arguments"
    assert answer["response_metadata"]["messages"] == ["[ERROR] missing required field: view"]


def test_seeding_refuses_bad_or_taken_channel_names(sandbox):
    sandbox.add_channel("general")
    with pytest.raises(ValueError, match="name_taken"):
        sandbox.add_channel("general")
    with pytest.raises(ValueError, match="invalid_name_specials"):
        sandbox.add_channel("General")


def test_ids_are_deterministic_for_a_seed(clock):
    def ids():
        with SlackSandbox(clock=clock, seed=7) as sandbox:
            return sandbox.add_user("a"), sandbox.add_channel("x")
    assert ids() == ids()
