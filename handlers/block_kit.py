"""Block Kit: Slack's markup for catalog messages and user text, and the rendering of neutral views to blocks."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from crisis.i18n import Msg, render
from crisis.views import (
    Button,
    Buttons,
    Card,
    Example,
    Facts,
    Listing,
    Notes,
    Part,
    Quote,
    Text,
    Title,
    Words,
)
from handlers import ids

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
QUOTE_LIMIT = 2900
OPTION_VALUE_LIMIT = 150


class SlackStyle:
    """Slack mrkdwn: mentions as <@U..>, times in each reader's time zone, user text escaped."""

    def user(self, user_id: str) -> str:
        return f"<@{user_id}>"

    def channel(self, channel_id: str) -> str:
        return f"<#{channel_id}>"

    def time(self, at: datetime) -> str:
        return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{at:%Y-%m-%d %H:%M} UTC>"

    def text(self, value: str) -> str:
        return escape(value)


SLACK = SlackStyle()


def escape(text: str) -> str:
    """Slack's three control characters, so nobody can @channel or link-spoof through the bot."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(message: Msg) -> str:
    return render(message, SLACK)


def plain(message: Msg) -> str:
    return render(message)


def plain_text(message: Msg) -> dict[str, str]:
    return {"type": "plain_text", "text": plain(message)}


def section(message: Msg | str) -> dict[str, Any]:
    text = message if isinstance(message, str) else slack_text(message)
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_LIMIT)}}


def text_message(message: Msg) -> dict[str, Any]:
    """chat.postMessage / respond arguments for a one-section message with a plain fallback."""
    return {"text": cut(slack_text(message), SECTION_LIMIT), "blocks": [section(message)]}


def input_block(block_id: str, label: Msg, element: dict[str, Any], optional: bool = False,
                hint: Msg | None = None) -> dict[str, Any]:
    """A modal field."""
    block = {"type": "input", "block_id": block_id, "label": plain_text(label), "element": element,
             "optional": optional}
    if hint:
        block["hint"] = plain_text(hint)
    return block


def option(value: str, text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": cut(text, 75)}, "value": value}


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- neutral views ------------------------------------------------------------------------------

def message(card: Card) -> dict[str, Any]:
    """chat.postMessage / chat.update arguments for a view: its notification text and its blocks."""
    return {"text": slack_text(card.summary), "blocks": [block(part) for part in card.parts]}


def block(part: Part) -> dict[str, Any]:
    if isinstance(part, Title):
        return {"type": "header", "text": {"type": "plain_text", "text": cut(plain(part.text), HEADER_LIMIT)}}
    if isinstance(part, Text):
        return section("\n".join(_line(line) for line in part.lines))
    if isinstance(part, Listing):
        return section(slack_text(part.heading) + "\n" + "\n".join(slack_text(item) for item in part.items))
    if isinstance(part, Quote):
        return section("\n".join("> " + line for line in escape(part.text)[:QUOTE_LIMIT].splitlines() or [""]))
    if isinstance(part, Facts):
        return {"type": "section", "fields": [{"type": "mrkdwn", "text": slack_text(f)} for f in part.items]}
    if isinstance(part, Notes):
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": slack_text(n)} for n in part.items]}
    if isinstance(part, Buttons):
        return {"type": "actions", "block_id": part.group, "elements": [button(b) for b in part.buttons]}
    if isinstance(part, Example):
        return _example(part)
    raise TypeError(f"no Block Kit for {part!r}")


def button(choice: Button) -> dict[str, Any]:
    rendered = {"type": "button", "action_id": ids.ACTION_IDS[choice.action], "value": choice.value,
                "text": plain_text(choice.label)}
    if choice.emphasis:
        rendered["style"] = choice.emphasis.value
    return rendered


def _line(line: Msg | Words) -> str:
    return escape(line.text) if isinstance(line, Words) else slack_text(line)


_LABEL_ICONS = {"negative": ":red_circle:", "positive": ":large_green_circle:", "neutral": ":white_circle:"}


def _example(example: Example) -> dict[str, Any]:
    line = f"{_LABEL_ICONS.get(example.label, ':grey_question:')} *{escape(example.author)}*: {escape(example.text)}"
    if example.url:
        line += f" <{example.url}|{plain(example.link)}>"
    options = [{"text": plain_text(choice.label), "value": choice.value[:OPTION_VALUE_LIMIT]}
               for choice in example.choices]
    return {"type": "section", "text": {"type": "mrkdwn", "text": line},
            "accessory": {"type": "overflow", "action_id": ids.ACTION_IDS[example.action], "options": options}}
