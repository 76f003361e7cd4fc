"""/api/messages: the Bot Connector's activities in. Order: size cap, JSON, the token checked (teams/auth.py;
401 and nothing done when it fails), the activity validated with the Agents SDK's schema, the sender's 1:1
conversation remembered, then a message is a command (teams/commands.py) and an `adaptiveCard/action` invoke a
click (teams/actions.py). A person's mistake is told to them (a reply, or the refusal card in place of the
clicked one); our own errors are logged with context and they read only that something went wrong.

Served as a WSGI route of the same process as Slack: the work runs in the request's server thread (the Bot
Connector waits up to 15 s; room set-up left unfinished is resumed by the tick)."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from microsoft_agents.activity import Activity
from pydantic import ValidationError

from crisis.errors import CrisisError, OutsideFailure
from crisis.i18n import Msg, msg
from crisis.ports import Ports
from crisis.views import Card, note
from teams import actions, commands
from teams.auth import ConnectorAuth, Unauthorized
from teams.cards import CARD_TYPE
from teams.chat import TeamsChat
from teams.forms import typed_form
from teams.turns import Answer, Turn

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024
"""Far above a Teams activity (about 28 KB of content plus the envelope)."""


class TeamsApp:
    def __init__(self, ports: Ports, chat: TeamsChat, auth: ConnectorAuth) -> None:
        self.ports, self.chat, self.auth = ports, chat, auth

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        status, body = self.handle(environ)
        data = json.dumps(body).encode() if body is not None else b""
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
        start_response(status, headers)
        return [data]

    def handle(self, environ: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        if environ.get("REQUEST_METHOD") != "POST":
            return "405 Method Not Allowed", None
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return "400 Bad Request", None
        if length > MAX_BODY:
            return "413 Payload Too Large", None
        try:
            raw = json.loads(environ["wsgi.input"].read(length) or b"null")
        except ValueError:
            raw = None
        fields = raw if isinstance(raw, dict) else {}
        try:
            self.auth.check(environ.get("HTTP_AUTHORIZATION"), _text(fields.get("serviceUrl")),
                            _text(fields.get("channelId")))
        except Unauthorized as refusal:
            log.warning("refused an activity on /api/messages: %s", refusal)
            return "401 Unauthorized", None
        try:
            turn = Turn(Activity.model_validate(fields))
        except ValidationError:
            return "400 Bad Request", None
        if not turn.activity.from_property or not turn.activity.conversation or not turn.activity.service_url:
            return "400 Bad Request", None
        self.chat.conversations.learn(turn.activity.from_property.aad_object_id, turn.conversation, turn.kind,
                                      turn.activity.service_url)
        if turn.activity.type == "message":
            self._answer(turn, lambda: commands.on_message(turn, self.ports, self.chat))
            return "200 OK", {}
        if turn.activity.type == "invoke" and turn.activity.name == "adaptiveCard/action":
            return "200 OK", self._click(turn)
        if turn.activity.type == "invoke" and turn.activity.name == "composeExtension/fetchTask":
            return "200 OK", {"task": {"type": "continue", "value": {
                "title": self.chat.render.text(msg("modal.open.title")),
                "card": {"contentType": CARD_TYPE, "content": typed_form(self.chat.render, self.ports,
                                                                         dialog=True)}}}}
        if turn.activity.type == "invoke" and turn.activity.name == "composeExtension/submitAction":
            return "200 OK", self._submitted(turn)
        return "200 OK", {}

    def _submitted(self, turn: Turn) -> dict[str, Any]:
        """The message extension's dialog sent: the crisis opened; the dialog shows what happened."""
        value = turn.activity.value if isinstance(turn.activity.value, dict) else {}
        data = value.get("data") if isinstance(value.get("data"), dict) else {}
        answer = self._answer(turn, lambda: actions.open_crisis(turn, data, self.ports))
        content = answer.card if isinstance(answer.card, dict) or answer.card is None else \
            self.chat.render.card(answer.card)
        if content is None:
            return {}
        return {"task": {"type": "continue", "value": {"card": {"contentType": CARD_TYPE, "content": content}}}}

    def _click(self, turn: Turn) -> dict[str, Any]:
        verb, data = turn.action()
        run = actions.VERBS.get(verb)
        if run is None:
            return self._card(note(msg("error.unknown_action")))
        answer = self._answer(turn, lambda: run(turn, data, self.ports))
        if answer.card is None:
            return {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": ""}
        return self._card(answer.card, answer.refresh)

    def _answer(self, turn: Turn, work: Callable[[], Answer]) -> Answer:
        """The work's answer, or one that tells the person what went wrong; replies are sent here."""
        try:
            answer = work()
        except CrisisError as error:
            answer = self._told(turn, msg(error.key, **error.params))
        except OutsideFailure as failure:
            log.warning("teams %s from %s failed outside: %s", turn.activity.type, turn.user, failure.reason)
            answer = self._told(turn, msg("error.internal"))
        except Exception:
            log.exception("teams %s from %s failed (activity %s)", turn.activity.type, turn.user, turn.activity.id)
            answer = self._told(turn, msg("error.internal"))
        for reply in answer.replies:
            try:
                self.chat.client.send(turn.activity.service_url, turn.conversation, reply)
            except OutsideFailure as failure:
                log.warning("reply to %s not sent: %s", turn.user, failure.reason)
        return answer

    def _told(self, turn: Turn, message: Msg) -> Answer:
        if turn.activity.type == "invoke":
            return Answer(card=note(message))
        return Answer([self.chat.render.note(message)])

    def _card(self, card: Card | dict[str, Any], refresh: dict[str, Any] | None = None) -> dict[str, Any]:
        content = card if isinstance(card, dict) else self.chat.render.card(card)
        return {"statusCode": 200, "type": CARD_TYPE, "value": {**content, **({"refresh": refresh} if refresh else {})}}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
