"""Neutral views of chat messages: what a message says and offers, built by the core and rendered per platform;
and the words of a typed `/crisis ...` command, split the same way on every platform."""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from crisis.i18n import Msg


class Action(str, Enum):
    """What a button or menu asks the bot to do; each platform maps these to its own ids."""

    ACKNOWLEDGE_PAGE = "acknowledge_page"
    APPROVE_STATEMENT = "approve_statement"
    REQUEST_CHANGES = "request_changes"
    EDIT_STATEMENT = "edit_statement"
    REJECT_STATEMENT = "reject_statement"
    RETRY_PUBLISH = "retry_publish"
    CORRECT_STATEMENT = "correct_statement"
    RETRACT_STATEMENT = "retract_statement"
    ANSWER_INQUIRY = "answer_inquiry"
    RESUME_POST = "resume_post"
    DISCARD_POST = "discard_post"
    RESCHEDULE_POST = "reschedule_post"
    START_DEBRIEF = "start_debrief"
    OPEN_CRISIS_FROM_ALERT = "open_crisis_from_alert"
    FALSE_ALARM = "false_alarm"
    SNOOZE = "snooze"
    LABEL_MENTION = "label_mention"
    SHOW_STATEMENT = "show_statement"
    REVOKE_ACCESS = "revoke_access"
    KEEP_ACCESS = "keep_access"
    REMOVE_ACCESS = "remove_access"
    TICK_STEP = "tick_step"
    APPROVE_TAKEDOWN = "approve_takedown"
    REJECT_TAKEDOWN = "reject_takedown"
    TAKE_DOWN_LINK = "take_down_link"
    # webcare (crisis/webcare)
    REPLY_MENTION = "reply_mention"
    APPROVE_REPLY = "approve_reply"
    REJECT_REPLY = "reject_reply"


class Emphasis(str, Enum):
    PRIMARY = "primary"
    """The answer most people give (Acknowledge, Approve)."""
    DANGER = "danger"
    """An answer that ends or throws something away (Reject, Discard, Open crisis)."""


@dataclass(frozen=True)
class Words:
    """A person's own words inside a text: shown as typed, with the platform's markup neutralised."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link from outside (a post, an article): shown as `label`, followed only if `url` is http(s)."""

    url: str
    label: Msg


@dataclass(frozen=True)
class Title:
    text: Msg


@dataclass(frozen=True)
class Text:
    """Lines shown together, one under the other."""

    lines: tuple[Msg | Words | Link, ...]


@dataclass(frozen=True)
class Listing:
    """A heading and its items (the roles of the crisis card)."""

    heading: Msg
    items: tuple[Msg, ...]


@dataclass(frozen=True)
class Button:
    action: Action
    label: Msg
    value: str
    emphasis: Emphasis | None = None


@dataclass(frozen=True)
class Quote:
    """A person's text quoted as it stands (a statement draft). Where a platform cannot show all of it in one
    message, it shows the start, says so, and offers `more`: a button that shows the whole text."""

    text: str
    more: Button | None = None


@dataclass(frozen=True)
class Facts:
    """Short labelled values shown side by side (severity, status, numbers)."""

    items: tuple[Msg, ...]


@dataclass(frozen=True)
class Notes:
    """Small print under a message."""

    items: tuple[Msg, ...]


@dataclass(frozen=True)
class Buttons:
    """A row of buttons; `group` names the row (unique in its message)."""

    group: str
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Choice:
    label: Msg
    value: str


@dataclass(frozen=True)
class Example:
    """A mention shown as an example: its sentiment label, author, text and link, and a menu to relabel it."""

    label: str
    author: str
    text: str
    url: str
    link: Msg
    action: Action
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Check:
    """One step of a checklist with a box to tick: `done` says whether it is ticked, `note` who ticked it and
    when; a click names `value` and whether the box is now ticked."""

    text: Msg
    done: bool
    action: Action
    value: str
    note: Msg | None = None


Part = Title | Text | Listing | Quote | Facts | Notes | Buttons | Example | Check


@dataclass(frozen=True)
class Card:
    """A message: `summary` is its one-line notification text, `parts` what it shows, in order."""

    summary: Msg
    parts: tuple[Part, ...]


def note(message: Msg) -> Card:
    """A message that is one text, and says the same in its notification."""
    return Card(message, (Text((message,)),))


_FIRST_GAP = re.compile(r"\s+")


def split_command(text: str | None) -> tuple[str, str]:
    """The sub-command (lower case) and the rest, split at the first run of any white space (a space, a tab, a line
    break or a no-break space, as phones and pasted text bring); the rest keeps its own line breaks."""
    parts = _FIRST_GAP.split((text or "").strip(), maxsplit=1)
    return parts[0].lower(), (parts[1] if len(parts) > 1 else "").strip()
