"""Commands as messages to the bot (`crisis open Printer fire`, or `open ...` in the 1:1 chat; a leading
@mention of the bot is dropped): parse the text, call the use case or show its form, reply."""
from __future__ import annotations

import re
from collections.abc import Callable

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.room import services
from crisis.room.rules import MAX_TITLE, clean_text
from crisis.room.views import crisis_card
from teams import statements, takedowns
from teams.chat import TeamsChat
from teams.forms import open_form
from teams.turns import Answer, Turn

_MENTION = re.compile(r"<at>[^<]*</at>")
_CARD = "application/vnd.microsoft.card.adaptive"


def on_message(turn: Turn, ports: Ports, chat: TeamsChat) -> Answer:
    text = _MENTION.sub("", turn.activity.text or "").strip()
    if text.lower().startswith("crisis"):
        text = text[len("crisis"):].strip()
    sub, _, rest = text.partition(" ")
    run = COMMANDS.get(sub.lower() or "help")
    if run is None:
        raise BadInput("error.unknown_subcommand", sub=sub[:40], help=msg("help.short"))
    return run(turn, rest.strip(), ports, chat)


def open_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    title, trimmed = clean_text(text, MAX_TITLE)
    replies = [{"type": "message", "attachments": [{"contentType": _CARD,
                                                    "content": open_form(chat.render, ports.plan, title)}]}]
    if trimmed:
        replies.append(chat.render.note(msg("notice.title_trimmed", limit=MAX_TITLE)))
    return Answer(replies)


def status_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    crisis = services.crisis_for_channel(turn.conversation, ports=ports)
    return Answer([chat.render.activity(crisis_card(crisis, ports.plan))])


def close_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    """`crisis close <resolution>` in the crisis room (Slack asks for the resolution in a modal)."""
    services.check_may_close(turn.conversation, user=turn.user, ports=ports)
    services.close_crisis(turn.conversation, text, user=turn.user, request_key=turn.request_key, ports=ports)
    return Answer()


def draft_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    return statements.draft_command(turn, text, ports)


def help_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    return Answer([chat.render.note(msg("help.text"))])


COMMANDS: dict[str, Callable[[Turn, str, Ports, TeamsChat], Answer]] = {
    "open": open_command,
    "status": status_command,
    "draft": draft_command,
    "close": close_command,
    "takedown": takedowns.takedown_command,
    "help": help_command,
}
