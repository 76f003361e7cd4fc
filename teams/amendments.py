"""Correct / Retract on a published statement's card on Teams: who may and whether it can are checked before the
clicked card becomes the form (the original's text to correct, or the catalog's retraction notice), and the form
sends the text to the same `amend` as Slack's modal; the draft then asks for approval like any other. Refusals (not
allowed, already retracted, not published, closed crisis) are the core's, shown as refusal cards."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisis.errors import BadInput
from crisis.i18n import msg, render
from crisis.ports import Ports
from crisis.statements import amendments, services
from crisis.statements.model import Amendment
from crisis.statements.views import statement_card
from crisis.views import Action
from teams.cards import SCHEMA, VERSION
from teams.forms import FORMS
from teams.statements import statement_of
from teams.turns import Answer, Turn

AMEND_VERB = "statement_amended"


def ask(amendment: Amendment) -> Callable[[Turn, dict[str, Any], Ports], Answer]:
    """The clicked card becomes the text of the correction or the retraction notice, once the core allows it."""
    def form(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
        statement_id, _ = statement_of(data)
        _, original = services.statement_view(statement_id, ports=ports)
        text = original.current.text if amendment is Amendment.CORRECTION else render(
            msg("statement.retraction_text"))
        amendments.check_amend(statement_id, amendment, text, user=turn.user, ports=ports)
        return Answer(card=amend_form(amendment, text, f"{statement_id}:{original.current.number}"))
    return form


def amend_form(amendment: Amendment, text: str, value: str) -> dict[str, Any]:
    kind = "correct" if amendment is Amendment.CORRECTION else "retract"
    words = FORMS.text
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": words(msg(f"modal.{kind}.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "text", "label": words(msg(f"modal.field.{amendment.value}")),
         "isMultiline": True, "isRequired": True, "value": text},
        {"type": "TextBlock", "text": words(msg(f"modal.field.{amendment.value}_hint")), "wrap": True,
         "isSubtle": True}],
        "actions": [{"type": "Action.Execute", "title": words(msg(f"modal.{kind}.submit")), "verb": AMEND_VERB,
                     "data": {"value": value, "amendment": amendment.value}}]}


def submitted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The same `amend` as Slack's modal; the clicked card shows the original again (the draft has its own)."""
    statement_id, _ = statement_of(data)
    try:
        amendment = Amendment(str(data.get("amendment")))
    except ValueError:
        raise BadInput("error.unknown_statement") from None
    text = data.get("text") if isinstance(data.get("text"), str) else ""
    amendments.amend(statement_id, amendment, text, user=turn.user, request_key=turn.request_key, ports=ports)
    crisis, original = services.statement_view(statement_id, ports=ports)
    return Answer(card=statement_card(crisis, ports.plan, original))


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    Action.CORRECT_STATEMENT.value: ask(Amendment.CORRECTION),
    Action.RETRACT_STATEMENT.value: ask(Amendment.RETRACTION),
    AMEND_VERB: submitted,
}
