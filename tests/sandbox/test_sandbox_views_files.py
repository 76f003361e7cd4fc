"""Modals and Home tabs (trigger ids: 3 s, once), the files upload v2 flow, and response URLs."""

from __future__ import annotations

import re

import pytest

from slack_sdk.webhook import WebhookClient


def _modal(title="Open a crisis", blocks=None, **extra):
    blocks = blocks if blocks is not None else [
        {"type": "input", "block_id": "summary", "label": {"type": "plain_text", "text": "Summary"},
         "element": {"type": "plain_text_input", "action_id": "value"}},
    ]
    return {"type": "modal", "callback_id": "crisis_open", "title": {"type": "plain_text", "text": title},
            "submit": {"type": "plain_text", "text": "Open"}, "blocks": blocks, **extra}


def test_views_open_with_a_fresh_trigger_id(client, sandbox, alice):
    trigger_id = sandbox.issue_trigger_id(alice)
    assert re.fullmatch(r"\d+\.\d+\.[0-9a-f]+", trigger_id)
    view = client.views_open(trigger_id=trigger_id, view=_modal())["view"]
    assert re.fullmatch(r"V[0-9A-Z]{10}", view["id"]) and view["callback_id"] == "crisis_open"
    assert [v["id"] for v in sandbox.views_opened()] == [view["id"]]


def test_a_trigger_id_works_once(client, sandbox, refused):
    trigger_id = sandbox.issue_trigger_id()
    client.views_open(trigger_id=trigger_id, view=_modal())
    assert refused(client.views_open, trigger_id=trigger_id, view=_modal())["error"] == "exchanged_trigger_id"


def test_a_trigger_id_expires_after_3_seconds(client, sandbox, clock, refused):
    trigger_id = sandbox.issue_trigger_id()
    clock.advance(3.01)
    assert refused(client.views_open, trigger_id=trigger_id, view=_modal())["error"] == "expired_trigger_id"


def test_an_unknown_trigger_id_is_invalid(client, refused):
    assert refused(client.views_open, trigger_id="1.2.abc", view=_modal())["error"] == "invalid_trigger_id"


@pytest.mark.parametrize("view, message", [
    (_modal(title="x" * 25), "must be less than 25 characters [json-pointer:/view/title/text]"),
    (_modal(blocks=[{"type": "divider"}] * 101), "no more than 100 items allowed [json-pointer:/view/blocks]"),
    ({**_modal(), "submit": None} | {"submit": {"type": "plain_text", "text": "y" * 25}}, "/view/submit/text"),
])
def test_views_open_refuses_invalid_modals(client, sandbox, refused, view, message):
    answer = refused(client.views_open, trigger_id=sandbox.issue_trigger_id(), view=view)
    assert answer["error"] == "invalid_arguments"
    assert message in answer["response_metadata"]["messages"][0]


def test_a_refused_modal_leaves_the_trigger_id_usable(client, sandbox, refused):
    trigger_id = sandbox.issue_trigger_id()
    refused(client.views_open, trigger_id=trigger_id, view=_modal(title="x" * 25))
    assert client.views_open(trigger_id=trigger_id, view=_modal())["ok"]


def test_views_update_and_push(client, sandbox, refused):
    opened = client.views_open(trigger_id=sandbox.issue_trigger_id("U1"), view=_modal())["view"]
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=_modal(title="Opening..."))["view"]
    assert updated["id"] == opened["id"] and sandbox.view(opened["id"])["title"]["text"] == "Opening..."
    assert refused(client.views_update, view_id=opened["id"], hash="stale", view=_modal())["error"] == "hash_conflict"
    assert refused(client.views_update, view_id="V0NOTHERE00", view=_modal())["error"] == "not_found"

    pushed = client.views_push(trigger_id=sandbox.issue_trigger_id("U1"), view=_modal(title="Details"))["view"]
    assert (pushed["root_view_id"], pushed["previous_view_id"]) == (opened["id"], opened["id"])
    client.views_push(trigger_id=sandbox.issue_trigger_id("U1"), view=_modal(title="More"))
    limit = refused(client.views_push, trigger_id=sandbox.issue_trigger_id("U1"), view=_modal(title="Too deep"))
    assert limit["error"] == "push_limit_reached"


def test_views_publish_a_home_tab(client, sandbox, alice):
    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "No open crisis"}}]}
    first = client.views_publish(user_id=alice, view=home)["view"]
    again = client.views_publish(user_id=alice, view=home)["view"]
    assert first["id"] == again["id"] and sandbox.home_view(alice)["blocks"] == home["blocks"]


def test_files_upload_v2(client, sandbox, channel):
    answer = client.files_upload_v2(channel=channel, content="# Report\nAll good.", filename="report.md",
                                    title="Crisis report", initial_comment="Report attached")
    file_id = answer["file"]["id"]
    [stored] = sandbox.files()
    assert (stored["id"], stored["title"], stored["content"]) == (file_id, "Crisis report", b"# Report\nAll good.")
    [message] = sandbox.messages(channel)
    assert message["text"] == "Report attached" and message["files"][0]["id"] == file_id
    info = client.files_info(file=file_id)["file"]
    assert info["channels"] == [channel] and info["mimetype"] == "text/markdown"
    assert [c.method for c in sandbox.calls][1:] == [
        "files.getUploadURLExternal", "files.completeUploadExternal", "files.info"]  # no files.info of its own


def test_completing_an_upload_nobody_made_is_file_not_found(client, refused):
    answer = refused(client.files_completeUploadExternal, files=[{"id": "F0NOTHERE00", "title": "x"}])
    assert answer["error"] == "file_not_found"


def test_files_info_of_an_unknown_file(client, refused):
    assert refused(client.files_info, file="F0NOTHERE00")["error"] == "file_not_found"


def test_response_url_replies_are_ephemeral_by_default(sandbox, channel, alice):
    url = sandbox.response_url(alice, channel)
    response = WebhookClient(url).send(text="Type `/crisis open <summary>`")
    assert (response.status_code, response.body) == (200, "ok")
    [reply] = sandbox.ephemeral_messages(alice)
    assert (reply["text"], reply["source"]) == ("Type `/crisis open <summary>`", "response_url")
    assert reply["channel"] == channel
    assert sandbox.responses()[0]["body"] == {"text": "Type `/crisis open <summary>`"}


def test_response_url_in_channel_posts_to_the_channel(sandbox, channel, alice):
    WebhookClient(sandbox.response_url(alice, channel)).send(text="Crisis opened", response_type="in_channel")
    assert [m["text"] for m in sandbox.messages(channel)] == ["Crisis opened"]


def test_response_url_replaces_or_deletes_the_original(client, sandbox, channel, alice):
    ts = client.chat_postMessage(channel=channel, text="Spike!", blocks=[_section_with_button()])["ts"]
    WebhookClient(sandbox.response_url(alice, channel, ts)).send(text="Snoozed by @alice", replace_original=True)
    [message] = sandbox.messages(channel)
    assert message["text"] == "Snoozed by @alice" and "blocks" not in message
    WebhookClient(sandbox.response_url(alice, channel, ts)).send_dict({"delete_original": True})
    assert sandbox.messages(channel) == []


def test_response_url_refusals(sandbox, channel):
    assert WebhookClient(sandbox.response_url(None, channel)).send_dict({}).status_code == 400
    assert WebhookClient(sandbox.api_url.replace("api/", "response/unknown")).send(text="x").status_code == 404


def _section_with_button():
    return {"type": "section", "text": {"type": "mrkdwn", "text": "Spike!"},
            "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Snooze"}, "action_id": "snooze"}}
