"""Take-downs on Teams: `crisis takedown <url>` in the crisis room, [Take down this post] under the crisis card's link,
and Approve / Reject on the take-down's card: the same use cases and rule as in Slack; the clicked card becomes the
take-down's card as it now stands."""
from __future__ import annotations

from typing import Any

from crisis.i18n import msg
from crisis.errors import UnknownCrisis
from crisis.ports import Ports
from crisis.room import services as room_services
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
    """[Take down this post] of the crisis whose room it is clicked in (the crisis card is posted there): the core
    lets any member of that room ask, so a crisis named only by the card's data would let anyone ask."""
    crisis_id = number(data, "error.unknown_crisis")
    if room_services.crisis_for_channel(turn.conversation, ports=ports).id != crisis_id:
        raise UnknownCrisis("error.unknown_crisis")
    takedown = services.request_link_takedown(crisis_id, user=turn.user, request_key=turn.request_key, ports=ports)
    return Answer() if takedown is None else Answer(card=note(msg("notice.takedown_requested", id=takedown.id)))


VERBS: dict[str, Verb] = {
    Action.APPROVE_TAKEDOWN.value: decide(services.decide, services.TAKEDOWNS, "error.unknown_takedown", True),
    Action.REJECT_TAKEDOWN.value: decide(services.decide, services.TAKEDOWNS, "error.unknown_takedown", False),
    Action.TAKE_DOWN_LINK.value: take_down_link,
}
