"""The Home tab's slice of the Slack chat (crisis.home.ports.HomeTabs): a neutral view published as the person's
App Home (views.publish), in their Slack language."""
from __future__ import annotations

from crisis.views import Card
from handlers.block_kit import message

MAX_HOME_BLOCKS = 100
"""Slack's limit for a Home tab."""


class SlackHomeTabs:
    """Mixed into SlackChat: uses its calls (`_call`, every failure a ChatFailure) and reader's voice (`_voice`)."""

    def show_home(self, user_id: str, card: Card) -> None:
        with self._voice(user_id):  # type: ignore[attr-defined]
            blocks = message(card)["blocks"][:MAX_HOME_BLOCKS]
        view = {"type": "home", "blocks": blocks}
        self._call("views.publish", user_id=user_id, view=view)  # type: ignore[attr-defined]
