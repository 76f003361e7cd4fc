"""Mention text preparation for sentiment: cleaning, size limits, binary checks, the English gate."""

import html
import re
from dataclasses import dataclass

from crisis.monitor.language import language_code, looks_english

MAX_RAW_CHARS = 20_000
MAX_SCORED_CHARS = 2_000

_OPENING = re.compile(r"<(script|style)\b", re.IGNORECASE)
_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
_TAG = re.compile(r"<[^<>]{0,500}>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_RETWEET = re.compile(r"\bRT\s+(?=@)")
_HANDLE = re.compile(r"(?<![\w@])[@＠]\w+:?")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_TOKEN = re.compile(r"[a-z]+|\d+|[?!]|[\u2600-\u27bf\U0001f300-\U0001faff]")
_BINARY_SHARE = 0.1


@dataclass(frozen=True)
class PreparedText:
    """A mention text ready for scoring; `unscored_reason` is set when it must not be scored."""

    text: str
    unscored_reason: str | None = None


def prepare(text: object, language: str | None = None) -> PreparedText:
    """Clean `text` and decide whether an English sentiment scorer may score it (`language` or, when that is
    unknown, the cheap check `looks_english`)."""
    code = language_code(language)
    if code is not None and code != "en":
        return PreparedText("", "language")
    prepared = prepare_any(text)
    if prepared.unscored_reason is None and code is None and not looks_english(prepared.text):
        return PreparedText("", "language")
    return prepared


def prepare_any(text: object) -> PreparedText:
    """Clean `text` and decide whether a scorer of its language may score it (not binary, not empty)."""
    cleaned = cleaned_or_reason(text)
    return PreparedText(cleaned) if cleaned.__class__ is str else PreparedText("", cleaned.reason)


@dataclass(frozen=True)
class Unscorable:
    """Why a text must not be scored: "binary" or "empty"."""

    reason: str


_BINARY, _EMPTY = Unscorable("binary"), Unscorable("empty")


def cleaned_or_reason(text: object) -> str | Unscorable:
    """`prepare_any` without a value made per text: the cleaned text, or why it must not be scored."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    raw = text[:MAX_RAW_CHARS]
    if raw and not (raw.isascii() and raw.isprintable()) and len(_CONTROL.findall(raw)) > _BINARY_SHARE * len(raw):
        return _BINARY
    return clean(raw)[:MAX_SCORED_CHARS] or _EMPTY


def clean(text: str) -> str:
    """Strip HTML, URLs, @handles, control and invisible characters; split #CamelCase hashtags."""
    if "<" in text:
        text = _TAG.sub(" ", without_scripts(text))
    if "&" in text:
        text = html.unescape(text)
    if not text.isprintable():
        text = _INVISIBLE.sub(" ", _CONTROL.sub(" ", text))
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text or "\uff20" in text:
        text = _HANDLE.sub(" ", _RETWEET.sub(" ", text))
    if "#" in text:
        text = _HASHTAG.sub(_hashtag_words, text)
    return " ".join(text.split())


def _hashtag_words(match: re.Match[str]) -> str:
    """A hashtag's words: #CamelCase as "Camel Case" (a word in one case has no boundary to split at)."""
    word = match.group(1)
    return word if word.islower() or word.isupper() else _CAMEL_BOUNDARY.sub(" ", word)


def without_scripts(text: str) -> str:
    """Each <script>/<style> element, up to its closing tag, replaced by a space, in linear time.

    A lazy regex (`<(script|style).*?</\\1>`) rescans to the end of the text for every opening tag
    that is never closed: quadratic on a hostile '<script' * 10_000. Here a tag name found unclosed once
    is never searched for again (no later opening of it can be closed either)."""
    kept: list[str] = []
    unclosed: set[str] = set()
    position = done = 0
    while (opening := _OPENING.search(text, position)) is not None:
        name = opening.group(1).lower()
        closing = None if name in unclosed else _CLOSING[name].search(text, opening.end())
        if closing is None:
            unclosed.add(name)
            position = opening.end()
            continue
        kept += [text[done:opening.start()], " "]
        position = done = closing.end()
    return "".join(kept) + text[done:]


def tokens(text: str) -> list[str]:
    """Lowercase words without apostrophes ("can't" -> "cant"), numbers, "?", "!" and emoji."""
    return _TOKEN.findall(text.lower().replace("'", "").replace("\u2019", ""))
