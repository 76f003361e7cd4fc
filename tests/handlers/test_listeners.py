"""Listeners on their own: module-level functions called with what Bolt would hand them, no app, no HTTP."""
from __future__ import annotations

from typing import Any

from handlers import commands
from handlers.monitor import actions as monitor_actions
from handlers.room import actions as room_actions
from handlers.statements import actions as statement_actions


class RecordingAck:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **answer: Any) -> None:
        self.calls.append(answer)


class RecordingClient:
    """The one WebClient call a reply needs when the payload has no response_url: a DM."""

    def __init__(self) -> None:
        self.posted: list[dict[str, Any]] = []

    def chat_postMessage(self, **args: Any) -> None:
        self.posted.append(args)


def test_unknown_sub_command_is_acked_and_explained_to_the_person():
    ack, client = RecordingAck(), RecordingClient()
    commands.crisis_command(ack=ack, body={"user_id": "U1", "text": "explode now"}, client=client, ports=None)
    assert ack.calls == [{}]
    [reply] = client.posted
    assert reply["channel"] == "U1" and "explode" in reply["text"]


def test_acknowledge_with_a_forged_value_is_refused_before_any_use_case():
    ack, client = RecordingAck(), RecordingClient()
    room_actions.acknowledge(ack=ack, body={"user": {"id": "U1"}}, action={"value": "1; drop"}, client=client,
                             ports=None)
    assert ack.calls == [{}]
    assert client.posted[0]["channel"] == "U1"


def test_each_statement_button_needs_a_statement_and_version():
    for listener in (statement_actions.approve, statement_actions.ask_note, statement_actions.edit):
        ack, client = RecordingAck(), RecordingClient()
        listener(ack=ack, body={"user": {"id": "U2"}}, action={"action_id": "statement_reject", "value": "7"},
                 client=client, ports=None)
        assert ack.calls == [{}] and len(client.posted) == 1


def test_a_mangled_label_is_refused():
    ack, client = RecordingAck(), RecordingClient()
    monitor_actions.label(ack=ack, body={"user": {"id": "U3"}}, action={"selected_option": {"value": "negative"}},
                          client=client, ports=None)
    assert ack.calls == [{}]
    assert "negative" in client.posted[0]["text"]
