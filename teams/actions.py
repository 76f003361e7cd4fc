"""Action.Execute clicks (`adaptiveCard/action` invokes): the verb is the neutral Action (or a form's verb),
`data.value` its value; each calls the same use case as the Slack button and says what the card becomes."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisis.errors import BadInput, NotYet
from crisis.i18n import Channel, User, msg
from crisis.monitor import services as monitoring
from crisis.playbooks import services as playbooks
from crisis.playbooks.views import checklist_card, step_of
from crisis.ports import Ports
from crisis.room import pages, services
from crisis.room.model import OpenCrisisForm
from crisis.views import Action, note
from teams import (accounts, amendments, debrief, drafting, monitor, press, prevention, schedules, statements, takedowns,
                   webcare)
from teams.card_data import maybe_number
from teams.forms import OPEN_VERB
from teams.turns import Answer, Turn


def open_crisis(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    alert = None if data.get("alert") is None else monitoring.alert_for_answer(maybe_number(data.get("alert")) or 0,
                                                                               ports=ports)
    form = OpenCrisisForm(title=_field(data, "title"), severity=_field(data, "severity"), kind=_field(data, "kind"),
                          description=_field(data, "description"), link=_field(data, "link"))
    try:
        opened = services.open_crisis(form, actor=turn.user, request_key=turn.request_key, ports=ports,
                                      from_alert=None if alert is None else alert.id)
    except NotYet:  # the same submission again while the first is still setting the room up: that one answers
        return Answer()
    if opened is None:
        return Answer()
    if alert is not None:  # opened from a spike warning's form: the warning shows its crisis
        monitoring.show_answer(alert.id, ports=ports)
    notice = msg("notice.opened", channel=Channel(opened.crisis.channel_id))
    return Answer(card=note(notice))


def acknowledge(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    page = maybe_number(data.get("value"))
    if page is None:
        raise BadInput("error.unknown_page")
    done = pages.acknowledge_page(page, user=turn.user, request_key=turn.request_key, ports=ports,
                                  clicked=turn.clicked)
    if done is None:
        return Answer()
    role = ports.plan.role_name(done.role)
    if done.already_by:
        return Answer(card=note(msg("notice.already_acknowledged", role=role, user=User(done.already_by))))
    return Answer(card=note(msg("notice.acknowledged", role=role, channel=Channel(done.crisis.channel_id))))


def tick_step(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """A step's button: ticks it (data "done": true) or unticks it; the clicked card shows the checklist now."""
    checklist, number = step_of(data.get("value"))
    ticked = playbooks.tick_step(checklist, number, data.get("done") is True, user=turn.user,
                                 request_key=turn.request_key, ports=ports)
    return Answer(card=checklist_card(ticked)) if ticked else Answer()


def _field(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value if isinstance(value, str) else ""


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    OPEN_VERB: open_crisis,
    Action.ACKNOWLEDGE_PAGE.value: acknowledge,
    Action.TICK_STEP.value: tick_step,
    **statements.VERBS,
    **drafting.VERBS,
    **accounts.VERBS,
    **amendments.VERBS,
    **takedowns.VERBS,
    **webcare.VERBS,
    **monitor.VERBS,
    **debrief.VERBS,
    **press.VERBS,
    **schedules.VERBS,
    **prevention.VERBS,
}
