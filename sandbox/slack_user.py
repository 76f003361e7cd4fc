"""What Slack sends to an app in HTTP mode (signed slash commands, interactions, events) and a person who sends it."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlparse

from crisis.i18n import msg
from sandbox.transcript import said

if TYPE_CHECKING:
    from sandbox.slack_api import SlackSandbox

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def signed_headers(body: str, signing_secret: str, timestamp: int | None = None, *,
                   content_type: str = FORM) -> dict[str, str]:
    """Slack's v0 request signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the app's signing secret."""
    ts = str(int(time.time()) if timestamp is None else int(timestamp))
    digest = hmac.new(signing_secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Signature": f"v0={digest}", "X-Slack-Request-Timestamp": ts, "Content-Type": content_type}


def _user(user_id: str, user_name: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id}


def _team(team_id: str, team_domain: str) -> dict[str, str]:
    return {"id": team_id, "domain": team_domain}


def _payload(payload: dict[str, Any]) -> str:
    """Interaction payloads arrive as one form field, `payload`, holding JSON."""
    return urlencode({"payload": json.dumps(payload)})


def slash_command_body(command: str, text: str, user_id: str, channel_id: str, team_id: str, trigger_id: str,
                       response_url: str, *, user_name: str = "", channel_name: str = "",
                       team_domain: str = "sandbox", api_app_id: str = "", token: str = "") -> str:
    """The form-encoded body Slack POSTs when a person runs a slash command."""
    return urlencode({
        "token": token, "team_id": team_id, "team_domain": team_domain, "channel_id": channel_id,
        "channel_name": channel_name, "user_id": user_id, "user_name": user_name, "command": command,
        "text": text, "api_app_id": api_app_id, "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": trigger_id,
    })


def block_actions_body(user_id: str, actions: list[dict[str, Any]], *, team_id: str, trigger_id: str,
                       response_url: str | None = None, channel_id: str | None = None,
                       message: dict[str, Any] | None = None, container: dict[str, Any] | None = None,
                       view: dict[str, Any] | None = None, user_name: str = "", team_domain: str = "sandbox",
                       api_app_id: str = "", token: str = "") -> str:
    """A block_actions payload: a person used buttons or menus (`actions`: action_id, block_id, value...)."""
    action_ts = f"{time.time():.6f}"
    if container is None:
        container = ({"type": "view", "view_id": view["id"]} if view else
                     {"type": "message", "message_ts": (message or {}).get("ts"), "channel_id": channel_id,
                      "is_ephemeral": False})
    payload: dict[str, Any] = {
        "type": "block_actions", "user": _user(user_id, user_name, team_id), "api_app_id": api_app_id,
        "token": token, "container": container, "trigger_id": trigger_id, "team": _team(team_id, team_domain),
        "enterprise": None, "is_enterprise_install": False,
        "actions": [{"type": "button", "action_ts": action_ts, **action} for action in actions],
        "state": {"values": {}},
    }
    if channel_id:
        payload["channel"] = {"id": channel_id, "name": ""}
    if message is not None:
        payload["message"] = message
    if view is not None:
        payload["view"] = view
    if response_url:
        payload["response_url"] = response_url
    return _payload(payload)


def view_submission_body(user_id: str, callback_id: str, view_id: str, state_values: dict[str, Any],
                         private_metadata: str, trigger_id: str, *, team_id: str,
                         view: dict[str, Any] | None = None, user_name: str = "", team_domain: str = "sandbox",
                         api_app_id: str = "", token: str = "") -> str:
    """A view_submission payload: a person submitted a modal; `view` is the modal as opened, if known."""
    submitted = {**(view or {"type": "modal", "blocks": [], "team_id": team_id}), "id": view_id,
                 "callback_id": callback_id, "private_metadata": private_metadata,
                 "state": {"values": state_values}}
    return _payload({
        "type": "view_submission", "team": _team(team_id, team_domain), "user": _user(user_id, user_name, team_id),
        "api_app_id": api_app_id, "token": token, "trigger_id": trigger_id, "view": submitted,
        "response_urls": [], "is_enterprise_install": False, "enterprise": None,
    })


def event_callback_body(event: dict[str, Any], event_id: str, *, team_id: str, bot_user_id: str,
                        api_app_id: str = "", event_time: int | None = None, token: str = "") -> str:
    """The JSON body of an Events API delivery wrapping `event`."""
    return json.dumps({
        "token": token, "team_id": team_id, "api_app_id": api_app_id, "event": event, "type": "event_callback",
        "event_id": event_id, "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [{"enterprise_id": None, "team_id": team_id, "user_id": bot_user_id, "is_bot": True,
                            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    })


def message_shortcut_body(user_id: str, callback_id: str, channel_id: str, message: dict[str, Any], *,
                          team_id: str, trigger_id: str, response_url: str, user_name: str = "",
                          channel_name: str = "", team_domain: str = "sandbox", token: str = "") -> str:
    """A message_action payload: a person used the app's shortcut on a message."""
    return _payload({
        "type": "message_action", "token": token, "action_ts": f"{time.time():.6f}",
        "team": _team(team_id, team_domain), "user": _user(user_id, user_name, team_id),
        "channel": {"id": channel_id, "name": channel_name}, "is_enterprise_install": False, "enterprise": None,
        "callback_id": callback_id, "trigger_id": trigger_id, "response_url": response_url,
        "message_ts": message["ts"], "message": message,
    })


def _interactive_elements(blocks: list[dict[str, Any]]) -> list[tuple[str | None, dict[str, Any]]]:
    """(block_id, element) for every interactive element of some blocks."""
    found = []
    for block in blocks:
        elements = list(block.get("elements", [])) if block.get("type") == "actions" else []
        elements += [block[key] for key in ("accessory", "element") if isinstance(block.get(key), dict)]
        found += [(block.get("block_id"), e) for e in elements if "action_id" in e]
    return found


def _action(blocks: list[dict[str, Any]], action_id: str, value: str | None = None) -> dict[str, Any]:
    """The action of a click on an element; for checkboxes (`value` names their block), the box of their first
    option toggled and every option ticked after the click sent as selected, as Slack does."""
    for block_id, element in _interactive_elements(blocks):
        kind = element.get("type", "button")
        if element["action_id"] != action_id or value not in (None, block_id if kind == "checkboxes"
                                                                  else element.get("value")):
            continue
        action = {"action_id": action_id, "block_id": block_id, "type": kind}
        action.update({key: element[key] for key in ("value", "text") if key in element})
        if kind == "checkboxes":
            ticked, box = list(element.get("initial_options") or []), element["options"][0]
            action["selected_options"] = [o for o in ticked if o != box] if box in ticked else ticked + [box]
        return action
    raise LookupError(f"no element with action_id {action_id!r}")


def _clicked(action: dict[str, Any]) -> str:
    """How a click reads in the transcript: the button's text, or which checkbox was ticked or unticked."""
    if action["type"] == "checkboxes":
        box = action["block_id"]
        return said(msg("demo.log.ticked", box=box) if action["selected_options"]
                    else msg("demo.log.unticked", box=box))
    return said(msg("demo.log.clicked", button=action.get("text", {}).get("text", action["action_id"])))


class SlackUser:
    """A person using the app through Slack: builds, signs and POSTs what Slack would send to the app.

    Every method returns the app's answer as (HTTP status, body text). Each also takes `retry_num` (Slack's
    retry headers), `timestamp` (e.g. a stale one) and `signature` (e.g. a bad one).
    """

    def __init__(self, app_url: str, signing_secret: str, sandbox: SlackSandbox, *,
                 path: str = "/slack/events") -> None:
        self.url = app_url if urlparse(app_url).path not in ("", "/") else app_url.rstrip("/") + path
        self.signing_secret = signing_secret
        self.sandbox = sandbox

    def post(self, body: str, content_type: str = FORM, *, retry_num: int | None = None,
             retry_reason: str = "http_timeout", timestamp: int | None = None,
             signature: str | None = None) -> tuple[int, str]:
        """Sign `body` and POST it to the app."""
        headers = signed_headers(body, self.signing_secret, timestamp, content_type=content_type)
        if signature is not None:
            headers["X-Slack-Signature"] = signature
        if retry_num is not None:
            headers.update({"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason})
        request = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode()

    def _who(self, user_id: str) -> dict[str, str]:
        user = self.sandbox.user(user_id) or {"name": user_id}
        return {"user_name": user["name"], "team_id": self.sandbox.team_id}

    def _channel_id(self, channel: str, user_id: str) -> str:
        """The conversation's id; a private channel exists only for its members, as in Slack."""
        found = self.sandbox.channel(channel)
        if found is None or (found.get("is_private") and user_id not in found["members"]):
            raise LookupError(f"no conversation {channel!r} that {user_id} can see")
        return found["id"]

    def _message(self, channel_id: str, ts: str) -> dict[str, Any]:
        candidates = self.sandbox.messages(channel_id) + self.sandbox.ephemeral_messages()
        found = next((m for m in candidates if m["ts"] == ts), None)
        if found is None:
            raise LookupError(f"no message {ts} in {channel_id}")
        return found

    def command(self, user_id: str, command: str, text: str = "", *, channel: str, **send: Any) -> tuple[int, str]:
        """Run a slash command (e.g. "/crisis", "open sev1 ...") in a channel (id or name)."""
        channel_id = self._channel_id(channel, user_id)
        self.sandbox.log_action(user_id, f"{command} {text}".strip(), channel_id)
        body = slash_command_body(command, text, user_id, channel_id,
                                  trigger_id=self.sandbox.issue_trigger_id(user_id),
                                  response_url=self.sandbox.response_url(user_id, channel_id),
                                  api_app_id=self.sandbox.app_id, **self._who(user_id))
        return self.post(body, **send)

    def click(self, user_id: str, channel: str, message_ts: str, action_id: str, value: str | None = None,
              **send: Any) -> tuple[int, str]:
        """Click a button (or use the element) with `action_id` (and `value`, when several share it) on a message."""
        return self.post(self.click_body(user_id, channel, message_ts, action_id, value), **send)

    def click_body(self, user_id: str, channel: str, message_ts: str, action_id: str, value: str | None = None) -> str:
        """The block_actions payload of one click, as the message is now (two calls: a double click)."""
        channel_id = self._channel_id(channel, user_id)
        message = self._message(channel_id, message_ts)
        action = _action(message.get("blocks", []), action_id, value)
        self.sandbox.log_action(user_id, _clicked(action), channel_id)
        container = {"type": "message", "message_ts": message_ts, "channel_id": channel_id,
                     "is_ephemeral": "source" in message}
        return block_actions_body(user_id, [action], channel_id=channel_id, message=message, container=container,
                                  trigger_id=self.sandbox.issue_trigger_id(user_id),
                                  response_url=self.sandbox.response_url(user_id, channel_id, message_ts),
                                  api_app_id=self.sandbox.app_id, **self._who(user_id))

    def _view(self, view_id: str) -> dict[str, Any]:
        view = self.sandbox.view(view_id)
        if view is None:
            raise LookupError(f"no view {view_id}")
        return view

    def click_in_view(self, user_id: str, view_id: str, action_id: str, **send: Any) -> tuple[int, str]:
        """Use the element with `action_id` inside a modal or Home tab."""
        view = self._view(view_id)
        action = _action(view.get("blocks", []), action_id)
        body = block_actions_body(user_id, [action], view=view, trigger_id=self.sandbox.issue_trigger_id(user_id),
                                  api_app_id=self.sandbox.app_id, **self._who(user_id))
        return self.post(body, **send)

    def submit_view(self, user_id: str, view_id: str, values: dict[str, dict[str, Any]],
                    **send: Any) -> tuple[int, str]:
        """Submit a modal. `values`: {block_id: {action_id: value}}; a str is a plain_text_input's value,
        a dict is passed as Slack's state value itself (e.g. {"type": "static_select", "selected_option": ...})."""
        view = self._view(view_id)
        state = {block_id: {action_id: ({"type": "plain_text_input", "value": v} if isinstance(v, str) else v)
                            for action_id, v in actions.items()}
                 for block_id, actions in values.items()}
        title = (view.get("title") or {}).get("text", view_id)
        self.sandbox.log_action(user_id, said(msg("demo.log.submitted", title=title)))
        body = view_submission_body(user_id, view["callback_id"], view_id, state, view["private_metadata"],
                                    self.sandbox.issue_trigger_id(user_id), view=view,
                                    api_app_id=self.sandbox.app_id, **self._who(user_id))
        return self.post(body, **send)

    def send_event(self, event: dict[str, Any], event_id: str | None = None, **send: Any) -> tuple[int, str]:
        """Deliver an Events API event (send the same event_id with retry_num=1 to act out Slack's retry)."""
        body = event_callback_body(event, event_id or f"Ev{time.time_ns()}", team_id=self.sandbox.team_id,
                                   bot_user_id=self.sandbox.bot_user_id, api_app_id=self.sandbox.app_id)
        return self.post(body, JSON, **send)

    def open_home(self, user_id: str, tab: str = "home", event_id: str | None = None, **send: Any) -> tuple[int, str]:
        """The person opens the app's Home (or Messages) tab: Slack sends `app_home_opened`."""
        return self.send_event(self.sandbox.open_home(user_id, tab), event_id, **send)

    def deactivate(self, user_id: str, event_id: str | None = None, **send: Any) -> tuple[int, str]:
        """A workspace admin deactivates the person: the sandbox marks them deleted and Slack sends `user_change`
        (send the same event_id again, with retry_num, to act out Slack's retry)."""
        user = self.sandbox.deactivate(user_id)
        event = {"type": "user_change", "user": user, "cache_ts": int(time.time()), "event_ts": f"{time.time():.6f}"}
        return self.send_event(event, event_id, **send)

    def message_shortcut(self, user_id: str, channel: str, message_ts: str, callback_id: str,
                         **send: Any) -> tuple[int, str]:
        """Use the app's message shortcut `callback_id` on a message."""
        channel_id = self._channel_id(channel, user_id)
        message = self._message(channel_id, message_ts)
        self.sandbox.log_action(user_id, said(msg("demo.log.shortcut", name=repr(callback_id))), channel_id)
        body = message_shortcut_body(user_id, callback_id, channel_id, message,
                                     trigger_id=self.sandbox.issue_trigger_id(user_id),
                                     response_url=self.sandbox.response_url(user_id, channel_id, message_ts),
                                     **self._who(user_id))
        return self.post(body, **send)
