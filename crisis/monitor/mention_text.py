"""Mention text preparation for sentiment: cleaning, size limits, binary and language checks."""

import html
import re
from dataclasses import dataclass

MAX_RAW_CHARS = 20_000
MAX_SCORED_CHARS = 2_000

_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,500}>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_RETWEET = re.compile(r"\bRT\s+(?=@)")
_HANDLE = re.compile(r"(?<![\w@])[@＠]\w+")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_BINARY_SHARE = 0.1

_ENGLISH_CODES = frozenset({"en", "eng", "english"})
_UNKNOWN_CODES = frozenset({"", "und", "unknown", "mul", "zxx"})

# Frequent function words of common Latin-script languages that are not English words.
_FOREIGN_STOPWORDS = frozenset(
    # Spanish
    "que por para una muy pero tengo también porque cuando donde hay fue nos gracias hola está"
    " esta estoy vuelo nadie siempre ahora hace todo"
    # French
    " le les une pas avec je vous nous et dans sur mais qui très merci bonjour cette du au aux"
    " suis mes votre"
    # German
    " der das und ist nicht ich mit sie ein eine für auf dem zu wir auch sehr danke aber noch"
    " mein meine wie bitte"
    # Portuguese
    " não você muito obrigado obrigada meu minha voo"
    # Italian
    " che sono grazie della molto questo questa"
    # Dutch
    " het een niet ik zijn voor maar ook bedankt wel"
    # Vietnamese
    " và là không của được tôi những"
    .split()
)
_ENGLISH_STOPWORDS = frozenset(
    "the a an to and is are was were be been you your my i me we our us it its this that"
    " with for of in on at but just can so no not what why how from will get do did they"
    " all has have had or if would there here when thanks thank please help"
    .split()
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
    if raw and len(_CONTROL.findall(raw)) > _BINARY_SHARE * len(raw):
        return PreparedText("", "binary")
    cleaned = clean(raw)[:MAX_SCORED_CHARS]
    if not cleaned:
        return PreparedText("", "empty")
    if code is None and not looks_english(cleaned):
        return PreparedText("", "language")
    return PreparedText(cleaned)


def clean(text: str) -> str:
    """Strip HTML, URLs, @handles and control characters; split #CamelCase hashtags into words."""
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if "://" in text or "www." in text:
        text = _URL.sub(" ", text)
    if "@" in text or "\uff20" in text:
        text = _HANDLE.sub(" ", _RETWEET.sub(" ", text))
    if "#" in text:
        text = _HASHTAG.sub(lambda match: _CAMEL_BOUNDARY.sub(" ", match.group(1)), text)
    return " ".join(text.split())


def looks_english(text: str) -> bool:
    """Cheap check: False for text that is clearly in another script or another language."""
    if not text.isascii():
        letters = len(_LETTER.findall(text))
        if letters and len(_NON_LATIN_LETTER.findall(text)) > letters / 2:
            return False
    words = _WORD.findall(text.lower())
    if _FOREIGN_STOPWORDS.isdisjoint(words):
        return True
    foreign = sum(1 for word in words if word in _FOREIGN_STOPWORDS)
    english = sum(1 for word in words if word in _ENGLISH_STOPWORDS)
    return foreign < 2 or english >= foreign


def _language_code(language: str | None) -> str | None:
    """The primary subtag of a language tag ("en-GB" -> "en"); None when unknown."""
    if language is None:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return None if code in _UNKNOWN_CODES else code
