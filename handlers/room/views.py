"""Modal submissions: open crisis, close crisis. Field errors go back into the modal."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
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
from handlers.errors import user_errors
from handlers.replies import metadata, reply


def register(app: App) -> None:
    app.view(ids.OPEN_MODAL)(open_submitted)
    app.view(ids.CLOSE_MODAL)(close_submitted)


@user_errors
def open_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    form = OpenCrisisForm(
        title=view_value(body, ids.TITLE_BLOCK, ids.TITLE_INPUT),
        severity=view_value(body, ids.SEVERITY_BLOCK, ids.SEVERITY_INPUT),
        kind=view_value(body, ids.KIND_BLOCK, ids.KIND_INPUT),
        description=view_value(body, ids.DESCRIPTION_BLOCK, ids.DESCRIPTION_INPUT),
        link=view_value(body, ids.LINK_BLOCK, ids.LINK_INPUT),
    )
    if not valid_form(ack, lambda: services.validate_open(form, ports.plan)):
        return
    ack()
    opened = services.open_crisis(form, actor=body["user"]["id"], request_key=_key(body), ports=ports)
    if opened is None:
        return
    alert_id = metadata(body).get("alert_id")
    if isinstance(alert_id, int):
        monitoring.link_crisis(alert_id, opened.crisis, user=body["user"]["id"], ports=ports)
    notice: Msg = msg("notice.opened", channel=Channel(opened.crisis.channel_id))
    reply(body, client, notice)
    if opened.title_trimmed:
        reply(body, client, msg("notice.title_trimmed", limit=MAX_TITLE))


@user_errors
def close_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    resolution = view_value(body, ids.RESOLUTION_BLOCK, ids.RESOLUTION_INPUT)
    if not resolution.strip():
        ack(response_action="errors", errors={ids.RESOLUTION_BLOCK: plain(msg("error.resolution_required"))})
        return
    ack()
    services.close_crisis(metadata(body).get("channel", ""), resolution, user=body["user"]["id"],
                          request_key=_key(body), ports=ports)


def valid_form(ack: Ack, check) -> bool:
    """Run a validation; on BadInput show its text under the field in the modal and say False."""
    try:
        check()
    except BadInput as error:
        block = ids.FORM_BLOCKS.get(error.field or "", ids.TITLE_BLOCK)
        ack(response_action="errors", errors={block: plain(Msg(error.key, error.params))})
        return False
    return True


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
