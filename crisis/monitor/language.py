"""Each mention's language: the source's tag when it gives one, else a detector (py3langid) on its cleaned text."""

import re
from collections.abc import Callable
from functools import cache
from string import punctuation

WORDLESS = "en"
"""The language of a text without letters (emoji, numbers): English, whose tier reads emoji."""
_UNKNOWN_CODES = frozenset({"", "und", "unknown", "mul", "zxx"})
_ALIASES = {"eng": "en", "english": "en", "nld": "nl", "dut": "nl", "dutch": "nl", "nederlands": "nl",
            "vls": "nl", "nb": "no", "nn": "no"}
# The languages the detector may answer: those common on the social networks crisisbot watches. Leaving out
# the rare ones keeps short posts from being taken for them (a short English tweet for Xhosa or Walloon, a
# Dutch one for Afrikaans or Frisian); a post in a language left out gets the nearest one listed.
DETECTED = (
    "en nl de fr es pt it da sv no fi is pl cs sk sl hr sr bs hu ro bg el ru uk be lt lv et tr ar he fa ur hi bn"
    " ta te id ms tl vi th ja zh ko sw ca eu gl cy ga"
).split()
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")


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
    " het een niet ik je jij van voor op maar ook dat bedankt niemand geen nooit weer nog wel al"
    " zijn ben heb hebben wat wordt echt jullie mijn deze dit naar bij"
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
_SPACED = str.maketrans({mark: " " for mark in punctuation})
DETECTED_CHARS = 300  # the detector's cost grows with the text; its first 300 characters tell the language
_CLEARLY_ENGLISH = 2  # English function words, with no foreign one, that make a text English without the detector
MIN_CONFIDENCE = 0.5
"""Below this probability the detector is guessing (short posts: "Congrats!", "sent", "OMG FINALLY" come out as
Swedish, Arabic, Welsh): such a text is taken for English when it looks English, as the cheap check had it."""


def language_code(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lowercased ("en-GB" -> "en", "NL_be" -> "nl"); None when unknown."""
    if tag is None:
        return None
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    return None if code in _UNKNOWN_CODES else _ALIASES.get(code, code)


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


class LanguageDetector:
    """The language of a cleaned mention text: "en" at once for text plainly English (two of its function
    words and no other language's: most English mentions, at the cost of a set lookup per word), else
    py3langid's naive Bayes over byte n-grams, restricted to DETECTED, trusted from MIN_CONFIDENCE on
    (WORDLESS for text without letters).

    py3langid's model (about 1 s to load) is loaded on first use, once per process: `crisisbot score` on
    English-only text never loads it (nor numpy)."""

    def __call__(self, text: str) -> str:
        words = text.lower().translate(_SPACED).split()
        if _FOREIGN_WORDS.isdisjoint(words) and len(_ENGLISH_WORDS.intersection(words)) >= _CLEARLY_ENGLISH:
            return "en"
        if _LETTER.search(text) is None:
            return WORDLESS
        language, confidence = _classifier()(text[:DETECTED_CHARS])
        if confidence < MIN_CONFIDENCE and looks_english(text):
            return "en"
        return language


@cache
def _classifier() -> Callable[[str], tuple[str, float]]:
    """py3langid's classifier over DETECTED, (language, probability), loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(DETECTED)
    return identifier.classify
