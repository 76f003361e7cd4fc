"""Take-downs on Teams: `crisis takedown <url>` in the crisis room, [Take down this post] under the crisis card's link,
and Approve / Reject on the take-down's card: the same use cases and rule as in Slack; the clicked card becomes the
take-down's card as it now stands."""
from __future__ import annotations

from typing import Any

from crisis.i18n import msg
from crisis.ports import Ports
from crisis.takedowns import services
from crisis.views import Action, note
from teams.chat import TeamsChat
from teams.post_actions import Verb, decide, number
from teams.turns import Answer, Turn


def takedown_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    url = text.strip().removeprefix("<").removesuffix(">")
    takedown = services.request_takedown(turn.conversation, url, user=turn.user, request_key=turn.request_key,
                                         ports=ports)
    return Answer() if takedown is None else Answer([chat.render.note(msg("notice.takedown_requested",
                                                                          id=takedown.id))])


def take_down_link(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    takedown = services.request_link_takedown(number(data, "error.unknown_crisis"), user=turn.user,
                                              request_key=turn.request_key, ports=ports)
    return Answer() if takedown is None else Answer(card=note(msg("notice.takedown_requested", id=takedown.id)))


VERBS: dict[str, Verb] = {
    Action.APPROVE_TAKEDOWN.value: decide(services.decide, services.TAKEDOWNS, "error.unknown_takedown", True),
    Action.REJECT_TAKEDOWN.value: decide(services.decide, services.TAKEDOWNS, "error.unknown_takedown", False),
    Action.TAKE_DOWN_LINK.value: take_down_link,
}
