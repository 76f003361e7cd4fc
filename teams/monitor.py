"""Answers to a spike warning on Teams, the same use cases as the Slack buttons: Open crisis (the open form,
pre-filled from the warning), False alarm (a form for the reason), Snooze, and a sample mention's label. A click
on a warning that was already answered is refused with the warning as it now stands; nothing changes."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisis.i18n import Channel, Msg, Time, msg, render
from crisis.monitor import services as monitoring
from crisis.monitor import label_menu, triage
from crisis.monitor.model import AlertStatus, SpikeAlert
from crisis.monitor.views import crisis_from_alert, spike_warning
from crisis.ports import Ports
from crisis.room.permissions import check_responder
from crisis.room.shared import authority
from crisis.views import Action, Card, note
from teams.card_data import number
from teams.cards import SCHEMA, VERSION
from teams.forms import FORMS, open_form
from teams.turns import Answer, Turn

REASON_VERB = "false_alarm_reason"


def open_from_alert(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    alert = _alert(data, ports)
    crisis = monitoring.crisis_of_alert(alert, ports=ports)
    if alert.status is AlertStatus.CRISIS and crisis is not None:
        return _as_it_stands(alert, msg("notice.already_in_crisis", channel=Channel(crisis.channel_id)), ports)
    title, description = crisis_from_alert(alert, ports.plan.monitor.bucket_minutes)
    advice = triage.suggest(triage.figures(ports, alert.term), ports.plan.severities)
    return Answer(card=open_form(
        FORMS, ports.plan, render(title), description=render(description),
        severity=advice.severity or ("SEV2" if alert.level >= 2 else "SEV3"), kind="complaint_wave", alert=alert.id,
        advice=triage.triage_card(advice)))


def false_alarm(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The clicked warning becomes a form for the reason (Slack's reason modal); an answered one is refused."""
    check_responder(turn.user, authority(ports))
    alert = _alert(data, ports)
    if alert.status is not AlertStatus.NEW:
        return _as_it_stands(alert, msg("error.alert_answered"), ports)
    text = FORMS.text
    return Answer(card={"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("modal.false_alarm.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "reason", "label": text(msg("modal.field.reason")), "isMultiline": True,
         "isRequired": True, "placeholder": text(msg("modal.field.reason_hint"))}],
        "actions": [{"type": "Action.Execute", "title": text(msg("modal.false_alarm.submit")), "verb": REASON_VERB,
                     "data": {"value": str(alert.id)}}]})


def reason_submitted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    alert = _alert(data, ports)
    if alert.status is not AlertStatus.NEW:
        return _as_it_stands(alert, msg("error.alert_answered"), ports)
    reason = data.get("reason") if isinstance(data.get("reason"), str) else ""
    monitoring.false_alarm(alert.id, reason, user=turn.user, ports=ports)
    return _as_it_stands(alert, None, ports)


def snooze(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    check_responder(turn.user, authority(ports))
    alert = _alert(data, ports)
    if alert.status is not AlertStatus.NEW:
        return _as_it_stands(alert, msg("error.alert_answered"), ports)
    until = monitoring.snooze(alert.id, user=turn.user, ports=ports)
    return _as_it_stands(alert, msg("notice.snoozed", term=alert.term, until=Time(until)), ports)


def label(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """A sample mention's sentiment as a person reads it; the warning stays as it is for them."""
    chosen = label_menu.label_example(str(data.get("value") or ""), user=turn.user, ports=ports)
    return Answer(card=note(msg("notice.labelled", label=msg(f"label.{chosen}"))))


def _alert(data: dict[str, Any], ports: Ports) -> SpikeAlert:
    return monitoring.alert_for_answer(number(data.get("value"), "error.unknown_alert"), ports=ports)


def _as_it_stands(alert: SpikeAlert, notice: Msg | None, ports: Ports) -> Answer:
    card = spike_warning(monitoring.current_warning(alert.id, ports=ports))
    if notice is not None:
        card = Card(card.summary, (*card.parts, *note(notice).parts))
    return Answer(card=card)


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    Action.OPEN_CRISIS_FROM_ALERT.value: open_from_alert,
    Action.FALSE_ALARM.value: false_alarm,
    REASON_VERB: reason_submitted,
    Action.SNOOZE.value: snooze,
    Action.LABEL_MENTION.value: label,
}
