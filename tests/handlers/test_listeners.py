"""Listeners on their own: module-level work made into listeners by `acked` and called with what Bolt would hand
them, no app, no HTTP; the work after the ack runs on an executor the test waits on."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from handlers import commands
from handlers.errors import AFTER_ACK, acked
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


def run(work: Callable[..., Any], body: dict[str, Any]) -> tuple[RecordingAck, RecordingClient]:
    ack, client = RecordingAck(), RecordingClient()
    with ThreadPoolExecutor(1) as later:
        acked(work)(ack=ack, body=body, client=client, context={"ports": None, AFTER_ACK: later})
    return ack, client


def test_unknown_sub_command_is_acked_and_explained_to_the_person():
    ack, client = run(commands.crisis_command, {"user_id": "U1", "text": "explode now"})
    assert ack.calls == [{}]
    [reply] = client.posted
    assert reply["channel"] == "U1" and "explode" in reply["text"]


def test_acknowledge_with_a_forged_value_is_refused_before_any_use_case():
    ack, client = run(room_actions.acknowledge, {"user": {"id": "U1"}, "actions": [{"value": "1; drop"}]})
    assert ack.calls == [{}]
    assert client.posted[0]["channel"] == "U1"


def test_each_statement_button_needs_a_statement_and_version():
    for listener in (statement_actions.approve, statement_actions.ask_note, statement_actions.edit):
        ack, client = run(listener, {"user": {"id": "U2"},
                                     "actions": [{"action_id": "statement_reject", "value": "7"}]})
        assert ack.calls == [{}] and len(client.posted) == 1


def test_a_mangled_label_is_refused():
    ack, client = run(monitor_actions.label, {"user": {"id": "U3"},
                                              "actions": [{"selected_option": {"value": "negative"}}]})
    assert ack.calls == [{}]
    assert "negative" in client.posted[0]["text"]
