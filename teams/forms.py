"""Adaptive Cards with inputs, which the neutral views do not have: the open-crisis form (Teams' version of
the Slack modal, pre-filled from a spike warning too). Labels come from the same catalog keys."""
from __future__ import annotations

from typing import Any

from crisis.i18n import msg
from crisis.monitor import triage
from crisis.plan import CrisisPlan
from crisis.ports import Ports
from crisis.room.rules import MAX_TITLE
from crisis.room.views import kind_label
from crisis.views import Card
from teams.cards import SCHEMA, VERSION, CardRenderer, TeamsStyle

OPEN_VERB = "open_crisis"
FORMS = CardRenderer(TeamsStyle(str))
"""Forms name nobody: their texts need no display names."""


def open_form(render: CardRenderer, plan: CrisisPlan, title: str = "", *, dialog: bool = False,
              description: str = "", severity: str | None = None, kind: str | None = None,
              alert: int | None = None, advice: Card | None = None) -> dict[str, Any]:
    """The form as a card in the chat (Action.Execute), or in the message extension's dialog (`dialog`: dialogs
    take Action.Submit and answer with composeExtension/submitAction). From a spike warning, `alert` is sent
    back with the answers (the crisis is linked to it). `advice` (the monitor's triage) is shown above the fields,
    as in Slack's modal."""
    text = render.text
    severities = [{"title": text(msg("severity.option", key=s.key, description=s.description)), "value": s.key}
                  for s in plan.severities]
    kinds = [{"title": text(kind_label(k)), "value": k} for k in plan.crisis_types]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("modal.open.title")), "size": "Large", "weight": "Bolder"},
        *(render.card(advice)["body"] if advice else ()),
        {"type": "Input.Text", "id": "title", "label": text(msg("modal.field.title")), "value": title,
         "maxLength": MAX_TITLE, "isRequired": True, "placeholder": text(msg("modal.field.title_hint"))},
        {"type": "Input.ChoiceSet", "id": "severity", "label": text(msg("modal.field.severity")),
         "choices": severities, "isRequired": True, **({"value": severity} if severity else {})},
        {"type": "Input.ChoiceSet", "id": "kind", "label": text(msg("modal.field.kind")), "choices": kinds,
         "isRequired": True, **({"value": kind} if kind in plan.crisis_types else {})},
        {"type": "Input.Text", "id": "description", "label": text(msg("modal.field.description")),
         "isMultiline": True, "value": description},
        {"type": "Input.Text", "id": "link", "label": text(msg("modal.field.link")), "style": "Url"},
    ], "actions": [{"type": "Action.Submit" if dialog else "Action.Execute", "title": text(msg("modal.open.submit")),
                    "verb": OPEN_VERB, "style": "positive", "data": {} if alert is None else {"alert": alert}}]}


def typed_form(render: CardRenderer, ports: Ports, title: str = "", *, dialog: bool = False) -> dict[str, Any]:
    """The form opened by hand (`crisis open`, the message extension), as Slack's `/crisis open` modal: when the
    monitor watches terms, its triage on top and its suggested severity chosen."""
    advice = triage.triage(None, ports=ports) if ports.plan.monitor.terms else None
    return open_form(render, ports.plan, title, dialog=dialog, severity=advice.severity if advice else None,
                     advice=triage.triage_card(advice) if advice else None)
