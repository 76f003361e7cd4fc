"""One authenticated activity in our words (who, where, the request key), and the answer to it: replies sent
into its conversation and, for a card action, the card that replaces the clicked one."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from microsoft_agents.activity import Activity

from crisis.views import Card


@dataclass
class Turn:
    activity: Activity

    @property
    def user(self) -> str:
        """The person's Entra object id: how the crisis names people on Teams."""
        return self.activity.from_property.aad_object_id or self.activity.from_property.id

    @property
    def conversation(self) -> str:
        return self.activity.conversation.id

    @property
    def kind(self) -> str | None:
        return self.activity.conversation.conversation_type

    @property
    def request_key(self) -> str:
        """The connector's retry of one activity carries its id; a second message or click has a new one."""
        return f"teams:{self.activity.id}"

    @property
    def clicked(self) -> tuple[str, str] | None:
        return (self.conversation, self.activity.reply_to_id) if self.activity.reply_to_id else None

    def action(self) -> tuple[str, dict[str, Any]]:
        """(verb, data) of an Action.Execute."""
        value = self.activity.value if isinstance(self.activity.value, dict) else {}
        action = value.get("action") if isinstance(value.get("action"), dict) else {}
        data = action.get("data") if isinstance(action.get("data"), dict) else {}
        return str(action.get("verb") or ""), data


@dataclass
class Answer:
    replies: list[dict[str, Any]] = field(default_factory=list)
    """Activities sent back into the turn's conversation."""
    card: Card | dict[str, Any] | None = None
    """For a card action: what the clicked card becomes (a view, or an Adaptive Card built by a form)."""
    refresh: dict[str, Any] | None = None
    """The card's `refresh` (Teams asks for it again, per viewer, when the listed people look at it)."""
