"""The press desk on Teams: `crisis press` in the crisis room answers with the inquiry form (Slack's modal as a
card), whose submit logs the inquiry by the same `log_inquiry`; Answer on the inquiry's card becomes the choice of
an approved statement, sent to the same `answer_inquiry`. The deadline is a day and a time on the team's clock."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from crisis.errors import BadInput
from crisis.i18n import msg, voice
from crisis.ports import Ports
from crisis.room import services as room_services
from crisis.statements import services
from crisis.statements.views import inquiry as inquiry_card
from crisis.views import Action, note
from teams.card_data import number
from teams.cards import SCHEMA, VERSION
from teams.forms import FORMS
from teams.turns import Answer, Turn

LOG_VERB = "press_inquiry"
ANSWER_VERB = "press_answer"
OPTION_CHARS = 120
"""A statement's text is cut to this in the list to choose from."""


def press_form(turn: Turn, ports: Ports) -> dict[str, Any]:
    """The inquiry form, for the crisis room the command was typed in."""
    room_services.crisis_for_channel(turn.conversation, ports=ports)
    text = FORMS.text
    return _card([
        {"type": "TextBlock", "text": text(msg("modal.press.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "outlet", "label": text(msg("modal.field.outlet")), "maxLength": 200,
         "isRequired": True},
        {"type": "Input.Text", "id": "contact", "label": text(msg("modal.field.contact")), "maxLength": 200},
        {"type": "Input.Text", "id": "question", "label": text(msg("modal.field.question")), "maxLength": 3000,
         "isMultiline": True, "isRequired": True},
        {"type": "Input.Date", "id": "deadline_day", "label": text(msg("modal.field.press_deadline")),
         "isRequired": True},
        {"type": "Input.Time", "id": "deadline_time", "isRequired": True}],
        text(msg("modal.press.submit")), LOG_VERB, "")


def logged(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    deadline = _deadline(_text(data, "deadline_day"), _text(data, "deadline_time"))
    if deadline is None:
        raise BadInput("error.press_deadline_required")
    form = services.InquiryForm(outlet=_text(data, "outlet"), contact=_text(data, "contact"),
                                question=_text(data, "question"), deadline=deadline)
    inquiry = services.log_inquiry(turn.conversation, form, user=turn.user, request_key=turn.request_key,
                                   ports=ports)
    return Answer(card=None if inquiry is None else note(msg("notice.press_logged", outlet=inquiry.outlet)))


def choose_statement(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The inquiry's card becomes the choice of an approved statement (or says none is approved yet)."""
    inquiry_id = number(data.get("value"), "error.unknown_inquiry")
    choices = services.answerable_statements(inquiry_id, ports=ports)
    if not choices:
        return Answer(card=note(msg("press.no_statement")))
    options = [{"title": f"#{s.id} {ports.plan.statements.target(s.target).name}: {_cut(s.current.text)}",
                "value": str(s.id)} for s in choices][:100]
    text = FORMS.text
    return Answer(card=_card([
        {"type": "TextBlock", "text": text(msg("modal.answer.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.ChoiceSet", "id": "statement", "label": text(msg("modal.field.statement")),
         "choices": options, "value": options[0]["value"], "isRequired": True}],
        text(msg("modal.answer.submit")), ANSWER_VERB, str(inquiry_id)))


def answered(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    inquiry = services.answer_inquiry(number(data.get("value"), "error.unknown_inquiry"),
                                      number(data.get("statement"), "error.unknown_statement"), user=turn.user,
                                      ports=ports)
    return Answer(card=inquiry_card(inquiry))


def _card(body: list[dict[str, Any]], submit: str, verb: str, value: str) -> dict[str, Any]:
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body, "actions": [
        {"type": "Action.Execute", "title": submit, "verb": verb, "style": "positive", "data": {"value": value}}]}


def _deadline(day: str, time: str) -> datetime | None:
    """Input.Date's YYYY-MM-DD and Input.Time's HH:MM on the team's clock, in UTC."""
    try:
        return datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M").replace(tzinfo=voice.team().zone).astimezone(UTC)
    except ValueError:
        return None


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= OPTION_CHARS else text[:OPTION_CHARS - 1] + "…"


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    LOG_VERB: logged,
    Action.ANSWER_INQUIRY.value: choose_statement,
    ANSWER_VERB: answered,
}
