"""Paused brand posts on Teams: Resume / Reschedule / Discard on the close's offer call the same
`decide_paused_post` as Slack; Reschedule (or Resume of a post whose time has passed) becomes a form for a day and a
time on the team's clock; the clicked card says what was decided."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from crisis.i18n import Time, msg, voice
from crisis.ports import Ports
from crisis.schedules import services
from crisis.statements.views import paused_post_decided
from crisis.views import Action, note
from teams.card_data import number
from teams.cards import SCHEMA, VERSION
from teams.forms import FORMS
from teams.turns import Answer, Turn

NEW_TIME_VERB = "paused_new_time"


def resume(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    post = services.paused_post(_number(data.get("value")), ports=ports)
    if post.post_at <= ports.clock.now() and not post.outcome:
        return Answer(card=_new_time_form(post.id, post.post_at, passed=True))
    return _decided(turn, post.id, True, ports)


def reschedule(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    post = services.paused_post(_number(data.get("value")), ports=ports)
    return Answer(card=_new_time_form(post.id, post.post_at, passed=post.post_at <= ports.clock.now()))


def new_time(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    when = _when(_text(data, "post_day"), _text(data, "post_time"))
    services.check_new_time(when, ports=ports)
    return _decided(turn, _number(data.get("value")), True, ports, when)


def discard(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    return _decided(turn, _number(data.get("value")), False, ports)


def _decided(turn: Turn, post_id: int, resume: bool, ports: Ports, when: datetime | None = None) -> Answer:
    post = services.decide_paused_post(post_id, resume, user=turn.user, ports=ports, new_time=when)
    return Answer(card=note(paused_post_decided(post)))


def _new_time_form(post_id: int | None, planned: datetime, passed: bool) -> dict[str, Any]:
    text = FORMS.text
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("paused.time_passed" if passed else "paused.new_time",
                                               at=Time(planned))), "wrap": True},
        {"type": "Input.Date", "id": "post_day", "label": text(msg("modal.field.post_at")), "isRequired": True},
        {"type": "Input.Time", "id": "post_time", "isRequired": True}], "actions": [
        {"type": "Action.Execute", "title": text(msg("modal.resume.submit")), "verb": NEW_TIME_VERB,
         "style": "positive", "data": {"value": str(post_id)}}]}


def _when(day: str, time: str) -> datetime | None:
    """Input.Date's YYYY-MM-DD and Input.Time's HH:MM on the team's clock, in UTC."""
    try:
        return datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M").replace(tzinfo=voice.team().zone).astimezone(UTC)
    except ValueError:
        return None


def _number(value: Any) -> int:
    return number(value, "error.unknown_paused_post")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    Action.RESUME_POST.value: resume,
    Action.RESCHEDULE_POST.value: reschedule,
    Action.DISCARD_POST.value: discard,
    NEW_TIME_VERB: new_time,
}
