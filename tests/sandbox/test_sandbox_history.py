"""conversations.history as Slack answers it: newest first, the oldest/latest window, cursors, thread replies
left out, message metadata only when asked for, and Slack's refusals."""

from __future__ import annotations

import pytest

METADATA = {"event_type": "crisisbot_post", "event_payload": {"key": "card:1"}}


@pytest.fixture
def posted(client, channel, clock):
    """Three messages a second apart (the second with metadata); their ts, oldest first."""
    stamps = []
    for n in range(3):
        extra = {"metadata": METADATA} if n == 1 else {}
        stamps.append(client.chat_postMessage(channel=channel, text=f"message {n}", **extra)["ts"])
        clock.advance(1)
    return stamps


def test_history_lists_messages_newest_first(client, channel, posted):
    answer = client.conversations_history(channel=channel)
    assert [m["text"] for m in answer["messages"]] == ["message 2", "message 1", "message 0"]
    assert answer["has_more"] is False and answer["pin_count"] == 0
    assert answer["response_metadata"] == {"next_cursor": ""}


def test_metadata_is_stored_and_shown_only_with_include_all_metadata(client, channel, posted):
    plain = client.conversations_history(channel=channel)["messages"]
    assert all("metadata" not in m for m in plain)
    full = client.conversations_history(channel=channel, include_all_metadata=True)["messages"]
    assert [m.get("metadata") for m in full] == [None, METADATA, None]


def test_oldest_and_latest_are_exclusive_unless_inclusive(client, channel, posted):
    first, second, third = posted
    window = client.conversations_history(channel=channel, oldest=first, latest=third)
    assert [m["ts"] for m in window["messages"]] == [second] and window["latest"] == third
    inclusive = client.conversations_history(channel=channel, oldest=first, latest=third, inclusive=True)
    assert [m["ts"] for m in inclusive["messages"]] == [third, second, first]
    assert [m["ts"] for m in client.conversations_history(channel=channel, oldest=second)["messages"]] == [third]


def test_history_pages_with_cursors(client, channel, posted):
    first = client.conversations_history(channel=channel, limit=2)
    assert len(first["messages"]) == 2 and first["has_more"] is True
    rest = client.conversations_history(channel=channel, limit=2, cursor=first["response_metadata"]["next_cursor"])
    assert [m["ts"] for m in first["messages"] + rest["messages"]] == list(reversed(posted))
    assert rest["has_more"] is False


def test_thread_replies_are_not_in_the_history(client, channel, posted):
    client.chat_postMessage(channel=channel, text="a reply", thread_ts=posted[0])
    texts = [m["text"] for m in client.conversations_history(channel=channel)["messages"]]
    assert "a reply" not in texts and len(texts) == 3


def test_a_dm_has_a_history(client, sandbox, alice):
    client.chat_postMessage(channel=alice, text="hello")
    dm = client.conversations_open(users=alice)["channel"]["id"]
    assert [m["text"] for m in client.conversations_history(channel=dm)["messages"]] == ["hello"]


def test_history_refusals(client, sandbox, channel, refused):
    outside = sandbox.add_channel("elsewhere", bot_is_member=False)
    hidden = sandbox.add_channel("secret", bot_is_member=False, is_private=True)
    assert refused(client.conversations_history, channel="C0NOSUCH00")["error"] == "channel_not_found"
    assert refused(client.conversations_history, channel=hidden)["error"] == "channel_not_found"
    assert refused(client.conversations_history, channel=outside)["error"] == "not_in_channel"
    assert refused(client.conversations_history, channel=channel, cursor="bm9wZQ==")["error"] == "invalid_cursor"
    assert refused(client.conversations_history, channel=channel, oldest="soon")["error"] == "invalid_ts_oldest"
    assert refused(client.conversations_history, channel=channel, latest="later")["error"] == "invalid_ts_latest"
    assert refused(client.api_call, "conversations.history", params={})["error"] == "channel_not_found"


def test_malformed_metadata_is_refused(client, channel, refused):
    answer = refused(client.chat_postMessage, channel=channel, text="x", metadata={"event_type": "x"})
    assert answer["error"] == "invalid_metadata_format"
