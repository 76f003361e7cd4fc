"""Mentions: what a source yields, validated into one shape (UTC times, bounded clean text)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping, Protocol, Sequence

from crisis.i18n import Msg, Time, msg, render, t

MAX_MENTION_CHARS = 10_000
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST = datetime(2006, 1, 1, tzinfo=timezone.utc)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""Control characters (NUL breaks PostgreSQL inserts) and lone surrogates (no database can encode them)."""
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
"""The same, plus tabs and line breaks, for one-line fields (id, author, url, language)."""
BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Direction marks, embeddings, overrides and isolates: shown in chat they make a line read otherwise than it was
written. Removed from names at ingest and from text when it is shown (stored text keeps them for the scorer)."""


class BadMention(ValueError):
    """A mention that cannot be stored; the message says which field and why, in English for the tool that sent it
    and the log; `said` is the same from the catalog, for a person (a drill recording's author) in their language."""

    def __init__(self, problem: str | Msg) -> None:
        self.said = problem if isinstance(problem, Msg) else None
        super().__init__(problem if self.said is None else render(self.said, locale="en"))


class BadMentions(ValueError):
    """Mentions of a batch that cannot be stored: (index in the batch, reason) for each."""

    def __init__(self, errors: Sequence[tuple[int, str]]) -> None:
        super().__init__(f"{len(errors)} mentions cannot be stored")
        self.errors = list(errors)


@dataclass(frozen=True)
class Mention:
    """One post about the brand. `source` is where its id is unique: the network it lives on, or the webhook or
    file that passed it on (dedupe is per source + source_id); `feed` the configured source that fetched it,
    `term` the watched term it was found for. `platform` is the network a listening tool or a file named for the
    post (its `platform` field), "" when the source is itself the network, as Mastodon, Bluesky and RSS are:
    `platform_of` says which network either way."""

    source: str
    source_id: str
    author: str
    text: str
    url: str
    created_at: datetime
    language: str | None = None
    term: str = ""
    feed: str = ""
    compound: float | None = None
    label: str = "unscored"
    truncated: bool = False
    platform: str = ""

    def scored(self, compound: float | None, label: str, language: str | None = None) -> "Mention":
        """With its sentiment, and the language it was read in when the source did not say (the detector's)."""
        return replace(self, compound=compound, label=label, language=self.language or language)


def platform_of(mention: Mention) -> str:
    """The network the mention lives on: the platform its source named, else the source itself."""
    return mention.platform or mention.source


@dataclass(frozen=True)
class SourcePoll:
    """What one poll of a source returned: mentions, rows it refused (with reasons), the next cursor."""

    mentions: Sequence[Mention]
    cursor: str | None
    rejected: Sequence[str] = ()
    exhausted: bool = False
    """A finite source (a replayed file) that has nothing more to give."""


class SourceDown(Exception):
    """The source could not be polled this time (HTTP error, timeout, invalid feed); `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MentionSource(Protocol):
    """A configured source of mentions, polled by the scheduler at its own interval."""

    name: str

    def poll(self, cursor: str | None, now: datetime) -> SourcePoll: ...


def parse_time(value: object, field: str = "created_at") -> datetime:
    """ISO 8601 (any offset; none means UTC) or epoch seconds -> aware UTC datetime."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            moment = datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise BadMention(msg("mention.not_a_time", field=field, value=repr(value))) from None
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise BadMention(msg("mention.not_iso_time", field=field, value=repr(value[:40]))) from None
    else:
        raise BadMention(msg("mention.missing", field=field))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):  # e.g. 9999-12-31T23:59-01:00: its UTC time is past year 9999
        raise BadMention(msg("mention.out_of_range", field=field, value=repr(str(value)[:40]))) from None


def clean_mention_text(value: object) -> tuple[str, bool]:
    """Text as stored: bytes decoded, control characters (and NUL, which PostgreSQL refuses) removed,
    cut to MAX_MENTION_CHARS; says whether it was cut."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", errors="replace")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadMention(msg("mention.not_text", field="text"))
    text = _CONTROL.sub(" ", value)
    if len(text) > MAX_MENTION_CHARS:
        return text[:MAX_MENTION_CHARS], True
    return text, False


def parse_mention(raw: Mapping[str, Any], *, source: str, feed: str, term: str, now: datetime) -> Mention:
    """Validate one raw mention (e.g. a webhook item or a file row) or say what is wrong with it.

    `source` is always the caller's: an item's own `source` field is ignored, so a sender cannot file
    mentions under another source (and collide with its ids). Every field is cleaned of control
    characters."""
    if not isinstance(raw, Mapping):
        raise BadMention(msg("mention.not_an_object"))
    source_id = raw.get("id", raw.get("source_id"))
    if source_id is None or isinstance(source_id, (dict, list, bool)) or not _one_line(source_id).strip():
        raise BadMention(msg("mention.missing", field="id"))
    if "text" not in raw:
        raise BadMention(msg("mention.missing", field="text"))
    text, truncated = clean_mention_text(raw.get("text"))
    created_at = parse_time(raw.get("created_at"))
    if created_at > now + FUTURE_TOLERANCE:
        raise BadMention(msg("mention.in_the_future", at=f"{created_at:%Y-%m-%dT%H:%M:%SZ}"))
    if created_at < EARLIEST:
        raise BadMention(msg("mention.too_early", day=f"{created_at:%Y-%m-%d}", year=str(EARLIEST.year)))
    language = raw.get("language") or raw.get("lang")
    language = _one_line(language) if isinstance(language, str) else ""
    platform = raw.get("platform")
    platform = _name(clean_mention_text(platform)[0]).strip() if isinstance(platform, str) else ""
    return Mention(
        source=source[:100], source_id=_one_line(source_id).strip()[:200],
        author=_author(raw.get("author")),
        text=text, url=_one_line(raw.get("url") or "")[:2000], created_at=created_at,
        language=language[:20] if language.strip() else None, term=term, feed=feed, truncated=truncated,
        platform=platform[:100],
    )


def mention_key(mention: Mention) -> str:
    """A short key of a stored mention for a chat choice's value (Slack keeps 150 characters; a news article's id
    is its URL): its time in microseconds and a digest of its source and id. `read_mention_key` reads it back."""
    micros = (mention.created_at - _EPOCH) // timedelta(microseconds=1)
    return f"@{micros}.{key_digest(mention.source, mention.source_id)}"


def read_mention_key(key: str) -> tuple[datetime, str] | None:
    """The time and digest of a `mention_key`, or None when `key` is not one."""
    micros, dot, digest = key.removeprefix("@").partition(".")
    if not (key.startswith("@") and dot and micros.isdigit() and len(micros) < 20 and len(digest) == _DIGEST):
        return None
    return _EPOCH + timedelta(microseconds=int(micros)), digest


def key_digest(source: str, source_id: str) -> str:
    return hashlib.sha256(f"{source}\n{source_id}".encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DIGEST = 16


def refuse_expired(mentions: Sequence[Mention], oldest: datetime, retention_days: int) -> None:
    """All or nothing: BadMentions naming each mention created before `oldest` (the plan would prune it at
    once, and storing it would only make the spike detector walk back to it)."""
    errors = [(index, t("ingest.too_old", at=Time(m.created_at), days=retention_days))
              for index, m in enumerate(mentions) if m.created_at < oldest]
    if errors:
        raise BadMentions(errors)


def _author(value: object) -> str:
    """A handle or name; a numeric user id (as some listening tools send) is taken as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    try:
        text = clean_mention_text(value or "")[0]
    except BadMention:
        raise BadMention(msg("mention.not_text", field="author")) from None
    return _name(text)[:200]


def _name(text: str) -> str:
    """A name shown in chat (author, platform): one line, no direction controls."""
    return BIDI.sub("", _one_line(text, " "))


def _one_line(value: object, fill: str = "") -> str:
    return _LINE_CONTROL.sub(fill, str(value))
