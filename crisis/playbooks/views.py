"""Playbooks' message as a neutral view: the crisis type's checklist, a box per step, who ticked it and when."""
from __future__ import annotations

from datetime import datetime

from crisis.errors import BadInput
from crisis.i18n import Msg, Time, User, msg
from crisis.playbooks.model import Checklist
from crisis.room.views import kind_label
from crisis.views import Action, Card, Check, Notes, Title


def step_value(checklist: Checklist, number: int) -> str:
    """What a click on step `number` names: "<checklist id>|<step number>"."""
    return f"{checklist.id}|{number}"


def step_of(value: object) -> tuple[int, int]:
    """(checklist id, step number) from what a click named (step_value); anything else is refused."""
    parts = str(value or "").split("|")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 18 for p in parts):
        raise BadInput("error.unknown_step")
    return int(parts[0]), int(parts[1])


def step_text(checklist: Checklist, number: int) -> Msg:
    """Step `number` (1-based) as people read it: the shipped text in their language, or the plan's own (escaped)."""
    step = checklist.steps[number - 1]
    text = msg("playbook.own_step", text=step) if checklist.own else msg(step)
    return msg("playbook.step", number=number, text=text)


def checklist_card(checklist: Checklist) -> Card:
    """The type's title, a box per step (ticked: by whom, when), and how far the team is."""
    kind = kind_label(checklist.kind)
    total, done = len(checklist.steps), checklist.done_count()
    checks = []
    for number in range(1, total + 1):
        ticked = checklist.done.get(str(number))
        note = None if ticked is None else msg("playbook.done_by", user=User(ticked["by"]),
                                               at=Time(datetime.fromisoformat(ticked["at"])))
        checks.append(Check(step_text(checklist, number), ticked is not None, Action.TICK_STEP,
                            step_value(checklist, number), note))
    progress = msg("playbook.all_done") if done == total else msg("playbook.progress", done=done, total=total)
    return Card(msg("playbook.summary", kind=kind, done=done, total=total),
                (Title(msg("playbook.title", kind=kind)), *checks, Notes((progress, msg("playbook.how")))))
