"""The draft form on Teams (Slack's draft modal as a card): `crisis draft` alone in the crisis room answers with it
(where it will be published, a template of the plan, the text), `crisis brief` with the employee briefing's text
for the all-staff target; its submit calls the same `draft` use case. `crisis draft <target> <text>` still drafts
at once (teams/statements.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisis.i18n import msg
from crisis.plan import ALL_STAFF_TARGET, CrisisPlan
from crisis.ports import Ports
from crisis.room import services as room_services
from crisis.statements import services
from crisis.views import note
from teams.cards import CARD_TYPE, SCHEMA, VERSION
from teams.forms import FORMS
from teams.turns import Answer, Turn

DRAFT_VERB = "statement_draft"
TEXT_MAX = 3000


def draft_form(plan: CrisisPlan, text: str = "", target: str | None = None) -> dict[str, Any]:
    """The form, its text started with `text` and `target` chosen (default: the plan's first target)."""
    render = FORMS.text
    targets = [{"title": t.name if t.limit is None else f"{t.name} ({t.limit})", "value": t.key}
               for t in plan.statements.targets]
    chosen = target if any(t["value"] == target for t in targets) else (targets[0]["value"] if targets else "")
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": render(msg("modal.draft.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.ChoiceSet", "id": "target", "label": render(msg("modal.field.target")), "choices": targets,
         "value": chosen, "isRequired": True}]
    if plan.statements.templates:
        body.append({"type": "Input.ChoiceSet", "id": "template", "label": render(msg("modal.field.template")),
                     "choices": [{"title": t.name, "value": t.key} for t in plan.statements.templates],
                     "placeholder": render(msg("modal.field.template_hint"))})
    body.append({"type": "Input.Text", "id": "text", "label": render(msg("modal.field.text")), "isMultiline": True,
                 "maxLength": TEXT_MAX, "value": text[:TEXT_MAX]})
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body, "actions": [
        {"type": "Action.Execute", "title": render(msg("modal.draft.submit")), "verb": DRAFT_VERB,
         "style": "positive", "data": {}}]}


def form_reply(card: dict[str, Any]) -> Answer:
    return Answer([{"type": "message", "attachments": [{"contentType": CARD_TYPE, "content": card}]}])


def ask_draft(turn: Turn, ports: Ports) -> Answer:
    """`crisis draft` alone, in the crisis room."""
    room_services.crisis_for_channel(turn.conversation, ports=ports)
    return form_reply(draft_form(ports.plan))


def brief_command(turn: Turn, text: str, ports: Ports, chat: object) -> Answer:
    """`crisis brief`: the draft form for the all-staff target, started with the employee briefing's template."""
    briefing = services.briefing_draft(turn.conversation, ports=ports)
    return form_reply(draft_form(ports.plan, briefing, ALL_STAFF_TARGET))


def drafted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The form's submit: the same `draft` as Slack's modal; the form becomes a short notice."""
    template = _text(data, "template") or None
    form = services.DraftForm(target=_text(data, "target"), text=_text(data, "text").strip(), template=template)
    statement = services.draft(turn.conversation, form, user=turn.user, request_key=turn.request_key, ports=ports)
    if statement is None:
        return Answer()
    return Answer(card=note(msg("notice.statement_drafted", id=statement.id)))


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {DRAFT_VERB: drafted}
