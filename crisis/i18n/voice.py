"""Whose language and clock a text is written in: the team's (the plan's `language` and `timezone`), or, for what
only one person sees, that reader's own language when it is known.

The team's voice is set once per process by the composition root from the plan (every thread, tick and report
then speaks it); a reader's language is a context variable set around a reply to one person only. Stored times
stay UTC: a zone is applied only when a time is written for people."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class Voice:
    """A language (a catalog's code, e.g. 'nl') and the zone times are shown and read in."""

    locale: str = "en"
    zone: ZoneInfo = UTC_ZONE


DEFAULT = Voice()
_team = DEFAULT
_reader: ContextVar[str | None] = ContextVar("reader_locale", default=None)


def speak_as_team(voice: Voice) -> None:
    """The plan's language and zone for everything this process writes (the composition root calls it)."""
    global _team
    _team = voice


def team() -> Voice:
    return _team


def current() -> Voice:
    """The voice of the text being written now: the reader's language where one is set, the team's zone."""
    return Voice(_reader.get() or _team.locale, _team.zone)


@contextmanager
def reader(locale: str | None) -> Iterator[None]:
    """Write in `locale` (a shipped catalog's code; None: the team's) inside the block: a reply to one person."""
    token = _reader.set(locale)
    try:
        yield
    finally:
        _reader.reset(token)


def local(at: datetime, zone: ZoneInfo | None = None) -> datetime:
    """`at` (aware; naive means UTC) in `zone`, by default the team's."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(zone or _team.zone)


def zone_label(at: datetime, zone: ZoneInfo | None = None) -> str:
    """The zone's abbreviation at that moment ('CET', 'CEST', 'UTC'), or its offset where it has none."""
    return local(at, zone).strftime("%Z")


def format_time(at: datetime, zone: ZoneInfo | None = None) -> str:
    """'2026-11-25 14:05 CET': numeric (nothing to translate), in the team's zone, the zone named."""
    moment = local(at, zone)
    return f"{moment:%Y-%m-%d %H:%M} {moment:%Z}"


def format_day(at: datetime, zone: ZoneInfo | None = None) -> str:
    """'2026-11-25': the day `at` falls on in the team's zone."""
    return f"{local(at, zone):%Y-%m-%d}"
