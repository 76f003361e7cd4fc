"""Mention text preparation for sentiment: cleaning, size limits, binary and language checks."""

import html
import re
from dataclasses import dataclass

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
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_TOKEN = re.compile(r"[a-z]+|\d+|[?!]|[\u2600-\u27bf\U0001f300-\U0001faff]")
_BINARY_SHARE = 0.1

_ENGLISH_CODES = frozenset({"en", "eng", "english"})
_UNKNOWN_CODES = frozenset({"", "und", "unknown", "mul", "zxx"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent words of common Latin-script languages that are rare in English mentions (place names
# such as "Las Vegas" or "El Paso" keep "las" and "el" out); a text is taken for another language
# when it has at least two of them and more of them than English function words.
_FOREIGN_WORDS = _words(
    # Spanish
    "de que y mi en es se lo con por para una muy pero nunca nadie ya tengo también porque"
    " cuando donde hay fue nos gracias hola está esta estoy vuelo siempre ahora hace todo"
    # French
    " le les des et est une je tu il elle nous vous ils pas ne ce cette qui mon ma mes ton sur"
    " avec pour dans au du aux suis très merci bonjour votre personne"
    # German
    " der das und ist nicht ich du er sie es wir ihr mit für auf zu von dem ein eine kein mein"
    " meine noch schon sehr danke aber wie bitte niemand"
    # Portuguese
    " não você eu meu minha um os da em na muito obrigado obrigada voo ninguém"
    # Italian
    " il gli di che è sono mio mia uno ho grazie della molto questo questa nessuno"
    # Dutch
    " het een niet ik je jij van voor op maar ook dat bedankt niemand"
    # Vietnamese
    " và là không của được tôi những"
)
_ENGLISH_WORDS = _words(
    "the a an to and is are was were be been being am you your my i me we our us it its this"
    " that these those with for of in on at by from as up out about into over after before"
    " than then them their they he she his her him who which what why how when where there"
    " here but just can could so no not will would should get got do did does done all any"
    " some more very too also only now still again one two has have had or if thanks thank"
    " please help need want know time today day new good bad flight order service"
)


@dataclass(frozen=True)
class PreparedText:
    """A mention text ready for scoring; `unscored_reason` is set when it must not be scored."""

    text: str
    unscored_reason: str | None = None


def prepare(text: object, language: str | None = None) -> PreparedText:
    """Clean `text` and decide whether an English sentiment scorer may score it."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    code = _language_code(language)
    if code is not None and code not in _ENGLISH_CODES:
        return PreparedText("", "language")
    raw = text[:MAX_RAW_CHARS]
    if raw and not (raw.isascii() and raw.isprintable()) and len(_CONTROL.findall(raw)) > _BINARY_SHARE * len(raw):
        return PreparedText("", "binary")
    cleaned = clean(raw)[:MAX_SCORED_CHARS]
    if not cleaned:
        return PreparedText("", "empty")
    if code is None and not looks_english(cleaned):
        return PreparedText("", "language")
    return PreparedText(cleaned)


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
        text = _HASHTAG.sub(lambda match: _CAMEL_BOUNDARY.sub(" ", match.group(1)), text)
    return " ".join(text.split())


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


def looks_english(text: str) -> bool:
    """Cheap check: False for text that is clearly in another script or another language."""
    if not text.isascii():
        letters = len(_LETTER.findall(text))
        if letters and len(_NON_LATIN_LETTER.findall(text)) > letters / 2:
            return False
    words = _WORD.findall(text.lower())
    if _FOREIGN_WORDS.isdisjoint(words):
        return True
    foreign = sum(1 for word in words if word in _FOREIGN_WORDS)
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    return foreign < 2 or english >= foreign


def _language_code(language: str | None) -> str | None:
    """The primary subtag of a language tag ("en-GB" -> "en"); None when unknown."""
    if language is None:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return None if code in _UNKNOWN_CODES else code
