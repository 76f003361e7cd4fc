"""The message catalog: every text a person sees, by key, in the team's or the reader's language (see voice.py),
rendered for a chat platform's markup; typed text made safe for the spreadsheets that exports end up in."""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Mapping, Protocol

from crisis.i18n import voice
from crisis.i18n.en import MESSAGES as EN
from crisis.i18n.nl import MESSAGES as NL

CATALOGS: dict[str, Mapping[str, str]] = {"en": EN, "nl": NL}
"""The shipped languages; every one holds every key of English with the same placeholders (tests/crisis/test_i18n)."""


def shipped(tag: str | None) -> str | None:
    """The catalog for a language tag as Slack gives it ('nl-NL', 'en_US', 'nl'), or None when none is shipped."""
    code = (tag or "").replace("_", "-").split("-")[0].lower()
    return code if code in CATALOGS else None


@dataclass(frozen=True)
class User:
    """A person, shown as a mention where the platform has them."""

    id: str | None


@dataclass(frozen=True)
class Channel:
    id: str | None


@dataclass(frozen=True)
class Time:
    at: datetime


@dataclass(frozen=True)
class Number:
    """A number in the reader's marks: 1234.5 with one decimal is '1,234.5' in English, '1.234,5' in Dutch."""

    value: float
    decimals: int = 0


@dataclass(frozen=True)
class Percent:
    """A share (0.125) as a percentage in the reader's marks: '12.5%' in English, '12,5%' in Dutch."""

    share: float
    decimals: int = 0


@dataclass(frozen=True)
class Msg:
    """A catalog key with its parameters, rendered late so each platform can add its own markup."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


def msg(key: str, /, **params: Any) -> Msg:
    return Msg(key, params)


class Style(Protocol):
    """How a platform writes people, channels, times and (escaped) user text."""

    def user(self, user_id: str) -> str: ...
    def channel(self, channel_id: str) -> str: ...
    def time(self, at: datetime) -> str: ...
    def text(self, value: str) -> str: ...


class PlainStyle:
    def user(self, user_id: str) -> str:
        return f"@{user_id}"

    def channel(self, channel_id: str) -> str:
        return f"#{channel_id}"

    def time(self, at: datetime) -> str:
        return voice.format_time(at)

    def text(self, value: str) -> str:
        return value


PLAIN = PlainStyle()


def render(message: Msg, style: Style = PLAIN, locale: str | None = None) -> str:
    """`message` in `locale` (default: the voice of the moment, see voice.current) and the platform's `style`."""
    locale = locale or voice.current().locale
    template = _template(message.key, locale)
    values = {name: _value(value, style, locale) for name, value in message.params.items()}
    return string.Formatter().vformat(template, (), _Strict(values, message.key))


def t(key: str, /, **params: Any) -> str:
    """Plain-text rendering (logs, CLI, transcripts); chat adapters use `render` with their style."""
    return render(Msg(key, params))


def has(key: str, locale: str = "en") -> bool:
    return key in CATALOGS[locale]


def format_duration(span: timedelta, locale: str | None = None) -> str:
    """'2 d 3 h', '3 h 12 min', '4 min', '35 s' — the two largest units."""
    locale = locale or voice.current().locale
    seconds = max(0, int(span.total_seconds()))
    units = [("d", 86400), ("h", 3600), ("min", 60), ("s", 1)]
    parts = []
    for unit, size in units:
        amount, seconds = divmod(seconds, size)
        if amount or (unit == "s" and not parts):
            parts.append(render(Msg(f"unit.{unit}", {"n": amount}), locale=locale))
        if len(parts) == 2:
            break
    return " ".join(parts)


def format_number(value: float, decimals: int = 0, locale: str | None = None) -> str:
    """`value` rounded to `decimals`, grouped by thousands, with the catalog's marks (`number.decimal`,
    `number.group`): '1,234.5' in English, '1.234,5' in Dutch; never '-0'."""
    locale = locale or voice.current().locale
    written = f"{value:,.{decimals}f}"
    if written.startswith("-") and not written.strip("-0.,"):
        written = written[1:]
    marks = {",": _template("number.group", locale), ".": _template("number.decimal", locale)}
    return "".join(marks.get(char, char) for char in written)


def format_percent(share: float, decimals: int = 0, locale: str | None = None) -> str:
    """A share as a percentage in the catalog's marks and form (`number.percent`): 0.125 -> '12.5%' / '12,5%'.
    A share above 0 too small to show at `decimals` reads as under the smallest one shown ('<0.1%'), never 0%."""
    locale = locale or voice.current().locale
    smallest = 10.0 ** -decimals
    if 0 < share * 100 < smallest / 2:
        return _template("number.percent_under", locale).format(n=format_number(smallest, decimals, locale))
    return _template("number.percent", locale).format(n=format_number(share * 100, decimals, locale))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a cell starts with when a spreadsheet would run it as a formula."""


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (= + - @, a tab or a carriage return first; numbers
    aside) with a ' in front; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
        except ValueError:
            return f"'{value}"
    return value


def _template(key: str, locale: str) -> str:
    catalog = CATALOGS.get(locale, EN)
    if key in catalog:
        return catalog[key]
    if key in EN:
        return EN[key]
    raise KeyError(f"message catalog has no key {key!r}")


def _value(value: Any, style: Style, locale: str) -> str:
    if isinstance(value, Msg):
        return render(value, style, locale)
    if isinstance(value, User):
        return style.user(value.id) if value.id else render(Msg("word.nobody"), style, locale)
    if isinstance(value, Channel):
        return style.channel(value.id) if value.id else "?"
    if isinstance(value, Time):
        return style.time(value.at)
    if isinstance(value, timedelta):
        return format_duration(value, locale)
    if isinstance(value, Number):
        return format_number(value.value, value.decimals, locale)
    if isinstance(value, Percent):
        return format_percent(value.share, value.decimals, locale)
    return style.text(str(value))


class _Strict(dict):
    def __init__(self, values: Mapping[str, str], key: str) -> None:
        super().__init__(values)
        self.key = key

    def __missing__(self, name: str) -> str:
        raise KeyError(f"message {self.key!r} needs parameter {name!r}")
