"""The transcript tells what each person saw; Block Kit is rendered as plain text and checked like Slack."""

from __future__ import annotations

import pytest
from slack_sdk.webhook import WebhookClient

from crisis.i18n import voice
from sandbox.blockkit import BlocksFormatError, block_errors, render_blocks, view_errors


def test_transcript_tells_the_story_in_time_order(client, sandbox, clock, alice):
    channel = client.conversations_create(name="crisis-outage")["channel"]["id"]
    client.conversations_setTopic(channel=channel, topic="SEV1")
    card = client.chat_postMessage(channel=channel, text="Crisis card", blocks=[
        {"type": "header", "text": {"type": "plain_text", "text": "SEV1: outage"}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f"*Lead*\n<@{alice}>"}]},
        {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Acknowledge"},
                                          "action_id": "ack"}]},
    ])["ts"]
    client.pins_add(channel=channel, timestamp=card)
    clock.advance(60)
    client.chat_postMessage(channel=alice, text="You are paged as crisis lead")
    client.conversations_invite(channel=channel, users=alice)
    client.chat_postEphemeral(channel=channel, user=alice,
                              text=f"Only for you, see <#{channel}> &amp; <https://x.example/pb|the playbook>")
    WebhookClient(sandbox.response_url(alice, channel)).send(text="Try /crisis help")
    client.views_open(trigger_id=sandbox.issue_trigger_id(alice), view={
        "type": "modal", "title": {"type": "plain_text", "text": "Open a crisis"},
        "submit": {"type": "plain_text", "text": "Open"},
        "blocks": [{"type": "input", "label": {"type": "plain_text", "text": "Summary"},
                    "element": {"type": "plain_text_input", "action_id": "v"}}]})
    client.chat_update(channel=channel, ts=card, text="Crisis card", blocks=[
        {"type": "header", "text": {"type": "plain_text", "text": "SEV1: outage"}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": f"*Lead*\n<@{alice}> :white_check_mark:"}]}])
    client.files_upload_v2(channel=channel, content="x" * 10, filename="report.md", title="Report")
    sandbox.log_action(alice, "/crisis close", channel)

    assert sandbox.transcript().splitlines() == [
        "21:00:00  #crisis-outage  @crisisbot: created the channel",
        "21:00:00  #crisis-outage  @crisisbot: set the channel topic: SEV1",
        "21:00:00  #crisis-outage  @crisisbot: *SEV1: outage*",
        "          *Lead* @alice",
        "          [Acknowledge]",
        "21:00:00  #crisis-outage  @crisisbot: pinned: *SEV1: outage*",
        "21:01:00  DM @alice  @crisisbot: You are paged as crisis lead",
        "21:01:00  #crisis-outage  @crisisbot: added @alice",
        "21:01:00  only @alice in #crisis-outage  @crisisbot: Only for you, see #crisis-outage & the playbook",
        "21:01:00  only @alice in #crisis-outage  @crisisbot: Try /crisis help",
        '21:01:00  modal for @alice  @crisisbot: opened "Open a crisis" fields: Summary [Open]',
        "21:01:00  #crisis-outage  @crisisbot: edited: *SEV1: outage*",
        "          *Lead* @alice :white_check_mark:",
        "21:01:00  #crisis-outage  @crisisbot: [file: Report (10 bytes)]",
        "21:01:00  #crisis-outage  @alice: /crisis close",
    ]


def test_a_dutch_teams_transcript_tells_what_happened_in_dutch(client, sandbox, alice):
    """The story's own words (created, pinned, edited, modal, fields, file...) are the catalog's, in the team's
    language: `crisisbot demo --lang nl` prints no English between the Dutch messages."""
    voice.speak_as_team(voice.Voice("nl"))
    channel = client.conversations_create(name="crisis-storing")["channel"]["id"]
    client.conversations_setTopic(channel=channel, topic="SEV1")
    card = client.chat_postMessage(channel=channel, text="Crisiskaart")["ts"]
    client.pins_add(channel=channel, timestamp=card)
    client.conversations_invite(channel=channel, users=alice)
    client.chat_postEphemeral(channel=channel, user=alice, text="Alleen voor jou")
    client.views_open(trigger_id=sandbox.issue_trigger_id(alice), view={
        "type": "modal", "title": {"type": "plain_text", "text": "Crisis openen"},
        "submit": {"type": "plain_text", "text": "Openen"},
        "blocks": [{"type": "input", "label": {"type": "plain_text", "text": "Titel"},
                    "element": {"type": "plain_text_input", "action_id": "v"}}]})
    client.chat_update(channel=channel, ts=card, text="Crisiskaart, bijgewerkt")
    client.files_upload_v2(channel=channel, content="x" * 10, filename="rapport.md", title="Rapport")

    assert [line[10:] for line in sandbox.transcript().splitlines()] == [
        "#crisis-storing  @crisisbot: maakte het kanaal aan",
        "#crisis-storing  @crisisbot: zette het onderwerp van het kanaal: SEV1",
        "#crisis-storing  @crisisbot: Crisiskaart",
        "#crisis-storing  @crisisbot: vastgemaakt: Crisiskaart",
        "#crisis-storing  @crisisbot: voegde @alice toe",
        "alleen voor @alice in #crisis-storing  @crisisbot: Alleen voor jou",
        'venster voor @alice  @crisisbot: opende "Crisis openen" velden: Titel [Openen]',
        "#crisis-storing  @crisisbot: bewerkt: Crisiskaart, bijgewerkt",
        "#crisis-storing  @crisisbot: [bestand: Rapport (10 bytes)]",
    ]


def test_render_blocks_reads_like_slack():
    blocks = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "12 mentions"},
                                          {"type": "image", "image_url": "https://x/y.png", "alt_text": "chart"}]},
        {"type": "divider"},
        {"type": "input", "optional": True, "label": {"type": "plain_text", "text": "Severity"},
         "element": {"type": "static_select", "placeholder": {"type": "plain_text", "text": "Pick one"}}},
        {"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
            {"type": "text", "text": "hi "}, {"type": "user", "user_id": "U1"}]}]},
    ]
    assert render_blocks(blocks) == ["12 mentions [image: chart]", "---", "Severity (optional): [Pick one ▾]",
                                     "hi <@U1>"]


def test_block_errors_name_what_slack_would():
    duplicate = [{"type": "divider", "block_id": "a"}, {"type": "divider", "block_id": "a"}]
    assert "duplicate block_id" in block_errors(duplicate)[0]
    assert "must provide text or fields" in block_errors([{"type": "section"}])[0]
    with pytest.raises(BlocksFormatError):
        block_errors({"type": "divider"})


def test_a_modal_with_inputs_needs_a_submit_button():
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"},
            "blocks": [{"type": "input", "label": {"type": "plain_text", "text": "L"},
                        "element": {"type": "plain_text_input", "action_id": "a"}}]}
    assert view_errors(view) == [
        "[ERROR] must provide submit text when using input blocks [json-pointer:/view/submit]"]
