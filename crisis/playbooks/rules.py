"""Pure decisions of playbooks: who may tick a step, and what a tick changes."""
from __future__ import annotations

from datetime import datetime
from typing import Callable, Iterable

from crisis.errors import BadInput, NotAuthorised
from crisis.i18n import Time, User
from crisis.playbooks.model import Checklist
from crisis.room.model import Crisis
from crisis.room.permissions import Authority, on_the_crisis


def check_may_tick(crisis: Crisis, user: str, who: Authority, members: Callable[[], Iterable[str]]) -> None:
    """Who is on the crisis ticks its playbook: see crisis.room.permissions.on_the_crisis."""
    if not on_the_crisis(crisis, user, who, members):
        raise NotAuthorised("error.playbook_not_on_crisis")


def tick(checklist: Checklist, number: int, done: bool, user: str, now: datetime) -> None:
    """Tick step `number` (done) or untick it. Ticking a ticked step, or unticking an open one, is refused: it says
    who ticked it (the message someone clicked on was out of date, or two people ticked at once)."""
    if not 1 <= number <= len(checklist.steps):
        raise BadInput("error.unknown_step")
    ticked = checklist.done.get(str(number))
    if done and ticked is not None:
        raise BadInput("error.step_already_done", step=number, user=User(ticked["by"]),
                       at=Time(datetime.fromisoformat(ticked["at"])))
    if not done and ticked is None:
        raise BadInput("error.step_not_done", step=number)
    if done:
        checklist.done[str(number)] = {"by": user, "at": now.isoformat()}
    else:
        del checklist.done[str(number)]
