"""The debrief on Teams: Start debrief turns the invitation into the questionnaire (an Adaptive Card form built
from the plan, with the person's earlier answers), whose Action.Execute sends the answers to the same `submit` as
Slack's modal. Owners of follow-ups are picked from the directory (Teams' people picker gives the Entra object id).
Answers the core refuses come back in the form, with what to change, so nothing typed is lost. `crisis followups`
lists the open follow-up actions with Done, as on Slack."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from crisis.debrief import services as debrief_services
from crisis.debrief.model import Answer as DebriefAnswer
from crisis.debrief.model import FollowUp, FollowUpEntry, QuestionKind
from crisis.debrief.rules import FOLLOW_UP_ROWS, SCALE, follow_up_due
from crisis.debrief.services import Questionnaire
from crisis.errors import BadInput
from crisis.i18n import Msg, Time, User, msg
from crisis.i18n.voice import format_day
from crisis.plan import CrisisPlan
from crisis.ports import Ports
from crisis.room.model import Crisis
from crisis.views import Action, note
from teams.card_data import number
from teams.cards import SCHEMA, VERSION, CardRenderer
from teams.forms import FORMS
from teams.turns import Answer, Turn

ANSWERS_VERB = "debrief_answers"
SHOWN_KEY = "follow-ups"
"""The ids of the follow-ups the form's rows showed, in its submit's data (no question key has a '-')."""
DONE_VERB = "follow_up_done"
FOLLOW_UPS_SHOWN = 40
MAX_ANSWER_INPUT = 3000


def start(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    form = debrief_services.questionnaire(_crisis_id(data), user=turn.user, ports=ports)
    return Answer(card=questionnaire_form(ports.plan, form, _earlier(form)))


def submitted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    crisis_id = _crisis_id(data)
    answers = {q.key: _text(data, q.key) for q in ports.plan.debrief.questions}
    shown = data.get(SHOWN_KEY)
    shown = [i if isinstance(i, int) else None for i in shown] if isinstance(shown, list) else []
    follow_ups = [FollowUpEntry(_text(data, f"follow_up_{row}_text"), _text(data, f"follow_up_{row}_owner") or None,
                                follow_up_due(_text(data, f"follow_up_{row}_due")),
                                shown[row] if row < len(shown) else None) for row in range(FOLLOW_UP_ROWS)]
    try:
        debrief_services.submit(crisis_id, answers, [f for f in follow_ups if f.text.strip()], user=turn.user,
                                ports=ports)
    except BadInput as error:
        if not error.field:
            raise
        form = debrief_services.questionnaire(crisis_id, user=turn.user, ports=ports)
        return Answer(card=questionnaire_form(ports.plan, form, {k: v for k, v in data.items()
                                                                  if isinstance(v, str)}, Msg(error.key, error.params)))
    form = debrief_services.questionnaire(crisis_id, user=turn.user, ports=ports)
    return Answer(card=note(msg("notice.debrief_saved", deadline=Time(form.debrief.deadline))))


def follow_ups_card(render: CardRenderer, items: Sequence[tuple[FollowUp, Crisis]]) -> dict[str, Any]:
    """`crisis followups`: the open follow-up actions the person may see, each with Done."""
    if not items:
        return render.card(note(msg("followup.none")))
    body: list[dict[str, Any]] = [{"type": "TextBlock", "text": render.text(msg("followup.header", n=len(items))),
                                   "wrap": True}]
    for item, crisis in items[:FOLLOW_UPS_SHOWN]:
        line = msg("followup.item", text=item.text, owner=User(item.owner), title=crisis.title,
                   due=Time(item.due) if item.due else "–")
        button = {"type": "Action.Execute", "title": render.text(msg("followup.done")), "verb": DONE_VERB,
                  "data": {"value": str(item.id)}}
        body += [{"type": "TextBlock", "text": render.text(line), "wrap": True},
                 {"type": "ActionSet", "actions": [button]}]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body}


def done(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    item = debrief_services.mark_done(number(data.get("value"), "error.unknown_follow_up"), user=turn.user,
                                      ports=ports)
    return Answer(card=note(msg("notice.follow_up_done", text=item.text)))


def questionnaire_form(plan: CrisisPlan, form: Questionnaire, values: Mapping[str, str],
                       problem: Msg | None = None) -> dict[str, Any]:
    """The plan's questions as inputs filled with `values` (input id -> text); `problem` shown on top."""
    text = FORMS.text
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": text(msg("modal.debrief.title")), "size": "Large", "weight": "Bolder"},
        {"type": "TextBlock", "text": text(msg("debrief.intro", title=form.crisis.title,
                                                deadline=Time(form.debrief.deadline))), "wrap": True}]
    if problem is not None:
        body.append({"type": "TextBlock", "text": text(problem), "wrap": True, "color": "Attention"})
    for question in plan.debrief.questions:
        label = text(question.caption)
        if question.kind is QuestionKind.SCALE:
            body.append({"type": "Input.ChoiceSet", "id": question.key, "label": label, "style": "compact",
                         "isRequired": question.required, "value": values.get(question.key, ""),
                         "choices": [{"title": str(n), "value": str(n)} for n in SCALE]})
        elif question.kind is QuestionKind.TEXT:
            body.append({"type": "Input.Text", "id": question.key, "label": label, "isMultiline": True,
                         "maxLength": MAX_ANSWER_INPUT, "isRequired": question.required,
                         "value": values.get(question.key, "")})
        else:
            body.append({"type": "TextBlock", "text": label, "wrap": True, "weight": "Bolder"})
            body.extend(_follow_up_inputs(values))
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body, "actions": [
        {"type": "Action.Execute", "title": text(msg("modal.debrief.submit")), "verb": ANSWERS_VERB,
         "style": "positive", "data": {"value": str(form.crisis.id),
                                        SHOWN_KEY: [f.id for f in form.follow_ups[:FOLLOW_UP_ROWS]]}}]}


def _follow_up_inputs(values: Mapping[str, str]) -> list[dict[str, Any]]:
    inputs = []
    for row in range(FOLLOW_UP_ROWS):
        key = f"follow_up_{row}"
        inputs += [
            {"type": "Input.Text", "id": f"{key}_text", "label": FORMS.text(msg("debrief.follow_up", n=row + 1)),
             "maxLength": 500, "value": values.get(f"{key}_text", "")},
            {"type": "Input.ChoiceSet", "id": f"{key}_owner", "label": FORMS.text(msg("debrief.owner")),
             "choices": [], "choices.data": {"type": "Data.Query", "dataset": "graph.microsoft.com/users"},
             "value": values.get(f"{key}_owner", "")},
            {"type": "Input.Date", "id": f"{key}_due", "label": FORMS.text(msg("debrief.due")),
             "value": values.get(f"{key}_due", "")}]
    return inputs


def _earlier(form: Questionnaire) -> dict[str, str]:
    """The person's earlier answers and open follow-ups as input values."""
    previous: Mapping[str, DebriefAnswer] = form.previous.answers if form.previous else {}
    values = {key: str(value) for key, value in previous.items()}
    for row, item in enumerate(form.follow_ups[:FOLLOW_UP_ROWS]):
        values[f"follow_up_{row}_text"] = item.text
        values[f"follow_up_{row}_owner"] = item.owner or ""
        values[f"follow_up_{row}_due"] = format_day(item.due) if item.due else ""
    return values


def _crisis_id(data: dict[str, Any]) -> int:
    return number(data.get("value"), "error.unknown_debrief")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    Action.START_DEBRIEF.value: start,
    ANSWERS_VERB: submitted,
    DONE_VERB: done,
}
