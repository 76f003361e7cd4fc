"""Prevention's buttons on Teams: Revoked on an offboarding alert, Keep / Remove on an access review. The same use
cases as Slack's (they say who may); the clicked card becomes the alert or the review as it now stands, with what
was recorded."""
from __future__ import annotations

from typing import Any

from crisis.errors import BadInput
from crisis.i18n import Msg, msg
from crisis.ports import Ports
from crisis.prevention import offboarding, reviews
from crisis.prevention.views import offboarding_card, person, review_card
from crisis.views import Action, Card, note
from teams.card_data import maybe_number
from teams.post_actions import Verb
from teams.turns import Answer, Turn


def revoked(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    offboarding_id, account = _pair(data, "error.unknown_offboarding")
    record = offboarding.revoke(offboarding_id, account, user=turn.user, request_key=turn.request_key, ports=ports)
    return _with(offboarding_card(record), msg("notice.access_revoked", account=record.labels.get(account, account)))


def decide(keep: bool) -> Verb:
    """Keep (or Remove) one access holder of a review."""
    def answer(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
        review_id, holder = _pair(data, "error.unknown_review")
        review = reviews.decide(review_id, holder, keep, user=turn.user, request_key=turn.request_key, ports=ports)
        decision = msg("review.decision.keep" if keep else "review.decision.remove")
        return _with(review_card(review), msg("notice.review_recorded", person=person(holder), decision=decision,
                                              account=review.label))
    return answer


def _pair(data: dict[str, Any], unknown: str) -> tuple[int, str]:
    """A button's value: "<id>|<account or person>"."""
    value = data.get("value")
    first, _, second = value.partition("|") if isinstance(value, str) else ("", "", "")
    found = maybe_number(first)
    if found is None or not second:
        raise BadInput(unknown)
    return found, second


def _with(card: Card, notice: Msg) -> Answer:
    return Answer(card=Card(card.summary, (*card.parts, *note(notice).parts)))


VERBS: dict[str, Verb] = {
    Action.REVOKE_ACCESS.value: revoked,
    Action.KEEP_ACCESS.value: decide(True),
    Action.REMOVE_ACCESS.value: decide(False),
}
