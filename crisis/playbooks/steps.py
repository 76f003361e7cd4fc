"""The steps of a playbook: the shipped ones per crisis type (texts in the message catalog), the plan's own
(`playbooks:`, checked with key paths), and which a crisis of a type starts with."""
from __future__ import annotations

from typing import Any, Mapping

from crisis.errors import PlanError
from crisis.plan import CrisisPlan

SHIPPED: dict[str, int] = {"offensive_post": 7, "complaint_wave": 7, "outage": 6, "account_leak": 7,
                           "employee_misconduct": 7, "data_leak": 7, "general": 7}
"""Crisis type -> how many shipped steps it has (catalog keys `playbook.step.<type>.<n>`); a type without its own
gets `general`'s. From common crisis-communication practice: acknowledge fast, pause scheduled posts, take the
offending post down, no arguing with hostile accounts, regular updates, take responsibility; an account leak
starts with the access steps for the affected account."""
GENERAL = "general"
MAX_STEPS = 20
"""Steps a plan may give one crisis type (each is one line of the checklist message)."""
MAX_STEP_LENGTH = 300


def shipped_steps(kind: str) -> list[str]:
    """The catalog keys of the shipped steps for `kind`, in order."""
    kind = kind if kind in SHIPPED else GENERAL
    return [f"playbook.step.{kind}.{number}" for number in range(1, SHIPPED[kind] + 1)]


def steps_for(plan: CrisisPlan, kind: str) -> tuple[list[str], bool]:
    """The steps a crisis of `kind` starts with: the plan's own texts (True) or the shipped catalog keys (False)."""
    own = plan.playbooks.get(kind)
    return (list(own), True) if own else (shipped_steps(kind), False)


def parse_playbooks(data: object, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The plan's `playbooks:` section: crisis type -> its own steps (one line of text each), replacing the
    shipped ones. The first thing wrong is a PlanError naming its key path."""
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise PlanError("playbooks", "expected a mapping of crisis types to lists of steps")
    playbooks: dict[str, tuple[str, ...]] = {}
    for kind, steps in data.items():
        path = f"playbooks.{kind}"
        if kind not in kinds:
            raise PlanError(path, f"'{kind}' is not one of the crisis_types ({', '.join(kinds)})")
        if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_STEPS:
            raise PlanError(path, f"must be a list of 1 to {MAX_STEPS} steps, each a line of text")
        playbooks[kind] = tuple(_step(step, f"{path}.{index}", steps[:index]) for index, step in enumerate(steps))
    return playbooks


def _step(value: Any, path: str, before: list[Any]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PlanError(path, "a step is a line of text, e.g. - Pause scheduled posts")
    text = value.strip()
    if any(ord(c) < 32 for c in text):
        raise PlanError(path, "a step is one line of text (no line breaks or control characters)")
    if len(text) > MAX_STEP_LENGTH:
        raise PlanError(path, f"a step is at most {MAX_STEP_LENGTH} characters ({len(text)} here)")
    if text in (str(b).strip() for b in before):
        raise PlanError(path, "this step is listed twice")
    return text
