"""SlackChannelPublisher against the Slack sandbox: the escaped text in the channel, Slack's errors as PublishFailed."""
import socket

import pytest
from slack_sdk import WebClient

from crisis.errors import PublishFailed
from publishers.slack_channel import SlackChannelPublisher, message_ts
from tests.publishers.statements import approved


def test_posts_the_escaped_text_and_returns_its_permalink(sandbox, client, channel):
    """The card, the timeline and the report show the reference: a link people can open, not a bare ts."""
    ref = SlackChannelPublisher(client, channel).publish(approved(), "Q&A <today> at 5 > 4 *now*")
    [message] = sandbox.messages(channel)
    assert message["text"] == "Q&amp;A &lt;today&gt; at 5 &gt; 4 *now*"
    assert ref == client.chat_getPermalink(channel=channel, message_ts=message["ts"])["permalink"]
    assert ref.startswith("http") and ref.endswith(f"/archives/{channel}/p{message['ts'].replace('.', '')}")
    assert message_ts(ref) == message["ts"]


def test_without_a_permalink_the_post_still_counts_and_its_ts_is_the_reference(sandbox, client, channel, caplog):
    """The statement is out once chat.postMessage answered: a refused permalink must not make it a failure (the
    tick would post it again) nor lose it."""
    sandbox.fail_next("chat.getPermalink", error="fatal_error")
    ref = SlackChannelPublisher(client, channel).publish(approved(), "We are sorry.")
    [message] = sandbox.messages(channel)
    assert ref == message["ts"]
    assert "no permalink" in caplog.text and "xoxb" not in caplog.text


def test_a_reference_from_before_permalinks_is_still_corrected_and_retracted(sandbox, client, channel):
    posted = client.chat_postMessage(channel=channel, text="We are sorry.")["ts"]
    publisher = SlackChannelPublisher(client, channel)
    assert publisher.correct(approved(), posted, "We are very sorry.") == posted
    assert [m["text"] for m in sandbox.messages(channel)] == ["We are very sorry."]
    assert publisher.retract(approved(), posted, "Withdrawn.") == posted
    assert sandbox.messages(channel) == []


@pytest.mark.parametrize("ref,ts", [
    ("https://acme.slack.com/archives/C1H9RESGA/p1358546515000008", "1358546515.000008"),
    ("https://acme.slack.com/archives/C1H9RESGL/p1358546517000023?thread_ts=1358546515.000008&cid=C1H9RESGL",
     "1358546517.000023"),
    ("1358546515.000008", "1358546515.000008"),
])
def test_the_message_ts_is_read_from_a_permalink_or_is_the_reference(ref, ts):
    assert message_ts(ref) == ts


def test_a_publish_resumed_after_its_post_landed_returns_that_post(sandbox, client, channel):
    """The first run posted and died before recording the ts: the resumed run finds the post by its key."""
    statement = approved()
    first = SlackChannelPublisher(client, channel).publish(statement, "We are sorry.")
    again = SlackChannelPublisher(client, channel).publish(statement, "We are sorry.")
    assert again == first
    assert [m["text"] for m in sandbox.messages(channel)] == ["We are sorry."]
    other = SlackChannelPublisher(client, channel).publish(approved(statement_id=statement.id + 1), "Update.")
    assert other != first


def test_a_channel_name_works_too(sandbox, client, channel):
    SlackChannelPublisher(client, "#statements").publish(approved(), "We are sorry.")
    assert [m["text"] for m in sandbox.messages(channel)] == ["We are sorry."]


def test_slack_500_after_the_retries_is_publish_failed(sandbox, client, channel):
    sandbox.fail_next("chat.postMessage", status=500, times=4)
    with pytest.raises(PublishFailed, match="internal_error"):
        SlackChannelPublisher(client, channel).publish(approved(), "We are sorry.")
    assert len(sandbox.calls_to("chat.postMessage")) == 4
    assert sandbox.messages(channel) == []


def test_slacks_error_name_is_the_reason(sandbox, client):
    outside = sandbox.add_channel("elsewhere", bot_is_member=False)
    with pytest.raises(PublishFailed) as caught:
        SlackChannelPublisher(client, outside).publish(approved(), "We are sorry.")
    assert caught.value.reason == "not_in_channel"


def test_an_unreachable_slack_is_publish_failed():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    client = WebClient(token="xoxb-sandbox", base_url=f"http://127.0.0.1:{port}/api/", retry_handlers=[])
    with pytest.raises(PublishFailed, match="cannot reach Slack"):
        SlackChannelPublisher(client, "C0STATEMENTS").publish(approved(), "We are sorry.")
