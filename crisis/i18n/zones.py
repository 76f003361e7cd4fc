"""The team's clock: the plan's `language` and `timezone` checked, and times people type (`/crisis started 14:05`)
read on that clock: the day and hour in the plan's zone, daylight-saving gaps refused and overlaps asked about,
the result in UTC."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crisis.errors import BadInput, PlanError
from crisis.i18n import CATALOGS
from crisis.i18n.voice import format_time, zone_label

_TYPED = re.compile(r"^\s*(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}):(\d{2})"
                    r"(?:\s*(?:(?P<utc>UTC|Z)|(?P<offset>[+-]\d{2}:?\d{2})|(?P<abbr>[A-Za-z]{2,6})))?\s*$")
_NAIVE_DAY = "%Y-%m-%d"


def read_time(text: str, now: datetime, zone: ZoneInfo, usage: str) -> datetime:
    """'14:05' (today on the team's clock), '2026-11-25 14:05', either with 'UTC', an offset ('+01:00') or the
    zone's abbreviation ('CEST') after it -> an aware UTC datetime. A wall time the zone skips (the clocks jump
    forward) is refused, naming the time it likely means; one it shows twice (the clocks go back) needs the
    abbreviation that says which. `usage` is the catalog key explaining the format (it gets `zone`)."""
    match = _TYPED.match(text or "")
    if not match:
        raise BadInput(usage, zone=zone.key)
    day_text, hour, minute = match.group(1, 2, 3)
    try:
        day = date.fromisoformat(day_text) if day_text else now.astimezone(zone).date()
        wall = datetime(day.year, day.month, day.day, int(hour), int(minute))
    except ValueError:
        raise BadInput(usage, zone=zone.key) from None
    if match["utc"]:
        return wall.replace(tzinfo=UTC)
    if match["offset"]:
        return _with_offset(wall, match["offset"], usage, zone)
    return _on_clock(wall, zone, match["abbr"])


def _with_offset(wall: datetime, offset: str, usage: str, zone: ZoneInfo) -> datetime:
    digits = offset.replace(":", "")
    hours, minutes = int(digits[1:3]), int(digits[3:5])
    if hours > 23 or minutes > 59:
        raise BadInput(usage, zone=zone.key)
    span = timedelta(hours=hours, minutes=minutes)
    return wall.replace(tzinfo=timezone(-span if digits[0] == "-" else span)).astimezone(UTC)


def _on_clock(wall: datetime, zone: ZoneInfo, abbreviation: str | None) -> datetime:
    """The moment the zone's clock showed `wall`; `abbreviation` picks one of two where the clock showed it twice."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    shown = {"time": f"{wall:%H:%M}", "day": f"{wall:{_NAIVE_DAY}}", "zone": zone.key}
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:  # skipped: the clocks jumped over it
        meant = first.astimezone(UTC)
        raise BadInput("error.time_nonexistent", meant=format_time(meant, zone),
                       gap=abs(second.utcoffset() - first.utcoffset()), **shown)
    options = {zone_label(first, zone): first, zone_label(second, zone): second}
    if abbreviation:
        chosen = next((at for label, at in options.items() if label.upper() == abbreviation.upper()), None)
        if chosen is None:
            raise BadInput("error.time_unknown_zone", abbreviation=abbreviation, labels=" / ".join(options), **shown)
        return chosen.astimezone(UTC)
    if first.utcoffset() != second.utcoffset():  # shown twice: the clocks went back over it
        earlier, later = list(options)
        raise BadInput("error.time_ambiguous", earlier=earlier, later=later, **shown)
    return first.astimezone(UTC)


def plan_language(value: object) -> str:
    """The plan's `language`: a shipped catalog's code."""
    if not isinstance(value, str) or value not in CATALOGS:
        raise PlanError("language", f"'{value}' is not a language crisisbot speaks; use one of {', '.join(CATALOGS)}")
    return value


def plan_zone(value: object) -> str:
    """The plan's `timezone`: an IANA name (Europe/Amsterdam, UTC), exactly as the tz database spells it."""
    try:
        ZoneInfo(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZoneInfoNotFoundError):
        raise PlanError("timezone", f"'{value}' is not a time zone; write an IANA name such as Europe/Amsterdam "
                                    "or UTC") from None
    return str(value)
