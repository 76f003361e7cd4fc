"""Mention sentiment: plain VADER and the crisis-tuned tier, per language (the shared values are in scoring.py)."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from string import punctuation

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)

from crisis.monitor.complaint_rules import Cues, find_cues
from crisis.monitor.dutch_sentiment import DutchAnalyzer, dutch_tokens, find_dutch_cues
from crisis.monitor.language import LanguageDetector, language_code
from crisis.monitor.mention_text import MAX_SCORED_CHARS, prepare, prepare_any, tokens
from crisis.monitor.scoring import (  # LABELS, Label and Scorer: the tiers' users import them from here
    LABELS,  # noqa: F401
    SCORED_LANGUAGES,
    Label,  # noqa: F401
    Scorer,  # noqa: F401
    Sentiment,
    SentimentCache,
    label_for,
    languages_of,
    score_cached,
    sentiment_of,
)
from crisis.monitor.scoring import normalized as _compound
from crisis.monitor.scoring import raw_valence as _raw_valence

# How the crisis tier combines VADER with the complaint cues (chosen on the airline dev set):
POSITIVE_WEIGHT_IN_COMPLAINT = 0.5  # praise words next to a complaint are politeness or sarcasm
WEIGHT_IN_QUESTION = 0.2  # a question without complaint or praise is mostly not an opinion
# A negative word with no complaint cue around it ("storm", "battles", "sick") mostly describes the
# world (news, weather, the customer's own day), not the brand: a quarter of its weight.
NEGATIVE_WEIGHT_WITHOUT_COMPLAINT = 0.25
SARCASM_VALENCE = 1.5
PRAISE_VALENCE = 1.5
POSITIVE_THRESHOLD = 0.2  # weakly positive customer talk is mostly polite, not praise

# VADER valences changed for talk addressed to a brand: requests and politeness ("please help",
# "any chance", "yes"/"no" replies), hopes that something broken gets fixed, product and
# programme names ("customer care", "loyalty rewards", "store credit", "special assistance"),
# "like" mostly as a preposition, and "joke", which VADER rates positive but customers use as a
# verdict ("your service is a joke").
_CUSTOMER_SERVICE_LEXICON = {
    "please": 0.0, "pls": 0.0, "plz": 0.0, "help": 0.0, "chance": 0.0, "want": 0.0,
    "yes": 0.0, "no": 0.0, "ok": 0.3, "okay": 0.3, "sure": 0.3, "lol": 0.5,
    "hope": 0.5, "hoping": 0.5, "hopefully": 0.5, "hopeful": 0.5,
    "care": 0.0, "loyalty": 0.0, "reward": 0.0, "rewards": 0.0, "credit": 0.0, "special": 0.0,
    "free": 1.0, "like": 0.5, "pretty": 0.5, "joke": -1.5, "sorry": 0.0,
}


@dataclass(frozen=True)
class VaderReading:
    """VADER's scores and the complaint cues for one cleaned, scorable mention text."""

    text: str
    tokens: list[str]
    compound: float
    positive: float
    negative: float
    cues: Cues
    language: str = "en"


class FastVader(SentimentIntensityAnalyzer):
    """VADER (3.3.2) with the same scores in about half the time: a word outside its lexicon (most
    words) skips the per-word checks that give it 0 anyway, a text without emoji skips the emoji
    pass, and a text's words are split and lowercased once rather than in every check. The checks
    below are VADER's own (`SentiText`, `sentiment_valence`, `_negation_check`,
    `_special_idioms_check`, `_least_check`) on those words; tests compare the two on tricky texts."""

    def polarity_scores(self, text: str) -> dict[str, float]:
        sentiments, text = self._sentiments(text)
        if sentiments is None:  # no word with a valence: what score_valence makes of all zeros
            return {"neg": 0.0, "neu": 1.0 if text.split() else 0.0, "pos": 0.0, "compound": 0.0}
        return self.score_valence(sentiments, text)

    def compound(self, text: str) -> float:
        """polarity_scores(text)["compound"], without the positive, negative and neutral shares."""
        sentiments, text = self._sentiments(text)
        if not sentiments:
            return 0.0
        valence = float(sum(sentiments))
        if valence > 0:
            valence += self._punctuation_emphasis(text)
        elif valence < 0:
            valence -= self._punctuation_emphasis(text)
        return round(normalize(valence), 4)

    def _sentiments(self, text: str) -> tuple[list[float] | None, str]:
        """Each word's valence (None when no word has one) and the text as VADER reads it."""
        text = (text if text.isascii() else self._emoji_described(text)).strip()
        words = [word if len(bare := word.strip(punctuation)) <= 2 else bare for word in text.split()]
        lowered = list(map(str.lower, words))
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lowered):
            return None, text
        capitals = sum(map(str.isupper, words))
        is_cap_diff = 0 < len(words) - capitals < len(words)
        last = len(words) - 1
        sentiments: list[float] = [0] * len(words)
        for place, word in enumerate(lowered):
            if (
                word in lexicon
                and word not in BOOSTER_DICT
                and not (word == "kind" and place < last and lowered[place + 1] == "of")
            ):
                sentiments[place] = self._word_valence(words, lowered, place, is_cap_diff)
        if "but" in lowered:
            sentiments = self._but_check(words, sentiments)
        return sentiments, text

    def _emoji_described(self, text: str) -> str:
        """Each emoji replaced by its description, spaced as VADER does."""
        parts: list[str] = []
        after_space = True
        for char in text:
            description = self.emojis.get(char)
            if description is None:
                parts.append(char)
                after_space = char == " "
            else:
                parts.append(description if after_space else " " + description)
                after_space = False
        return "".join(parts)

    def _word_valence(self, words: list[str], lowered: list[str], i: int, is_cap_diff: bool) -> float:
        """VADER's `sentiment_valence` of lexicon word `i`."""
        lexicon = self.lexicon
        valence = lexicon[lowered[i]]
        if lowered[i] == "no" and i != len(words) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowered[i - 1] == "no")
            or (i > 1 and lowered[i - 2] == "no")
            or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[lowered[i]] * N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lowered[before] not in lexicon:
                scalar = scalar_inc_dec(words[before], valence, is_cap_diff)
                if start_i == 1 and scalar != 0:
                    scalar *= 0.95
                if start_i == 2 and scalar != 0:
                    scalar *= 0.9
                valence = _negation(valence + scalar, lowered, start_i, i)
                if start_i == 2 and not _IDIOM_WORDS.isdisjoint(lowered[i - 3 : i + 3]):
                    valence = _idioms(valence, lowered, i)
        if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
            if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                valence *= N_SCALAR
        elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
            valence *= N_SCALAR
        return valence


_NEGATIONS = frozenset(NEGATE)
# The words of VADER's idioms and multi-word boosters: _idioms changes nothing around a word without one of them
_IDIOM_WORDS = frozenset(word for phrase in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in phrase for word in phrase.split())


def _negated(word: str) -> bool:
    return word in _NEGATIONS or "n't" in word


def _negation(valence: float, lowered: list[str], start_i: int, i: int) -> float:
    """VADER's `_negation_check`."""
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence *= N_SCALAR
    elif start_i == 1:
        if lowered[i - 2] == "never" and lowered[i - 1] in ("so", "this"):
            valence *= 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(lowered[i - 2]):
            valence *= N_SCALAR
    else:
        if (lowered[i - 3] == "never" and lowered[i - 2] in ("so", "this")) or lowered[i - 1] in ("so", "this"):
            valence *= 1.25
        elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
            pass
        elif _negated(lowered[i - 3]):
            valence *= N_SCALAR
    return valence


def _idioms(valence: float, lowered: list[str], i: int) -> float:
    """VADER's `_special_idioms_check`."""
    one_zero = f"{lowered[i - 1]} {lowered[i]}"
    two_one_zero = f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}"
    two_one = f"{lowered[i - 2]} {lowered[i - 1]}"
    three_two_one = f"{lowered[i - 3]} {lowered[i - 2]} {lowered[i - 1]}"
    three_two = f"{lowered[i - 3]} {lowered[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    if len(lowered) - 1 > i:
        zero_one = f"{lowered[i]} {lowered[i + 1]}"
        if zero_one in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one]
    if len(lowered) - 1 > i + 1:
        zero_one_two = f"{lowered[i]} {lowered[i + 1]} {lowered[i + 2]}"
        if zero_one_two in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


class PlainVaderScorer:
    """The baseline: VADER's compound on the text as it is, labelled at +-0.05 (unscorable
    text, such as another language, is still marked unscored)."""

    def __init__(self) -> None:
        self._analyzer = SentimentIntensityAnalyzer()

    def score(self, text: str, language: str | None = None) -> Sentiment:
        prepared = prepare(text, language)
        if prepared.unscored_reason is not None:
            return Sentiment.unscored()
        compound = self._analyzer.polarity_scores(str(text)[:MAX_SCORED_CHARS])["compound"]
        return Sentiment(compound, label_for(compound))

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Sentiment]:
        return [self.score(text, language) for text, language in zip(texts, languages_of(texts, languages))]


class CrisisScorer:
    """Out-of-the-box tier, per language (SCORED_LANGUAGES): English, VADER on cleaned text tuned for
    customer-service talk plus complaint rules; Dutch, the same method over a Dutch lexicon and rules
    (crisis/monitor/dutch_sentiment.py). A mention's language is its source's, else the detector's."""

    languages: tuple[str, ...] = SCORED_LANGUAGES

    def __init__(
        self,
        brand_terms: Iterable[str] = (),
        cache: SentimentCache | None = None,
        detector: Callable[[str], str] | None = None,
    ) -> None:
        """`brand_terms`: the watched brand's names; their words ("United", "Best Buy") are not
        sentiment in its mentions. `detector`: a cleaned text's language (default: LanguageDetector)."""
        self._analyzer = FastVader()
        self._analyzer.lexicon.update(_CUSTOMER_SERVICE_LEXICON)
        brand_terms = list(brand_terms)
        for term in brand_terms:
            for word in tokens(term):
                self._analyzer.lexicon.pop(word, None)
        self._dutch = DutchAnalyzer(brand_terms, _emoji_valences(self._analyzer))
        self._cache = SentimentCache() if cache is None else cache
        self.detect = detector or LanguageDetector()

    def read(self, text: str, language: str | None = None, *, any_language: bool = False) -> VaderReading | None:
        """Scores and cues for `text` in its language, or None when it must not be scored (empty, binary, or
        in a language without rules, unless `any_language`: then its words alone, for the trained tier)."""
        prepared = prepare_any(text)
        if prepared.unscored_reason is not None:
            return None
        code = language_code(language) or self.detect(prepared.text)
        if code not in self.languages and not any_language:
            return None
        return self.read_clean(prepared.text, code)

    def read_clean(self, cleaned: str, language: str = "en") -> VaderReading:
        """Scores and cues for a text `prepare_any` has cleaned and found scorable, in `language`."""
        if language == "en":
            scores = self._analyzer.polarity_scores(cleaned)
            text_tokens = tokens(cleaned)
            return VaderReading(
                text=cleaned,
                tokens=text_tokens,
                compound=scores["compound"],
                positive=scores["pos"],
                negative=scores["neg"],
                cues=find_cues(cleaned, text_tokens),
            )
        words = dutch_tokens(cleaned)
        lowered = [word.lower() for word in words]
        if language != "nl":
            return VaderReading(cleaned, lowered, 0.0, 0.0, 0.0, _NO_CUES, language)
        dutch = self._dutch.polarity_scores(words)
        return VaderReading(cleaned, lowered, dutch.compound, dutch.positive, dutch.negative,
                            find_dutch_cues(cleaned, words, dutch.compound), language)

    def score(self, text: str, language: str | None = None) -> Sentiment:
        return self.score_many([text], [language])[0]

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Sentiment]:
        return score_cached(texts, languages, self._cache, self.score_cleaned, self.detect, self.languages)

    def score_cleaned(self, cleaned_texts: list[str], languages: list[str]) -> list[Sentiment]:
        """Sentiments of cleaned, scorable texts in languages of `self.languages`."""
        return [self._score_clean(cleaned, language) for cleaned, language in zip(cleaned_texts, languages)]

    def _score_clean(self, cleaned: str, language: str) -> Sentiment:
        if language == "nl":
            words = dutch_tokens(cleaned)
            lexicon = self._dutch.polarity_scores(words).compound
            compound = combined_compound(lexicon, find_dutch_cues(cleaned, words, lexicon))
        else:
            compound = combined_compound(self._analyzer.compound(cleaned), find_cues(cleaned, tokens(cleaned)))
        return sentiment_of(compound, label_for(compound, positive_threshold=POSITIVE_THRESHOLD), language)


_NO_CUES = Cues(complaints=(), complaint_valence=0.0, praise=False, sarcasm=False, question=False)


def _emoji_valences(analyzer: SentimentIntensityAnalyzer) -> dict[str, float]:
    """Each emoji's valence as VADER reads it: the sum of its description's English lexicon valences."""
    lexicon = analyzer.lexicon
    valences = {emoji: sum(lexicon.get(word, 0.0) for word in description.lower().split())
                for emoji, description in analyzer.emojis.items() if len(emoji) == 1}
    return {emoji: valence for emoji, valence in valences.items() if valence}


def crisis_compound(reading: VaderReading) -> float:
    """The crisis tier's compound for a reading (in a language without rules: its compound, 0)."""
    return combined_compound(reading.compound, reading.cues) if reading.language in SCORED_LANGUAGES else 0.0


def combined_compound(vader_compound: float, cues: Cues) -> float:
    """Combine VADER's compound with the complaint cues, in VADER's raw valence units."""
    valence = _raw_valence(vader_compound)
    if cues.inquiry:
        # "will my flight be cancelled?" asks about a cancellation: neither the cue nor VADER's
        # valence of the word is the customer's feeling.
        return _compound(max(valence, 0.0) * WEIGHT_IN_QUESTION)
    if cues.sarcasm:
        valence = -abs(valence) - SARCASM_VALENCE
    elif cues.complaints and valence > 0:
        valence *= POSITIVE_WEIGHT_IN_COMPLAINT
    elif not cues.complaints and valence < 0:
        valence *= NEGATIVE_WEIGHT_WITHOUT_COMPLAINT
    elif cues.question and not cues.praise:
        valence *= WEIGHT_IN_QUESTION
    if cues.praise and not cues.complaints:
        valence += PRAISE_VALENCE
    return _compound(valence + cues.complaint_valence)


