"""Neutral views (crisis/views.py) as Adaptive Cards: buttons are Action.Execute with the view's Action as the
verb, so a click comes back as an `adaptiveCard/action` invoke and the card can be replaced in place. Texts are
rendered with TeamsStyle: people by display name, times on the team's clock, user text with Markdown escaped
(nobody can make a link or a mention look like the bot's own)."""
from __future__ import annotations

import base64
import re
from datetime import datetime
from typing import Any, Callable

from crisis.i18n import Msg, msg, render
from crisis.i18n.voice import format_time
from crisis.views import (
    Button,
    Buttons,
    Card,
    Check,
    Emphasis,
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
from teams.conversations import OBJECT_ID
from teams.markup import fact, teams_markdown

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"
"""Action.Execute needs 1.4; 1.5 is what Teams renders on desktop, web and mobile."""
QUOTE_LIMIT = 4000
"""A quoted draft is cut here (a Teams message holds about 28 KB, a card several texts)."""
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~])")
_AT_UNSAFE = re.compile(r"[<>\\*_`\[\]]")
"""Kept out of a mentioned name: it must read the same in the text and in its entity."""
_LINE_START = re.compile(r"^(\s*)([#+-]|\d+\.)", re.MULTILINE)
"""Headings and list markers, which only mean something at the start of a line."""
_SAFE_URL = re.compile(r"https?://[^\s()<>\[\]\\`]+")
"""A URL written as a Markdown link's target: nothing in it can end the link early or start markup."""
TEAMS_WORDING = {"warning.examples": "warning.examples_teams"}
"""Catalog texts that describe a Slack control (the ⋯ menu), and the key that describes Teams' own instead."""
SCORED = ("negative", "neutral", "positive")
"""An example's labels with a word of their own in the catalog (`label.<x>`); any other reads as not scored."""


class TeamsStyle:
    def __init__(self, name_of: Callable[[str], str]) -> None:
        self.name_of = name_of

    def user(self, user_id: str) -> str:
        return escape(self.name_of(user_id))

    def channel(self, channel_id: str) -> str:
        return escape(self.name_of(channel_id))

    def time(self, at: datetime) -> str:
        return format_time(at)

    def text(self, value: str) -> str:
        return escape(value)


class Mentioning(TeamsStyle):
    """People as Teams mentions (`<at>name</at>`, which notify them, as Slack's `<@U…>` does), with the entities
    the message must carry for each; anything that is not a person's object id is named as TeamsStyle names it."""

    def __init__(self, name_of: Callable[[str], str]) -> None:
        super().__init__(name_of)
        self.entities: list[dict[str, Any]] = []

    def user(self, user_id: str) -> str:
        if not OBJECT_ID.match(user_id):
            return super().user(user_id)
        name = _AT_UNSAFE.sub("", self.name_of(user_id)) or user_id
        text = f"<at>{name}</at>"
        if not any(e["mentioned"]["id"] == user_id for e in self.entities):
            self.entities.append({"type": "mention", "text": text, "mentioned": {"id": user_id, "name": name}})
        return text


def escape(text: str) -> str:
    """Markdown's control characters backslash-escaped, so a person's text shows as typed."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _MARKDOWN.sub(r"\\\1", text))


class CardRenderer:
    def __init__(self, style: TeamsStyle) -> None:
        self.style = style

    def text(self, message: Msg) -> str:
        if message.key in TEAMS_WORDING:
            message = Msg(TEAMS_WORDING[message.key], message.params)
        return teams_markdown(render(message, self.style))

    def activity(self, card: Card, refresh: dict[str, Any] | None = None) -> dict[str, Any]:
        """A message activity carrying the card; `summary` is what the notification shows; `refresh` makes Teams
        ask again for the card of each listed viewer."""
        content = {**self.card(card), **({"refresh": refresh} if refresh else {})}
        return {"type": "message", "summary": render(card.summary)[:250],
                "attachments": [{"contentType": CARD_TYPE, "content": content}]}

    def image(self, title: Msg, png: bytes) -> dict[str, Any]:
        """A message with a card holding one PNG as a data URI (Teams shows it inline; the whole message must stay
        under its 28 KB, so the caller sends a compact PNG)."""
        url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
            _block(self.text(title), weight="Bolder"),
            {"type": "Image", "url": url, "altText": render(title), "size": "Stretch",
             "msTeams": {"allowExpand": True}}]}
        return {"type": "message", "summary": render(title)[:250], "attachments": [{"contentType": CARD_TYPE,
                                                                                  "content": card}]}

    def note(self, message: Msg) -> dict[str, Any]:
        return {"type": "message", "text": self.text(message), "textFormat": "markdown"}

    def mentioning_note(self, message: Msg) -> dict[str, Any]:
        """A note whose people are mentioned (notified), for what the bot posts in a room."""
        style = Mentioning(self.style.name_of)
        return {"type": "message", "text": teams_markdown(render(message, style)), "textFormat": "markdown",
                "entities": style.entities}

    def card(self, card: Card) -> dict[str, Any]:
        body: list[dict[str, Any]] = []
        for part in card.parts:
            body.extend(self._part(part))
        return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body}

    def _part(self, part: Part) -> list[dict[str, Any]]:
        match part:
            case Title(text):
                return [_block(self.text(text), size="Large", weight="Bolder")]
            case Text(lines):
                return [_block(self._line(line)) for line in lines]
            case Listing(heading, items):
                return [_block(self.text(heading), weight="Bolder"), *(_block(f"- {self.text(i)}") for i in items)]
            case Quote(text, more):
                shown = escape(text[:QUOTE_LIMIT]) + ("…" if len(text) > QUOTE_LIMIT else "")
                quote = {"type": "Container", "style": "emphasis", "items": [_block(shown)]}
                return [quote, *([self._actions("more", (more,))] if more and len(text) > QUOTE_LIMIT else [])]
            case Facts(items):
                return [{"type": "FactSet", "facts": [dict(zip(("title", "value"), fact(self.text(i))))
                                                      for i in items]}]
            case Notes(items):
                return [_block(self.text(i), size="Small", isSubtle=True) for i in items]
            case Buttons(group, buttons):
                return [self._actions(group, buttons)]
            case Example():
                return self._example(part)
            case Check():
                return self._check(part)
        raise TypeError(f"no Adaptive Card for {type(part).__name__}")

    def _line(self, line: Msg | Words | Link) -> str:
        if isinstance(line, Words):
            return escape(line.text)
        if isinstance(line, Link):
            return link(self.text(line.label), line.url)
        return self.text(line)

    def _actions(self, group: str, buttons: tuple[Button, ...]) -> dict[str, Any]:
        return {"type": "ActionSet", "id": group, "actions": [self._execute(b) for b in buttons]}

    def _execute(self, button: Button) -> dict[str, Any]:
        action: dict[str, Any] = {"type": "Action.Execute", "title": self.text(button.label),
                                  "verb": button.action.value, "data": {"value": button.value}}
        if button.emphasis is not None:
            action["style"] = "positive" if button.emphasis is Emphasis.PRIMARY else "destructive"
        return action

    def _check(self, check: Check) -> list[dict[str, Any]]:
        """A step, who did it, and one Action.Execute that ticks it (or unticks it): `done` says which."""
        label = msg("playbook.undo" if check.done else "playbook.mark_done")
        mark = "☑" if check.done else "☐"
        blocks = [_block(f"{mark} {self.text(check.text)}")]
        if check.note is not None:
            blocks.append(_block(self.text(check.note), size="Small", isSubtle=True))
        action = {"type": "Action.Execute", "title": self.text(label), "verb": check.action.value,
                  "data": {"value": check.value, "done": not check.done}}
        return [*blocks, {"type": "ActionSet", "id": f"step-{check.value}", "actions": [action]}]

    def _example(self, example: Example) -> list[dict[str, Any]]:
        shown = f" {link(self.text(example.link), example.url)}" if example.url.startswith(("https://", "http://")) \
            else ""
        buttons = [{"type": "Action.Execute", "title": self.text(c.label), "verb": example.action.value,
                    "data": {"value": c.value}} for c in example.choices]
        label = msg(f"label.{example.label if example.label in SCORED else 'unscored'}")
        return [_block(f"{self.text(label)} · {escape(example.author)}", weight="Bolder"),
                _block(escape(example.text) + shown), {"type": "ActionSet", "actions": buttons}]


def link(label: str, url: str) -> str:
    """`[label](url)` for a plain http(s) URL; another http(s) URL (a remote post's may hold `)` or `](`) is shown
    as escaped text after the label, so it can neither end the link early nor make one of its own; any other scheme
    (javascript:) leaves the label alone."""
    if _SAFE_URL.fullmatch(url):
        return f"[{label}]({url})"
    return f"{label}: {escape(url)}" if url.startswith(("https://", "http://")) else label


def _block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}

