"""Web API arguments: which each served method requires (and Slack's error when one is missing), and decoding them."""

from __future__ import annotations

import json
from typing import Any

# Derived from Slack's method reference (shared/data/slack-web-api/slack-api-ref-methods/<method>.json):
# the keys are exactly the arguments marked required there; the value is the error Slack answers when the
# argument is missing, taken from that method's documented errors where one fits, else Slack's generic
# `invalid_arguments`. Every method the sandbox serves has an entry, possibly empty.
REQUIRED_ARGS: dict[str, dict[str, str]] = {
    "auth.test": {},
    "team.info": {},
    "users.info": {"user": "user_not_found"},
    "users.lookupByEmail": {"email": "users_not_found"},
    "users.list": {},
    "conversations.create": {"name": "invalid_name_required"},
    "conversations.info": {"channel": "channel_not_found"},
    "conversations.setTopic": {"channel": "channel_not_found", "topic": "invalid_arguments"},
    "conversations.setPurpose": {"channel": "channel_not_found", "purpose": "invalid_arguments"},
    "conversations.invite": {"channel": "channel_not_found", "users": "no_user"},
    "conversations.join": {"channel": "channel_not_found"},
    "conversations.members": {"channel": "channel_not_found"},
    "conversations.open": {},
    "conversations.archive": {"channel": "channel_not_found"},
    "conversations.list": {},
    "conversations.history": {"channel": "channel_not_found"},
    "chat.postMessage": {"channel": "channel_not_found"},
    "chat.update": {"channel": "channel_not_found", "ts": "message_not_found"},
    "chat.delete": {"channel": "channel_not_found", "ts": "message_not_found"},
    "chat.postEphemeral": {"channel": "channel_not_found", "user": "user_not_in_channel"},
    "chat.getPermalink": {"channel": "channel_not_found", "message_ts": "message_not_found"},
    "pins.add": {"channel": "channel_not_found"},
    "reactions.add": {"channel": "channel_not_found", "name": "invalid_name", "timestamp": "no_item_specified"},
    "bookmarks.add": {"title": "invalid_arguments", "type": "invalid_bookmark_type"},
    "chat.scheduleMessage": {"channel": "channel_not_found", "post_at": "invalid_time"},
    "chat.scheduledMessages.list": {},
    "chat.deleteScheduledMessage": {"channel": "channel_not_found",
                                    "scheduled_message_id": "invalid_scheduled_message_id"},
    "views.open": {"view": "invalid_arguments"},
    "views.update": {"view": "invalid_arguments"},
    "views.push": {"view": "invalid_arguments"},
    "views.publish": {"user_id": "invalid_arguments", "view": "invalid_arguments"},
    "files.getUploadURLExternal": {"length": "missing_argument", "filename": "missing_argument"},
    "files.completeUploadExternal": {"files": "invalid_arguments"},
    "files.info": {"file": "file_not_found"},
}

_MESSAGE_CONTENT = ("attachments", "blocks", "text", "markdown_text")
_TRIGGER = ("trigger_id", "interactivity_pointer")

# "At least one of these" groups: the reference's arg_groups, plus arguments the reference marks optional
# that Slack still cannot do without (pins.add's timestamp now that file pins are gone, bookmarks.add's
# channel_id, conversations.open's channel or users).
ONE_OF_ARGS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "chat.postMessage": [(_MESSAGE_CONTENT, "no_text")],
    "chat.postEphemeral": [(_MESSAGE_CONTENT, "no_text")],
    "chat.scheduleMessage": [(_MESSAGE_CONTENT, "no_text")],
    "chat.update": [(_MESSAGE_CONTENT, "no_text")],
    "views.open": [(_TRIGGER, "invalid_arguments")],
    "views.push": [(_TRIGGER, "invalid_arguments")],
    "views.update": [(("external_id", "view_id"), "invalid_arguments")],
    "pins.add": [(("timestamp",), "no_item_specified")],
    "bookmarks.add": [(("channel_id",), "channel_not_found")],
    "conversations.open": [(("channel", "users"), "users_list_not_supplied")],
}

# Arguments whose value is JSON; form-encoded calls carry them as a JSON string.
JSON_ARGS = ("attachments", "blocks", "files", "metadata", "view")


def decode_json_args(args: dict[str, Any]) -> dict[str, Any]:
    """The args with JSON-string values of JSON_ARGS decoded (a string that is not JSON is left as it is)."""
    decoded = dict(args)
    for name in JSON_ARGS:
        value = decoded.get(name)
        if isinstance(value, str) and value.strip():
            try:
                decoded[name] = json.loads(value)
            except ValueError:
                pass
    return decoded


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def missing_argument(method: str, args: dict[str, Any]) -> tuple[str, str] | None:
    """(error, argument) for the first required argument or group the call lacks, else None."""
    for name, error in REQUIRED_ARGS[method].items():
        if _missing(args.get(name)):
            return error, name
    for names, error in ONE_OF_ARGS.get(method, []):
        if all(_missing(args.get(name)) for name in names):
            return error, " or ".join(names)
    return None


def flag(value: Any) -> bool:
    """A boolean argument as Slack reads it: true, 1, "true" or "1"."""
    return value is True or str(value).lower() in ("1", "true")


def split_ids(value: Any) -> list[str]:
    """A comma-separated list of ids (users, channels), blanks dropped."""
    return [part.strip() for part in str(value or "").split(",") if part.strip()]
