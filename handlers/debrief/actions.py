"""The debrief in Slack: Start debrief (the questionnaire modal), its submission, and Done on follow-ups."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.debrief import services as debrief_services
from crisis.errors import BadInput
from crisis.i18n import Msg, Time, msg
from crisis.ports import Ports
from handlers import ids
from handlers.block_kit import plain
from handlers.debrief import blocks as debrief_blocks
from handlers.errors import acked
from handlers.replies import metadata, reply


def register(app: App) -> None:
    app.action(ids.DEBRIEF_START)(acked(start))
    app.view(ids.DEBRIEF_MODAL)(acked(submitted, check=_unanswered, kept=True))
    app.action(ids.FOLLOW_UP_DONE)(acked(done, kept=True))


def start(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    crisis_id = ids.number(action.get("value")) or 0
    form = debrief_services.questionnaire(crisis_id, user=body["user"]["id"], ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=debrief_blocks.questionnaire_modal(ports.plan, form))


def _unanswered(body: dict[str, Any], ports: Ports) -> dict[str, str] | None:
    answers, _ = debrief_blocks.answers_from(ports.plan, body["view"]["state"]["values"])
    try:
        debrief_services.check_answers(answers, ports)
    except BadInput as error:
        return {error.field: plain(Msg(error.key, error.params))}
    return None


def submitted(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    form = metadata(body)
    shown = form.get("follow_ups")
    answers, follow_ups = debrief_blocks.answers_from(ports.plan, body["view"]["state"]["values"],
                                                      shown if isinstance(shown, list) else ())
    crisis_id = int(form.get("crisis", 0))
    debrief_services.submit(crisis_id, answers, follow_ups, user=body["user"]["id"], ports=ports)
    form = debrief_services.questionnaire(crisis_id, user=body["user"]["id"], ports=ports)
    reply(body, client, msg("notice.debrief_saved", deadline=Time(form.debrief.deadline)))


def done(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    follow_up = ids.number(action.get("value"))
    if follow_up is None:
        raise BadInput("error.unknown_follow_up")
    item = debrief_services.mark_done(follow_up, user=body["user"]["id"], ports=ports)
    reply(body, client, msg("notice.follow_up_done", text=item.text))
