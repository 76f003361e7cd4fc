"""Modal submissions: open crisis, close crisis. Field errors go back into the modal."""
from __future__ import annotations

from typing import Any, Callable

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Channel, Msg, msg
from crisis.monitor import services as monitoring
from crisis.ports import Ports
from crisis.room import services
from crisis.room.model import OpenCrisisForm
from crisis.room.rules import MAX_TITLE
from handlers import ids
from handlers.block_kit import plain
from handlers.errors import acked
from handlers.replies import metadata, reply


def register(app: App) -> None:
    app.view(ids.OPEN_MODAL)(acked(open_submitted, check=_open_form_errors, kept=True))
    app.view(ids.CLOSE_MODAL)(acked(close_submitted, check=_resolution_missing, kept=True))


def open_submitted(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    alert_id = metadata(body).get("alert_id")
    alert_id = alert_id if isinstance(alert_id, int) else None
    opened = services.open_crisis(_open_form(body), actor=body["user"]["id"], request_key=_key(body), ports=ports,
                                  from_alert=alert_id)
    if opened is None:
        return
    if alert_id is not None:
        monitoring.show_answer(alert_id, ports=ports)
    notice: Msg = msg("notice.opened", channel=Channel(opened.crisis.channel_id))
    reply(body, client, notice)
    if opened.title_trimmed:
        reply(body, client, msg("notice.title_trimmed", limit=MAX_TITLE))


def close_submitted(body: dict[str, Any], ports: Ports) -> None:
    services.close_crisis(metadata(body).get("channel", ""), _resolution(body), user=body["user"]["id"],
                          request_key=_key(body), ports=ports)


def _open_form(body: dict[str, Any]) -> OpenCrisisForm:
    return OpenCrisisForm(
        title=view_value(body, ids.TITLE_BLOCK, ids.TITLE_INPUT),
        severity=view_value(body, ids.SEVERITY_BLOCK, ids.SEVERITY_INPUT),
        kind=view_value(body, ids.KIND_BLOCK, ids.KIND_INPUT),
        description=view_value(body, ids.DESCRIPTION_BLOCK, ids.DESCRIPTION_INPUT),
        link=view_value(body, ids.LINK_BLOCK, ids.LINK_INPUT),
    )


def _open_form_errors(body: dict[str, Any], ports: Ports) -> dict[str, str] | None:
    return field_errors(lambda: services.validate_open(_open_form(body), ports.plan), default=ids.TITLE_BLOCK)


def _resolution(body: dict[str, Any]) -> str:
    return view_value(body, ids.RESOLUTION_BLOCK, ids.RESOLUTION_INPUT)


def _resolution_missing(body: dict[str, Any], ports: Ports) -> dict[str, str] | None:
    if _resolution(body).strip():
        return None
    return {ids.RESOLUTION_BLOCK: plain(msg("error.resolution_required"))}


def field_errors(check: Callable[[], object], default: str | None = None) -> dict[str, str] | None:
    """Run a form's check before the ack: a BadInput on a field becomes its text under that field (or under
    `default`); one on no known field, without a default, is raised (and answered to the person after the ack)."""
    try:
        check()
    except BadInput as error:
        block = ids.FORM_BLOCKS.get(error.field or "", default)
        if block is None:
            raise
        return {block: plain(Msg(error.key, error.params))}
    return None


def _key(body: dict[str, Any]) -> str:
    return f"view:{body['view']['id']}"


def view_value(body: dict[str, Any], block_id: str, action_id: str) -> str:
    """What was entered in one modal field, as text ("" when empty); a date-time picker gives epoch seconds."""
    element = body["view"]["state"]["values"].get(block_id, {}).get(action_id, {})
    if element.get("type") == "static_select":
        return (element.get("selected_option") or {}).get("value", "")
    if element.get("type") == "datetimepicker":
        return str(element.get("selected_date_time") or "")
    return element.get("value") or ""
