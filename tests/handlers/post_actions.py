"""What the end-to-end tests of actions on a post (take-downs, webcare replies) share: the crisis room they happen
in, the records of that room's crisis, and the newest approval card."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.handlers.flows import open_crisis


def room(bot) -> str:
    """Opens a crisis and returns its channel, which `of_room` reads back."""
    bot._channel = open_crisis(bot)["id"]
    return bot._channel


def of_room(bot, records: Callable[[Any], Any]) -> list[Any]:
    """`records(uow)`'s rows for the crisis of the room `room` opened, e.g. `lambda uow: uow.takedowns`."""
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(bot._channel)
        return records(uow).for_crisis(crisis.id)


def newest_card(bot, channel: str, heading: str) -> dict[str, Any]:
    """The newest message of `channel` whose text holds `heading` (e.g. "*Reply #")."""
    return [m for m in bot.sandbox.messages(channel) if heading in m.get("text", "")][-1]
