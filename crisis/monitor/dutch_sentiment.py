"""Dutch sentiment: VADER's method over the Dutch lexicon (negation, intensifiers, "maar", emphasis, emoji)
and the complaint cues of Dutch customers ("nooit meer", "schandalig", geld terug, vertraging), combined as
the English tier combines its own (sentiment.combined_compound)."""

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from crisis.monitor.complaint_rules import (
    PRAISE_EMOJI,
    UPSET_EMOJI,
    UPSET_EMOJI_VALENCE,
    UPSET_EMOTICONS,
    Cues,
)
from crisis.monitor.dutch_lexicon import DAMPENERS, INTENSIFIERS, LEXICON, NEGATIONS
from crisis.monitor.scoring import normalized

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[?!]|[\u2600-\u27bf\U0001f300-\U0001faff]")
_VOWELS = frozenset("aeiou")
_SUFFIXES = ("ste", "st", "er", "e", "en", "s")
_PREFIXES = ("super", "mega", "kei", "hyper", "oer", "bloed", "knetter", "stok", "ultra", "zwaar")
BOOST = 0.293  # VADER's booster increment
CAPS_BOOST = 0.733  # VADER's increment for a word in capitals among lowercase ones
NEGATION_SCALAR = -0.74  # VADER's N_SCALAR
BEFORE_MAAR, AFTER_MAAR = 0.5, 1.5  # VADER's "but" weights
EXCLAMATION = 0.292  # per "!" up to four, as VADER
_KEPT_WORDS = 100_000


def _pattern(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])(?:" + "|".join(phrases) + r")")


# The ways Dutch customers complain, as the English complaint kinds (complaint_rules.COMPLAINT_KINDS) with their
# valences, matched on the lowercased text.
COMPLAINTS: dict[str, tuple[float, re.Pattern[str]]] = {
    "leaving": (-2.5, _pattern(
        r"nooit meer", r"laatste keer", r"(?:ik )?(?:ben|zijn) (?:er|het) (?:helemaal )?klaar mee", r"ben(?: ik)? weg",
        r"opgezegd", r"zeg(?: ik)? (?:mijn \w+ )?op", r"overstappen naar (?:een )?ander", r"(?:ga|gaan|wil) (?:\w+ )?overstappen",
        r"stap(?: ik)? over", r"boycot", r"waarom ik nog klant ben", r"vertrouwen .{0,30}weg",
        r"ligt eruit", r"geen klant meer", r"genoeg is genoeg", r"(?:heb|hebben) (?:het )?(?:helemaal )?gehad",
        r"ben het \w* ?zat", r"(?:ik )?ben weg bij", r"dan ben ik weg", r"spijt")),
    "verdict": (-1.5, _pattern(
        r"schandalig", r"schande", r"waardelo", r"belachelijk", r"oplicht", r"afzett", r"bagger", r"slechtste",
        r"dit kan (?:echt )?niet", r"(?:toch )?niet normaal", r"onacceptabel", r"schaam je", r"wat een (?:grap|drama|bende|chaos|puinhoop|troep)",
        r"klantonvriendelijk", r"beneden peil", r"zo ga je niet", r"niet serieus genomen", r"hopeloos", r"slechte (?:ervaring|service)",
        r"achteruit", r"eerst eens", r"heb ik weer", r"(?:helemaal|echt) (?:niks|niets)", r"verandert (?:er )?(?:niks|niets)")),
    "money": (-1.0, _pattern(
        r"geld terug", r"terugbetal", r"teruggestort", r"restitutie", r"compensatie", r"vergoed", r"afgeschreven",
        r"naheffing", r"boete", r"incasso", r"prijsverhoging", r"prijs omhoog", r"premie omhoog", r"teruggave", r"borg",
        r"voucher", r"kosten")),
    "delay": (-1.5, _pattern(
        r"vertraa?g", r"te laat", r"uur (?:in de )?wacht", r"nog steeds (?:niet|geen|niks|niets|op)",
        r"wacht(?:en)? (?:al|nog)", r"(?:al )?\d+ (?:uur|dagen|weken|maanden) (?:verder|wachten|geleden|onderweg|stil)",
        r"ligt al \d+", r"staan al \d+", r"stil ?gestaan", r"duurt (?:het )?(?:zo|erg|veel te)? ?lang", r"onderweg",
        r"in behandeling", r"al (?:weken|maanden|dagen)", r"sinds (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)",
        r"gewacht", r"eindelijk eens")),
    "cancellation": (-1.5, _pattern(r"geannuleerd", r"annuler", r"uitgevallen", r"geschrapt", r"valt uit")),
    "lost_or_damaged": (-1.5, _pattern(r"kwijt", r"verloren", r"beschadigd", r"kapot", r"vermist", r"zoekgeraakt",
                                       r"niet (?:aangekomen|ontvangen|geleverd|bezorgd)", r"(?:niks|niets) ontvangen")),
    "repeated": (-1.0, _pattern(r"(?:de|voor de) (?:tweede|derde|vierde|vijfde|zoveelste) keer", r"weer eens",
                                r"elke keer", r"(?:twee|drie|vier|vijf|\d+) keer (?:gebeld|gemaild|gevraagd|doorverbonden)")),
    "time_lost": (-1.0, _pattern(r"voor (?:niks|niets)", r"vrij genomen", r"(?:dag|middag|ochtend) verloren")),
    "unreachable": (-2.0, _pattern(
        r"onbereikbaar", r"niet (?:te )?bereik", r"niemand (?:neemt|te bekennen|die|kan|van)", r"opgehangen",
        r"verbinding verbr", r"in de wacht", r"(?:kan|kon) niemand", r"mens te spreken", r"doorverbonden")),
    "no_response": (-2.0, _pattern(
        r"geen (?:reactie|antwoord|gehoor|bericht|uitleg|informatie|update|melding|briefje)", r"reageer?t? niet",
        r"reageert niemand", r"niemand reageert", r"(?:niks|niets) gehoord", r"genegeerd", r"niks\.", r"geen enkele")),
    "not_working": (-1.0, _pattern(
        r"werkt niet", r"doet het (?:\w+ )?niet", r"storing", r"ligt (?:er )?(?:\w+ )?uit", r"crasht", r"hapert",
        r"lukt (?:niet|nooit)", r"onbruikbaar", r"defect", r"buffer", r"geblokkeerd", r"verkeerde?")),
}
_SARCASM = _pattern(
    r"(?:top|fijn|geweldig|fantastisch|lekker|super|prima|goed|mooi|knap|heerlijk) (?:hoor|dan)", r"bedankt voor niks",
    r"ja hoor", r"lekker bezig", r"top kwaliteit", r"op (?:z'n|zijn) best", r"dat noemen ze",
    r"(?:dank je|bedankt|dank jullie)(?: wel)? \w+\.$", r"smakelijk", r"nee (?:dank je|bedankt)")
_PRAISE = _pattern(
    r"complimenten", r"chapeau", r"aanrader", r"dikke duim", r"top ?service", r"goed gedaan", r"(?:goed|super|heel goed|fijn) geholpen",
    r"netjes (?:opgelost|geregeld)", r"echt top", r"zeker voor herhaling", r"komen zeker terug", r"stelt nooit teleur",
    r"nooit problemen", r"geen (?:enkel )?probleem", r"geen gedoe", r"wat een verschil")
# A resolved problem ("binnen een uur opgelost", "geld terug gekregen") is no complaint about it.
_RESOLVED = _pattern(r"(?<!niet )(?<!nooit )(?:opgelost|verholpen|rechtgezet|teruggestort)", r"terug ?gekregen",
                     r"(?<!niet )(?:netjes |snel )?geregeld", r"stond .{0,40} terug")
_RESOLVED_KINDS = frozenset({"money", "delay", "cancellation", "not_working", "lost_or_damaged"})
INQUIRY_FLOOR = -0.35  # a question whose words score this low is no plain question ("X is kwetsend. Wie ...?")
_SARCASTIC_EMOJI = ("🙄", "🙃")
_QUESTION_WORDS = frozenset("hoe wat waar wanneer wie welke welk kan kun kunnen mag moet is zijn heeft hebben weet"
                            " doen gaat komt valt krijg".split())
_COMPLAINT_QUESTIONS = frozenset("waarom hoezo".split())


@dataclass(frozen=True)
class DutchScores:
    """The Dutch analyzer's VADER-style scores: compound in [-1, 1], positive and negative shares."""

    compound: float
    positive: float
    negative: float


def dutch_tokens(text: str) -> list[str]:
    """Words (any Latin letters, hyphenated kept whole), numbers, "?", "!" and emoji, in their own case."""
    return _TOKEN.findall(text.replace("'", "").replace("\u2019", ""))


class DutchAnalyzer:
    """VADER's method on Dutch: lexicon valences (inflected forms found through their base form), scaled by
    the three words before (intensifiers, dampeners, "wat een", negation: "niet", "geen", "nooit"...), a word
    in capitals, the contrast of "maar" (before it counts half, after it one and a half), "!" and emoji."""

    def __init__(self, brand_terms: Iterable[str] = (), emoji_valences: Mapping[str, float] | None = None) -> None:
        self._lexicon = dict(LEXICON)
        for term in brand_terms:
            for word in dutch_tokens(term.lower()):
                self._lexicon.pop(word, None)
        self._emoji = dict(emoji_valences or {})
        self._known: dict[str, float | None] = {}

    def valence(self, word: str) -> float | None:
        """The lexicon valence of a lowercase word or of its base form; None when it has none."""
        known = self._known.get(word, False)
        if known is not False:
            return known  # type: ignore[return-value]
        if len(self._known) >= _KEPT_WORDS:
            self._known.clear()
        valence = self._lexicon.get(word)
        if valence is None and len(word) > 3:
            valence = next((self._lexicon[stem] for stem in _base_forms(word) if stem in self._lexicon), None)
        if valence is None and word.startswith(_PREFIXES):
            prefix = next(prefix for prefix in _PREFIXES if word.startswith(prefix))
            rest = self.valence(word[len(prefix):]) if len(word) - len(prefix) > 2 else None
            valence = None if rest is None else rest + math.copysign(BOOST, rest)
        self._known[word] = valence
        return valence

    def polarity_scores(self, words: list[str]) -> DutchScores:
        """Scores of a text's tokens (dutch_tokens)."""
        lowered = [word.lower() for word in words]
        capitals = sum(1 for word in words if word.isupper() and len(word) > 1)
        mixed_case = 0 < capitals < len(words)
        sentiments = [self._word_valence(words, lowered, place, mixed_case) for place in range(len(words))]
        if "maar" in lowered:
            turn = lowered.index("maar")
            sentiments = [value * (BEFORE_MAAR if place < turn else AFTER_MAAR if place > turn else 1.0)
                          for place, value in enumerate(sentiments)]
        total = sum(sentiments)
        if total:
            total += math.copysign(min(lowered.count("!"), 4) * EXCLAMATION, total)
        positive = sum(value + 1 for value in sentiments if value > 0)
        negative = sum(value - 1 for value in sentiments if value < 0)
        neutral = sum(1 for value in sentiments if value == 0)
        if positive > -negative:
            positive += min(lowered.count("!"), 4) * EXCLAMATION
        elif positive < -negative:
            negative -= min(lowered.count("!"), 4) * EXCLAMATION
        share = positive - negative + neutral
        return DutchScores(
            compound=normalized(total),
            positive=round(positive / share, 3) if share else 0.0,
            negative=round(-negative / share, 3) if share else 0.0,
        )

    def _word_valence(self, words: list[str], lowered: list[str], place: int, mixed_case: bool) -> float:
        word = lowered[place]
        valence = self._emoji.get(word) if len(word) == 1 else self.valence(word)
        if not valence:
            return 0.0
        if word in INTENSIFIERS and place + 1 < len(lowered) and self.valence(lowered[place + 1]):
            return 0.0  # "vreselijk slecht": the first word scales the second
        sign = math.copysign(1.0, valence)
        if mixed_case and words[place].isupper() and len(word) > 1:
            valence += sign * CAPS_BOOST
        for distance, weight in ((1, 1.0), (2, 0.95), (3, 0.9)):
            before = place - distance
            if before < 0:
                break
            previous = lowered[before]
            if previous in INTENSIFIERS or (previous == "een" and before > 0 and lowered[before - 1] == "wat"):
                valence += sign * BOOST * weight
            elif previous in DAMPENERS:
                valence -= sign * BOOST * weight
            elif previous in NEGATIONS and not (previous == "nooit" and lowered[before + 1] == "meer"):
                valence *= NEGATION_SCALAR
                break
        return valence


def _base_forms(word: str) -> Iterable[str]:
    """Base forms an inflected Dutch word may have: "schandalige" -> "schandalig", "waardeloze" -> "waardeloos",
    "slechtste" -> "slecht", "snelle" -> "snel"."""
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        stem = word[: -len(suffix)]
        yield stem
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            yield stem[:-1]
        if stem[-1] in "zv":
            stem = stem[:-1] + ("s" if stem[-1] == "z" else "f")
            yield stem
        if stem[-2] in _VOWELS and stem[-3] not in _VOWELS and stem[-1] not in _VOWELS:
            yield stem[:-1] + stem[-2] + stem[-1]


def find_dutch_cues(text: str, words: list[str], compound: float = 0.0) -> Cues:
    """The complaint kinds, praise, sarcasm and question form of a cleaned Dutch text (of its dutch_tokens,
    whose lexicon compound is `compound`), as the English tier's `find_cues` gives them."""
    lowered = text.lower()
    complaints = tuple(kind for kind, (_, pattern) in COMPLAINTS.items() if pattern.search(lowered))
    if _RESOLVED.search(lowered):
        complaints = tuple(kind for kind in complaints if kind not in _RESOLVED_KINDS)
    valence = sum(COMPLAINTS[kind][0] for kind in complaints)
    ascii_text = text.isascii()
    if (not ascii_text and any(emoji in text for emoji in UPSET_EMOJI)) or (
        ":" in text and any(emoticon in text for emoticon in UPSET_EMOTICONS)
    ):
        complaints += ("upset_emoji",)
        valence += UPSET_EMOJI_VALENCE
    sarcasm = bool(_SARCASM.search(lowered)) or (not ascii_text and any(emoji in text for emoji in _SARCASTIC_EMOJI))
    praise = bool(_PRAISE.search(lowered)) or (not ascii_text and any(emoji in text for emoji in PRAISE_EMOJI))
    first = words[0].lower() if words else ""
    question = "?" in words or first in _QUESTION_WORDS or first in _COMPLAINT_QUESTIONS
    return Cues(
        complaints=complaints,
        complaint_valence=valence,
        praise=praise and not sarcasm,
        sarcasm=sarcasm,
        question=question,
        inquiry=question and not complaints and not sarcasm and first not in _COMPLAINT_QUESTIONS
        and compound > INQUIRY_FLOOR,
    )

