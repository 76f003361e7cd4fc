"""The tone check of a draft statement: wording crisis-communication guides warn against (defensive or hostile
words, blame-shifting, arguing, sarcasm, shouting in capitals, no apology where the crisis type calls for one),
found by small English and Dutch word lists. Its findings are hints shown on the card; they never block."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from crisis.plan import CrisisPlan
from crisis.statements.length import url_spans


class ToneRule(StrEnum):
    DEFENSIVE = "defensive"
    BLAME = "blame"
    ARGUING = "arguing"
    SARCASM = "sarcasm"
    SHOUTING = "shouting"
    NO_APOLOGY = "no_apology"


@dataclass(frozen=True)
class ToneHint:
    """One rule the draft trips, with the words that trip it as written in the draft (none for NO_APOLOGY)."""

    rule: ToneRule
    found: tuple[str, ...] = ()


APOLOGY_KINDS = frozenset({"offensive_post", "complaint_wave", "account_leak", "employee_misconduct", "outage",
                           "data_leak", "data_breach", "product_recall"})
"""Crisis types whose statements are expected to apologise: the organisation (or someone acting in its name)
hurt or failed people. Rumours, misinformation and `other` are not in it. The plan has no place to change this."""

PHRASES: dict[ToneRule, tuple[str, ...]] = {
    # English and Dutch side by side: a statement may be in either, whatever the team's language, and the lists
    # are chosen so that no entry of one language is an ordinary word of the other. Matched as whole words,
    # case-insensitive, any whitespace between words.
    ToneRule.DEFENSIVE: (
        "we regret that you feel", "sorry you feel", "sorry if you", "sorry if anyone", "if anyone was offended",
        "misunderstood", "misinterpreted", "taken out of context", "so-called", "ridiculous", "absurd",
        "nonsense", "baseless", "overreacting", "with all due respect", "how dare",
        "het spijt ons dat u zich", "het spijt ons dat je je", "als iemand zich gekwetst", "verkeerd begrepen",
        "verkeerd geïnterpreteerd", "uit zijn verband", "uit de context", "zogenaamd", "zogenaamde",
        "belachelijk", "onzin", "ongegrond", "overdreven gereageerd", "met alle respect"),
    ToneRule.BLAME: (
        "the customer", "the customers", "third party", "third-party", "our supplier", "our partner",
        "was not our fault", "wasn't our fault", "not our fault", "not our responsibility", "beyond our control",
        "outside our control", "user error", "a single employee", "an individual employee",
        "de klant", "de klanten", "derde partij", "derde partijen", "onze leverancier", "onze partner",
        "niet onze schuld", "niet aan ons te wijten", "buiten onze schuld", "buiten onze macht",
        "niet onze verantwoordelijkheid", "gebruikersfout", "een individuele medewerker"),
    ToneRule.ARGUING: (
        "actually", "to be clear", "let us be clear", "let's be clear", "contrary to", "that is not true",
        "that's not true", "false claims", "we never said",
        "eigenlijk", "om duidelijk te zijn", "laten we duidelijk zijn", "in tegenstelling tot",
        "dat is niet waar", "dat klopt niet", "onjuiste beweringen", "we hebben nooit gezegd",
        "wij hebben nooit gezegd"),
    ToneRule.SARCASM: (
        "obviously", "/s", "yeah right", "good luck with that", "thanks a lot", "what a surprise", "🙄", "🙃", "😏",
        "ja hoor", "jaja", "tuurlijk", "succes ermee", "wat een verrassing", "nou nou"),
}

APOLOGY = ("sorry", "apolog*", "excuses", "excuus", "spijt", "verontschuldig*")
"""What counts as an apology (a trailing * is any ending: apologise, apologies, verontschuldigingen ...), once the
defensive phrases are taken out: "sorry if you were offended" is no apology."""

ACRONYMS = frozenset({"ASAP", "COVID", "GDPR", "HTTP", "HTTPS", "NATO", "UEFA", "FIFA", "UNICEF", "NASA", "IKEA",
                      "LEGO", "HTML", "JSON", "SARS", "CEST", "ANWB", "RIVM", "EHBO"})
"""Words written in capitals that are names, not shouting (the plan's organisation and watched terms too)."""

SHOUTED_WORDS = 2
"""Words of four letters or more written in capitals that make a draft shout."""

SHOWN = 5
"""Words shown per hint; longer ones are cut at SHOWN_LENGTH characters."""
SHOWN_LENGTH = 40

_WORD = re.compile(r"(?<![\w#@])\w+(?:['’-]\w+)*")
_HANDLE = re.compile(r"(?<!\w)@\w+(?:[.@-]\w+)*")
_HASHTAG = re.compile(r"#\w+")


def _pattern(entries: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for a list: whole words (an emoji needs no space around it), any whitespace between."""
    alternatives = []
    for entry in sorted(entries, key=len, reverse=True):  # the longest phrase wins where two start together
        words = r"\s+".join(re.escape(word) for word in entry.rstrip("*").split())
        before = r"(?<!\w)" if re.match(r"[\w/]", entry) else ""
        after = r"\w*" if entry.endswith("*") else r"(?!\w)" if re.search(r"\w$", entry) else ""
        alternatives.append(before + words + after)
    return re.compile("|".join(alternatives), re.IGNORECASE)


_PATTERNS = {rule: _pattern(entries) for rule, entries in PHRASES.items()}
_APOLOGY = _pattern(APOLOGY)


def check_tone(text: str, *, kind: str, plan: CrisisPlan) -> list[ToneHint]:
    """The hints for a draft of a crisis of type `kind`, in the order of ToneRule; none for an empty draft."""
    if not text.strip():
        return []
    text = _blank_links(text.replace("’", "'"))
    hints = [ToneHint(rule, _shown(m.group(0) for m in pattern.finditer(text)))
             for rule, pattern in _PATTERNS.items()]
    hints.append(ToneHint(ToneRule.SHOUTING, _shouted(text, plan)))
    hints = [hint for hint in hints if hint.found]
    if kind in APOLOGY_KINDS and not _APOLOGY.search(_PATTERNS[ToneRule.DEFENSIVE].sub(" ", text)):
        hints.append(ToneHint(ToneRule.NO_APOLOGY))
    return hints


def _blank_links(text: str) -> str:
    """Links and @handles as spaces: the words in them are not the statement's wording."""
    pieces, position = [], 0
    for start, end in url_spans(text):
        pieces += [text[position:start], " " * (end - start)]
        position = end
    return _HANDLE.sub(lambda m: " " * len(m.group(0)), "".join(pieces) + text[position:])


def _shouted(text: str, plan: CrisisPlan) -> tuple[str, ...]:
    names = ACRONYMS | {_letters(word).upper() for name in (plan.organisation, *plan.monitor.terms)
                        for word in _WORD.findall(name)}
    text = _HASHTAG.sub(" ", text)  # hashtags are often written in capitals
    shouted = [word for word in _WORD.findall(text)
               if word.isupper() and len(_letters(word)) >= 4 and _letters(word) not in names]
    return _shown(shouted) if len(shouted) >= SHOUTED_WORDS else ()


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _shown(found: Iterable[str]) -> tuple[str, ...]:
    """The first SHOWN distinct finds (ignoring case and spacing), each cut to SHOWN_LENGTH characters."""
    shown: dict[str, str] = {}
    for words in found:
        words = " ".join(words.split())
        shown.setdefault(words.casefold(), words[:SHOWN_LENGTH])
        if len(shown) == SHOWN:
            break
    return tuple(shown.values())
