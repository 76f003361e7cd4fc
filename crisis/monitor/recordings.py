"""Drill recordings: the plan's `drills.recordings` (name -> a CSV or JSONL mention file), what one holds once read
(each mention at its time from the drill's start), the port that reads them, and the drill's own watched term."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from crisis.errors import PlanError
from crisis.monitor.mentions import Mention

RECORDING_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
RECORDING_SUFFIXES = (".csv", ".jsonl", ".ndjson")
DRILL_TERM = "drill:"
"""Starts the term a drill's replayed mentions are filed under (`drill:<crisis id>`), never one of the plan's."""


@dataclass(frozen=True)
class DrillsPlan:
    """What the plan says about drills (`drills:`)."""

    recordings: Mapping[str, str] = field(default_factory=dict)
    """Recording name -> its mention file (CSV or JSONL), relative to the folder the bot runs in."""


@dataclass(frozen=True)
class RecordedMention:
    """One mention of a recording: `at` is its time from the drill's start (before it, negative: the history the
    spike detector learns from, fed at once); its mention's created_at is set when it is fed."""

    at: timedelta
    mention: Mention


@dataclass
class DrillReplay:
    """A recording replayed into a drill: one per drill. Every recorded mention whose time (the drill's start plus
    its `at`) is not after `fed_until` has been fed, in the transaction that moved `fed_until`."""

    crisis_id: int
    recording: str
    started_at: datetime
    """The drill's start: a recorded mention's `at` counts from here."""
    fed_until: datetime | None = None
    fed: int = 0
    """Mentions stored so far."""
    finished_at: datetime | None = None
    """When the last recorded mention was fed."""
    error: str = ""
    """Why the recording could not be read at the last try (said once in the drill's room); empty when it could."""


class Recordings(Protocol):
    """The plan's drill recordings, read from their files."""

    def load(self, name: str) -> tuple[RecordedMention, ...]:
        """The recording's mentions, oldest first; BadInput `error.unknown_recording` for a name the plan does not
        have, `error.bad_recording` (with the line) for a file that cannot be read or a row that is malformed."""


class DrillReplays(Protocol):
    def add(self, replay: DrillReplay) -> DrillReplay | None:
        """None when the drill has its replay already (one per crisis)."""

    def get(self, crisis_id: int) -> DrillReplay | None: ...
    def lock(self, crisis_id: int) -> DrillReplay | None: ...
    def save(self, replay: DrillReplay) -> None: ...

    def live(self) -> list[int]:
        """The crises of the replays whose drill is still open (closed ones' replays stop), by crisis id."""


def drill_term(crisis_id: int) -> str:
    return f"{DRILL_TERM}{crisis_id}"


def is_drill_term(term: str) -> bool:
    return term.startswith(DRILL_TERM)


def parse_drills(data: object) -> DrillsPlan:
    """The plan's `drills:` section; the first thing wrong is a PlanError naming its key path."""
    if data is None:
        return DrillsPlan()
    if not isinstance(data, Mapping):
        raise PlanError("drills", "expected a mapping, e.g. recordings: {complaint-wave: drill-recording.jsonl}")
    unknown = [key for key in data if key != "recordings"]
    if unknown:
        raise PlanError(f"drills.{unknown[0]}", "unknown key; expected recordings")
    recordings = data.get("recordings") or {}
    if not isinstance(recordings, Mapping):
        raise PlanError("drills.recordings", "expected a mapping of recording names to CSV or JSONL files")
    parsed: dict[str, str] = {}
    for name, path in recordings.items():
        where = f"drills.recordings.{name}"
        if not isinstance(name, str) or not RECORDING_NAME.match(name):
            raise PlanError(where, "a recording's name is lowercase letters, digits, - and _ (at most 40)")
        if not isinstance(path, str) or not path.strip().lower().endswith(RECORDING_SUFFIXES):
            raise PlanError(where, "expected a .csv or .jsonl file of mentions, e.g. drill-recording.jsonl")
        parsed[name] = path.strip()
    return DrillsPlan(parsed)
