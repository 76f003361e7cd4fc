"""Teams' side shared by the requests for an action on a platform post (take-downs, webcare replies): the id a card's
button carries, and Approve / Reject on their cards, answered with the clicked card as the request now stands."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisis.ports import Ports
from crisis.statements.post_actions import PostAction
from teams import card_data
from teams.turns import Answer, Turn

Verb = Callable[[Turn, dict[str, Any], Ports], Answer]


def number(data: dict[str, Any], error: str) -> int:
    """The id a button carries; BadInput `error` for anything else."""
    return card_data.number(data.get("value"), error)


def decide(use_case: Callable[..., object], action: PostAction[Any, Any], unknown: str, approve: bool) -> Verb:
    """Approve (or reject) through `use_case` the request whose id the button carries (BadInput `unknown` for
    none); the answer is its card as it now stands."""
    def answer(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
        item_id = number(data, unknown)
        use_case(item_id, approve=approve, user=turn.user, request_key=turn.request_key, ports=ports)
        with ports.uow() as uow:
            item = action.rows(uow).get(item_id)
        return Answer(card=action.card(ports).view(item))
    return answer
