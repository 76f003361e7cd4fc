"""Block Kit: Slack's markup for catalog messages and user text, and the rendering of neutral views to blocks."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote

from crisis.i18n import Msg, msg, render
from crisis.i18n.voice import format_time
from crisis.views import (
    Button,
    Buttons,
    Card,
    Check,
    Example,
    Facts,
    Link,
    Listing,
    Notes,
    Part,
    Quote,
    Text,
    Title,
    Words,
)
from handlers import ids

# Slack's Block Kit limits, in characters (Slack refuses a message or view over any of them)
SECTION_LIMIT = 3000
"""Section text, a context element, a plain_text_input's value; also our notification texts."""
FIELD_LIMIT = 2000
"""Each section field, an input's label and hint."""
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
"""Button and option texts."""
OPTION_VALUE_LIMIT = 150
MODAL_TITLE_LIMIT = 24
"""A modal's title, submit and close texts."""
URL_LIMIT = 3000


class SlackStyle:
    """Slack mrkdwn: mentions as <@U..>, times in each reader's time zone (where a client cannot, on the team's
    clock, the zone named), user text escaped."""

    def user(self, user_id: str) -> str:
        return f"<@{user_id}>"

    def channel(self, channel_id: str) -> str:
        return f"<#{channel_id}>"

    def time(self, at: datetime) -> str:
        return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{format_time(at)}>"

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


def plain_text(message: Msg, limit: int = SECTION_LIMIT) -> dict[str, str]:
    return {"type": "plain_text", "text": cut(plain(message), limit)}


def section(message: Msg | str) -> dict[str, Any]:
    text = message if isinstance(message, str) else slack_text(message)
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_LIMIT)}}


def text_message(message: Msg) -> dict[str, Any]:
    """chat.postMessage / respond arguments for a one-section message with a plain fallback."""
    return {"text": cut(slack_text(message), SECTION_LIMIT), "blocks": [section(message)]}


def input_block(block_id: str, label: Msg, element: dict[str, Any], optional: bool = False,
                hint: Msg | None = None) -> dict[str, Any]:
    """A modal field."""
    block = {"type": "input", "block_id": block_id, "label": plain_text(label, FIELD_LIMIT), "element": element,
             "optional": optional}
    if hint:
        block["hint"] = plain_text(hint, FIELD_LIMIT)
    return block


def modal(callback_id: str, title: Msg, metadata: str, blocks: list[dict[str, Any]], *, close: Msg,
          submit: Msg | None = None) -> dict[str, Any]:
    """A modal view: its title and buttons capped to what Slack takes."""
    view: dict[str, Any] = {"type": "modal", "callback_id": callback_id, "private_metadata": metadata,
                            "title": plain_text(title, MODAL_TITLE_LIMIT)}
    if submit is not None:
        view["submit"] = plain_text(submit, MODAL_TITLE_LIMIT)
    view["close"] = plain_text(close, MODAL_TITLE_LIMIT)
    view["blocks"] = blocks
    return view


def option(value: str, text: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": cut(text, BUTTON_LIMIT)}, "value": value}


_UNFINISHED_MARKUP = re.compile(r"(?:<(?:[@#!]|https?:)[^<>]*|&(?:a|am|amp|l|lt|g|gt)?)$")
"""A mention, date, link or escape that a cut at the end of the text would break in two."""


def cut(text: str, limit: int) -> str:
    """The one capping helper: `text` if it fits in `limit` characters, else its start and a visible "…".

    The cut never falls inside Slack markup (`<@U1>`, `<!date…>`, a link, `&amp;`): such a piece is left out whole.
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    while unfinished := _UNFINISHED_MARKUP.search(head):
        head = head[: unfinished.start()]
    return head + "…"


_WEB_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]~_"
"""Characters left as they are in a linked URL: everything else (`|`, `<`, `>`, spaces, quotes, non-ASCII) is
percent-encoded, so the URL cannot end the link early or change its label."""


def link(url: str, label: Msg) -> str:
    """A mrkdwn link showing `label` to an http(s) `url`; any other URL is shown as (escaped) text, not linked."""
    safe = quote(url, safe=_URL_SAFE)
    if not _WEB_URL.match(url) or len(safe) > URL_LIMIT:
        return escape(url)
    return f"<{escape(safe)}|{slack_text(label)}>"


# --- neutral views ------------------------------------------------------------------------------

def message(card: Card) -> dict[str, Any]:
    """chat.postMessage / chat.update arguments for a view: its notification text and its blocks."""
    return {"text": cut(slack_text(card.summary), SECTION_LIMIT), "blocks": [block(part) for part in card.parts]}


def block(part: Part) -> dict[str, Any]:
    if isinstance(part, Title):
        return {"type": "header", "text": plain_text(part.text, HEADER_LIMIT)}
    if isinstance(part, Text):
        return section("\n".join(_line(line) for line in part.lines))
    if isinstance(part, Listing):
        return section(slack_text(part.heading) + "\n" + "\n".join(slack_text(item) for item in part.items))
    if isinstance(part, Quote):
        return _quote(part)
    if isinstance(part, Facts):
        return {"type": "section", "fields": [{"type": "mrkdwn", "text": cut(slack_text(f), FIELD_LIMIT)}
                                              for f in part.items[:MAX_FIELDS]]}
    if isinstance(part, Notes):
        return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(slack_text(n), SECTION_LIMIT)}
                                                for n in part.items[:MAX_CONTEXT_ELEMENTS]]}
    if isinstance(part, Buttons):
        return {"type": "actions", "block_id": part.group, "elements": [button(b) for b in part.buttons]}
    if isinstance(part, Example):
        return _example(part)
    if isinstance(part, Check):
        return _check(part)
    raise TypeError(f"no Block Kit for {part!r}")


def button(choice: Button) -> dict[str, Any]:
    rendered = {"type": "button", "action_id": ids.ACTION_IDS[choice.action], "value": choice.value,
                "text": plain_text(choice.label, BUTTON_LIMIT)}
    if choice.emphasis:
        rendered["style"] = choice.emphasis.value
    return rendered


def _line(line: Msg | Words | Link) -> str:
    if isinstance(line, Words):
        return escape(line.text)
    if isinstance(line, Link):
        return link(line.url, line.label)
    return slack_text(line)


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])


def _quote(part: Quote) -> dict[str, Any]:
    """The whole text as a block quote; when it does not fit one section, its start, a marker saying how much
    is shown, and the quote's `more` button (which shows the rest) beside it."""
    whole = _quoted(part.text)
    if len(whole) <= SECTION_LIMIT or part.more is None:
        return section(whole)
    total = len(part.text)
    room = SECTION_LIMIT - len("…\n") - len(slack_text(_cut_marker(part, total, total)))
    shown, longer = 0, total
    while shown < longer:  # the longest start of the text whose quote fits in `room`
        middle = (shown + longer + 1) // 2
        shown, longer = (middle, longer) if len(_quoted(part.text[:middle])) <= room else (shown, middle - 1)
    text = _quoted(part.text[:shown]) + "…\n" + slack_text(_cut_marker(part, shown, total))
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, "accessory": button(part.more)}


def _cut_marker(part: Quote, shown: int, total: int) -> Msg:
    assert part.more is not None
    return msg("quote.cut", shown=shown, total=total, button=part.more.label)


_LABEL_ICONS = {"negative": ":red_circle:", "positive": ":large_green_circle:", "neutral": ":white_circle:"}


def _example(example: Example) -> dict[str, Any]:
    line = f"{_LABEL_ICONS.get(example.label, ':grey_question:')} *{escape(example.author)}*: {escape(example.text)}"
    if example.url:
        line += " " + link(example.url, example.link)
    options = [{"text": plain_text(choice.label, BUTTON_LIMIT), "value": choice.value[:OPTION_VALUE_LIMIT]}
               for choice in example.choices]
    section: dict[str, Any] = {"type": "section", "text": {"type": "mrkdwn", "text": cut(line, SECTION_LIMIT)}}
    if options:  # a drill's recorded mentions have no label menu
        section["accessory"] = {"type": "overflow", "action_id": ids.ACTION_IDS[example.action], "options": options}
    return section


def _check(check: Check) -> dict[str, Any]:
    """A step with a checkbox beside it: the block id carries the step (an unticked box sends no option back)."""
    text = slack_text(check.text) + (f"\n{slack_text(check.note)}" if check.note else "")
    box = {"text": plain_text(msg("playbook.tick"), BUTTON_LIMIT), "value": "done"}
    element: dict[str, Any] = {"type": "checkboxes", "action_id": ids.ACTION_IDS[check.action], "options": [box]}
    if check.done:
        element["initial_options"] = [box]
    return {"type": "section", "block_id": check.value, "text": {"type": "mrkdwn", "text": cut(text, SECTION_LIMIT)},
            "accessory": element}
