"""Adaptive Cards with inputs, which the neutral views do not have: the open-crisis form (Teams' version of
the Slack modal). Labels come from the same catalog keys."""
from __future__ import annotations

from typing import Any

from crisis.i18n import msg
from crisis.plan import CrisisPlan
from crisis.room.rules import MAX_TITLE
from crisis.room.views import kind_label
from teams.cards import SCHEMA, VERSION, CardRenderer

OPEN_VERB = "open_crisis"


def open_form(render: CardRenderer, plan: CrisisPlan, title: str = "", *, dialog: bool = False) -> dict[str, Any]:
    """The form as a card in the chat (Action.Execute), or in the message extension's dialog (`dialog`: dialogs
    take Action.Submit and answer with composeExtension/submitAction)."""
    text = render.text
    severities = [{"title": text(msg("severity.option", key=s.key, description=s.description)), "value": s.key}
                  for s in plan.severities]
    kinds = [{"title": text(kind_label(k)), "value": k} for k in plan.crisis_types]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("modal.open.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "title", "label": text(msg("modal.field.title")), "value": title,
         "maxLength": MAX_TITLE, "isRequired": True, "placeholder": text(msg("modal.field.title_hint"))},
        {"type": "Input.ChoiceSet", "id": "severity", "label": text(msg("modal.field.severity")),
         "choices": severities, "isRequired": True},
        {"type": "Input.ChoiceSet", "id": "kind", "label": text(msg("modal.field.kind")), "choices": kinds,
         "isRequired": True},
        {"type": "Input.Text", "id": "description", "label": text(msg("modal.field.description")),
         "isMultiline": True},
        {"type": "Input.Text", "id": "link", "label": text(msg("modal.field.link")), "style": "Url"},
    ], "actions": [{"type": "Action.Submit" if dialog else "Action.Execute", "title": text(msg("modal.open.submit")),
                    "verb": OPEN_VERB, "style": "positive", "data": {}}]}
