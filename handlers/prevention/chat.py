"""Prevention's slice of the Slack chat (crisis.prevention.ports.PreventionChat): neutral views posted once by
their key, to a channel or into a person's direct conversation, and edited in place."""
from __future__ import annotations

import re

from crisis.views import Card

_PERSON = re.compile(r"^[UW][A-Z0-9]+$")


class SlackPreventionChat:
    """Mixed into SlackChat: uses its keyed posts (`_send`), edits (`_update`) and direct conversations (`_dm`)."""

    def send_view(self, to: str, card: Card, key: str) -> tuple[str, str]:
        channel = self._dm(to) if _PERSON.match(to) else to  # type: ignore[attr-defined]
        sent = self._send(channel, card, key)  # type: ignore[attr-defined]
        return sent["channel"], sent["ts"]

    def edit_view(self, channel_id: str, ref: str, card: Card) -> None:
        self._update(channel_id, ref, card)  # type: ignore[attr-defined]
