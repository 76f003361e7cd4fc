"""What Slack sends to an app: signatures slack_sdk verifies, payloads Bolt accepts, SlackUser driving a Bolt app."""

from __future__ import annotations

import json
import threading
import time
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from crisis.i18n import voice
from sandbox.slack_user import SlackUser, block_actions_body, signed_headers, slash_command_body

SECRET = "sandbox-signing-secret"
OPEN_MODAL = {
    "type": "modal", "callback_id": "crisis_open", "title": {"type": "plain_text", "text": "Open a crisis"},
    "submit": {"type": "plain_text", "text": "Open"}, "private_metadata": "from-command",
    "blocks": [{"type": "input", "block_id": "summary", "label": {"type": "plain_text", "text": "Summary"},
                "element": {"type": "plain_text_input", "action_id": "value"}}],
}


def test_signed_headers_verify_with_slack_sdk():
    body = "command=%2Fcrisis&text=open"
    headers = signed_headers(body, SECRET)
    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid(body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"])
    assert not verifier.is_valid(body + "x", headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"])
    stale = signed_headers(body, SECRET, timestamp=int(time.time()) - 600)
    assert not verifier.is_valid(body, stale["X-Slack-Request-Timestamp"], stale["X-Slack-Signature"])


def test_slash_command_body_is_form_encoded_like_slacks():
    body = parse_qs(slash_command_body("/crisis", "open sev1", "U1", "C1", "T1", "1.2.abc", "http://r/1"))
    assert {k: v[0] for k, v in body.items() if k in ("command", "text", "user_id", "trigger_id")} == {
        "command": "/crisis", "text": "open sev1", "user_id": "U1", "trigger_id": "1.2.abc"}


def test_block_actions_body_carries_the_payload_as_json():
    body = block_actions_body("U1", [{"action_id": "ack", "block_id": "b", "value": "42"}], team_id="T1",
                              trigger_id="1.2.abc", channel_id="C1", message={"ts": "1.000001"})
    payload = json.loads(parse_qs(body)["payload"][0])
    assert payload["type"] == "block_actions" and payload["actions"][0]["value"] == "42"
    assert payload["container"] == {"type": "message", "message_ts": "1.000001", "channel_id": "C1",
                                    "is_ephemeral": False}


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def app_url(sandbox):
    """A small Bolt app in HTTP mode, talking to the sandbox, served on loopback."""
    app = App(signing_secret=SECRET, process_before_response=True,
              client=WebClient(token=sandbox.token, base_url=sandbox.api_url))

    @app.command("/crisis")
    def crisis(ack, body, client, respond):
        ack()
        if body["text"] == "open":
            client.views_open(trigger_id=body["trigger_id"], view=OPEN_MODAL)
        else:
            respond(f"Unknown subcommand {body['text']!r}")

    @app.view("crisis_open")
    def submitted(ack, view, body, client):
        summary = view["state"]["values"]["summary"]["value"]["value"]
        if not summary.strip():
            ack(response_action="errors", errors={"summary": "Say what happened"})
            return
        ack()
        client.chat_postMessage(channel="alerts", text=f"Crisis opened: {summary}", blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": f"Crisis opened: {summary}"}},
            {"type": "actions", "block_id": "card", "elements": [{"type": "button", "action_id": "ack",
             "text": {"type": "plain_text", "text": "Acknowledge"}, "value": view["private_metadata"]}]}])

    @app.action("ack")
    def acknowledged(ack, body, respond):
        ack()
        respond(replace_original=True, text=f"Acknowledged by <@{body['user']['id']}> ({body['actions'][0]['value']})")

    @app.event("app_mention")
    def mentioned(event, say, request):
        say(f"Hi <@{event['user']}> (retry {request.headers.get('x-slack-retry-num', ['0'])[0]})")

    @app.message_shortcut("summarise")
    def summarise(ack, shortcut, respond):
        ack()
        respond(f"Summary of {shortcut['message']['ts']}")

    server = make_server("127.0.0.1", 0, SlackRequestHandler(app), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def person(app_url, sandbox):
    return SlackUser(app_url, SECRET, sandbox)


def test_a_person_opens_submits_and_acknowledges_through_bolt(sandbox, person, alice):
    alerts = sandbox.add_channel("alerts", members=[alice])
    assert person.command(alice, "/crisis", "open", channel="alerts") == (200, "")
    [modal] = sandbox.views_opened()

    status, body = person.submit_view(alice, modal["id"], {"summary": {"value": "  "}})
    assert (status, json.loads(body)["response_action"]) == (200, "errors")
    assert person.submit_view(alice, modal["id"], {"summary": {"value": "Checkout down"}})[0] == 200
    [card] = sandbox.messages(alerts)
    assert card["text"] == "Crisis opened: Checkout down"

    assert person.click(alice, "alerts", card["ts"], "ack")[0] == 200
    assert sandbox.messages(alerts)[0]["text"] == f"Acknowledged by <@{alice}> (from-command)"
    assert "@alice: clicked [Acknowledge]" in sandbox.transcript()


def test_what_a_person_did_reads_in_the_teams_language(sandbox, person, alice):
    voice.speak_as_team(voice.Voice("nl"))
    alerts = sandbox.add_channel("alerts", members=[alice])
    person.command(alice, "/crisis", "open", channel="alerts")
    [modal] = sandbox.views_opened()
    person.submit_view(alice, modal["id"], {"summary": {"value": "Checkout down"}})
    person.click(alice, "alerts", sandbox.messages(alerts)[0]["ts"], "ack")
    assert '@alice: verstuurde "' in sandbox.transcript() and "@alice: klikte op [Acknowledge]" in sandbox.transcript()


def test_a_command_reply_through_the_response_url(sandbox, person, alice):
    sandbox.add_channel("alerts", members=[alice])
    person.command(alice, "/crisis", "dance", channel="alerts")
    assert [e["text"] for e in sandbox.ephemeral_messages(alice)] == ["Unknown subcommand 'dance'"]


def test_events_and_message_shortcuts(sandbox, person, alice):
    alerts = sandbox.add_channel("alerts", members=[alice])
    mention = {"type": "app_mention", "user": alice, "text": f"<@{sandbox.bot_user_id}> hi", "ts": "1.000001",
               "channel": alerts, "event_ts": "1.000001"}
    assert person.send_event(mention, event_id="Ev0001")[0] == 200
    assert person.send_event(mention, event_id="Ev0001", retry_num=1)[0] == 200  # Bolt does not dedupe retries
    assert [m["text"] for m in sandbox.messages(alerts)] == [f"Hi <@{alice}> (retry 0)", f"Hi <@{alice}> (retry 1)"]

    ts = sandbox.add_message(alerts, "Is the app down?", alice)
    assert person.message_shortcut(alice, "alerts", ts, "summarise")[0] == 200
    assert sandbox.ephemeral_messages(alice)[-1]["text"] == f"Summary of {ts}"


def test_bolt_refuses_a_stale_timestamp_or_a_bad_signature(sandbox, person, alice):
    sandbox.add_channel("alerts", members=[alice])
    assert person.command(alice, "/crisis", "open", channel="alerts", timestamp=int(time.time()) - 600)[0] == 401
    assert person.command(alice, "/crisis", "open", channel="alerts", signature="v0=bad")[0] == 401
    assert sandbox.views_opened() == []
