"""Answers to a spike warning: Open crisis (pre-filled modal), False alarm (asks why), Snooze 1h, labels."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Channel, Time, msg
from crisis.monitor import services as monitoring
from crisis.monitor import label_menu, triage
from crisis.monitor.model import AlertStatus
from crisis.monitor.views import crisis_from_alert
from crisis.ports import Ports
from crisis.room.permissions import check_responder
from crisis.room.shared import authority
from handlers import ids
from handlers.block_kit import plain
from handlers.errors import acked
from handlers.replies import metadata, reply
from handlers.room import blocks
from handlers.room.views import field_errors, view_value


def register(app: App) -> None:
    app.action(ids.OPEN_FROM_ALERT)(acked(open_from_alert))
    app.action(ids.FALSE_ALARM)(acked(false_alarm))
    app.view(ids.FALSE_ALARM_MODAL)(acked(false_alarm_submitted, check=lambda body, ports: field_errors(
        lambda: monitoring.check_reason(_reason(body)), default=ids.TITLE_BLOCK), kept=True))
    app.action(ids.SNOOZE)(acked(snooze, kept=True))
    app.action(ids.LABEL_MENTION)(acked(label, kept=True))


def open_from_alert(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    alert = monitoring.alert_for_answer(_alert_id(action), ports=ports)
    crisis = monitoring.crisis_of_alert(alert, ports=ports)
    if alert.status is AlertStatus.CRISIS and crisis is not None:
        reply(body, client, msg("notice.already_in_crisis", channel=Channel(crisis.channel_id)))
        return
    title, description = crisis_from_alert(alert, ports.plan.monitor.bucket_minutes)
    meta = {"alert_id": alert.id, "response_url": body.get("response_url")}
    advice = triage.suggest(triage.figures(ports, alert.term), ports.plan.severities)
    client.views_open(trigger_id=body["trigger_id"], view=blocks.open_modal(
        ports.plan, meta, title=plain(title), description=plain(description),
        severity=advice.severity or ("SEV2" if alert.level >= 2 else "SEV3"), kind="complaint_wave",
        advice=triage.triage_card(advice)))


def false_alarm(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    check_responder(body["user"]["id"], authority(ports))
    alert = monitoring.alert_for_answer(_alert_id(action), ports=ports)
    monitoring.check_unanswered(alert)
    client.views_open(trigger_id=body["trigger_id"], view=blocks.reason_modal(
        {"alert_id": alert.id, "response_url": body.get("response_url")}))


def false_alarm_submitted(body: dict[str, Any], ports: Ports) -> None:
    monitoring.false_alarm(int(metadata(body).get("alert_id")), _reason(body), user=body["user"]["id"], ports=ports)


def _reason(body: dict[str, Any]) -> str:
    return view_value(body, ids.REASON_BLOCK, ids.REASON_INPUT)


def snooze(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    alert_id = _alert_id(action)
    until = monitoring.snooze(alert_id, user=body["user"]["id"], ports=ports)
    alert = monitoring.alert_for_answer(alert_id, ports=ports)
    reply(body, client, msg("notice.snoozed", term=alert.term, until=Time(until)))


def label(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    value = str((action.get("selected_option") or {}).get("value", ""))
    chosen = label_menu.label_example(value, user=body["user"]["id"], ports=ports)
    reply(body, client, msg("notice.labelled", label=msg(f"label.{chosen}")))


def _alert_id(action: dict[str, Any]) -> int:
    alert_id = ids.number(action.get("value"))
    if alert_id is None:
        raise BadInput("error.unknown_alert")
    return alert_id
