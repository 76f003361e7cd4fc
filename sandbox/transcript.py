"""The story of a sandbox run: what each person would have seen in Slack, one entry per thing that happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from crisis import i18n
from crisis.i18n import Msg, voice


@dataclass(frozen=True)
class Entry:
    """One thing a person saw: when, where (a channel, a DM, a modal...), who did it, and what it read."""

    at: float
    where: str
    who: str
    lines: tuple[str, ...]


def said(label: Msg) -> str:
    """A label of the story (`demo.log.*`: clicked, edited, pinned...) in the team's language, as the demo's."""
    return i18n.render(label, locale=voice.team().locale)


def _clock_time(at: float) -> str:
    """The time as the team's Slack clients show it: on the plan's clock (crisis/i18n/voice)."""
    return f"{voice.local(datetime.fromtimestamp(at, UTC)):%H:%M:%S}"


def render(entries: list[Entry]) -> str:
    """Entries in time order as text: `HH:MM:SS  where  who: first line`, further lines indented below."""
    out = []
    for entry in sorted(entries, key=lambda e: e.at):  # sorted() is stable: same-time entries keep their order
        first, *rest = entry.lines or ("",)
        head = f"{_clock_time(entry.at)}  {entry.where}  {entry.who}: {first}"
        out.append(head.rstrip())
        out.extend(f"{'':10}{line}" for line in rest)
    return "\n".join(out)
