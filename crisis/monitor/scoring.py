"""What every sentiment tier shares: the Sentiment value, the Scorer port, labels, and scoring through a
cache with each text's language (the source's or the detector's) deciding whether and how it is scored."""

import math
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from crisis.monitor.language import language_code
from crisis.monitor.mention_text import cleaned_or_reason

Label = Literal["negative", "neutral", "positive", "unscored"]
LABELS: tuple[Label, ...] = ("negative", "neutral", "positive")
_VADER_ALPHA = 15.0
_MAX_RAW_VALENCE = 30.0
CACHE_SIZE = 100_000
CACHED_TEXT_CHARS = 1_000


@dataclass(frozen=True)
class Sentiment:
    """A mention's sentiment: compound in [-1, 1] (None when unscored) and its label; `language`, the
    language it was read in (the source's or the detector's; None when neither knows), is not compared."""

    compound: float | None
    label: Label
    language: str | None = field(default=None, compare=False)

    @classmethod
    def unscored(cls, language: str | None = None) -> "Sentiment":
        return _UNSCORED if language is None else Sentiment(None, "unscored", language)


_UNSCORED = Sentiment(None, "unscored")
SCORED_LANGUAGES = ("en", "nl")
"""The languages the out-of-the-box tier has rules for; a mention in another language stays unscored."""


class SentimentCache:
    """Sentiments of mention texts already scored (retweets, copies, duplicates in a file), by the
    text as it came (with its language) and by its cleaned text.

    Holds at most `size` entries and forgets them all at once when full: a dict lookup is all a
    repeat costs, with none of an LRU's bookkeeping per hit.
    """

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._size = size
        self._entries: dict[Hashable, Sentiment] = {}

    @property
    def entries(self) -> dict[Hashable, Sentiment]:
        """What is cached, to read (put adds)."""
        return self._entries

    def get(self, key: Hashable) -> Sentiment | None:
        return self._entries.get(key)

    def put(self, key: Hashable, sentiment: Sentiment) -> None:
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[key] = sentiment


def score_cached(
    texts: Sequence[str],
    languages: Sequence[str | None] | None,
    cache: SentimentCache,
    score_cleaned: Callable[[list[str], list[str]], list["Sentiment"]],
    detect: Callable[[str], str],
    scored: Collection[str],
) -> list["Sentiment"]:
    """Sentiments of `texts` from `cache` where it has them, else `score_cleaned` of the cleaned
    texts and their languages (each distinct pair once), which then go into the cache. A text's
    language is the one given (a tag such as "nl-BE") or else `detect`'s of its cleaned text; a text
    in a language not in `scored` is unscored. Texts over CACHED_TEXT_CHARS are not kept: they are
    rarely repeated word for word."""
    results: list[Sentiment] = []
    unknown: dict[tuple[str, str], list[int]] = {}  # (cleaned text, language) -> where its sentiment goes
    as_given: list[tuple[int, tuple[str, str | None]]] = []  # (where, key) to keep once known
    known = cache.entries  # read directly: a method call per text costs more than the lookup
    unscored_in: dict[str | None, Sentiment] = {}
    for text, language in zip(texts, languages_of(texts, languages)):
        key = (text, language) if text.__class__ is str and len(text) <= CACHED_TEXT_CHARS else None
        if key is not None:
            sentiment = known.get(key)
            if sentiment is not None:
                results.append(sentiment)
                continue
            as_given.append((len(results), key))
        cleaned = cleaned_or_reason(text)
        if cleaned.__class__ is not str:
            results.append(_UNSCORED)
            continue
        code = (language_code(language) if language is not None else None) or detect(cleaned)
        if code not in scored:
            sentiment = unscored_in.get(code)
            if sentiment is None:
                sentiment = unscored_in[code] = Sentiment.unscored(code)
            results.append(sentiment)
            continue
        sentiment = known.get((cleaned, code))
        if sentiment is None:
            unknown.setdefault((cleaned, code), []).append(len(results))
            sentiment = _UNSCORED  # a placeholder until scored below
        results.append(sentiment)
    if unknown:
        pairs = list(unknown)
        scores = score_cleaned([cleaned for cleaned, _ in pairs], [code for _, code in pairs])
        for ((cleaned, code), places), sentiment in zip(unknown.items(), scores):
            if len(cleaned) <= CACHED_TEXT_CHARS:
                cache.put((cleaned, code), sentiment)
            for place in places:
                results[place] = sentiment
    for place, key in as_given:
        cache.put(key, results[place])
    return results


def from_probabilities(row: Sequence[float], language: str) -> Sentiment:
    """A trained tier's reading of one text from its label probabilities (in LABELS order): the most probable
    label, and P(positive) - P(negative) as the compound."""
    label = LABELS[max(range(len(LABELS)), key=row.__getitem__)]
    return Sentiment(round(row[_POSITIVE] - row[_NEGATIVE], 4), label, language)


_POSITIVE = LABELS.index("positive")
_NEGATIVE = LABELS.index("negative")


def sentiment_of(compound: float, label: Label, language: str) -> Sentiment:
    """Sentiment(compound, label, language), the same value shared by every text that scores it (a frozen
    dataclass costs more to make than to look up). Not for 0: -0.0 and 0.0 are one key, written differently."""
    if not compound:
        return Sentiment(compound, label, language)
    key = (compound, label, language)
    sentiment = _SHARED.get(key)
    if sentiment is None:
        if len(_SHARED) >= CACHE_SIZE:
            _SHARED.clear()
        sentiment = _SHARED[key] = Sentiment(compound, label, language)
    return sentiment


_SHARED: dict[tuple[float, str, str], Sentiment] = {}


class Scorer(Protocol):
    """Scores mention texts; `language` is a language tag such as "en" when the source knows it."""

    def score(self, text: str, language: str | None = None) -> Sentiment: ...

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Sentiment]: ...


def label_for(
    compound: float, positive_threshold: float = 0.05, negative_threshold: float = -0.05
) -> Label:
    """VADER's convention by default: compound >= 0.05 positive, <= -0.05 negative."""
    if compound >= positive_threshold:
        return "positive"
    if compound <= negative_threshold:
        return "negative"
    return "neutral"


def languages_of(
    texts: Sequence[str], languages: Sequence[str | None] | None
) -> Sequence[str | None]:
    """`languages` checked against `texts` (one each), or None for every text when not given."""
    if languages is None:
        return [None] * len(texts)
    if len(languages) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(languages)} languages")
    return languages


def normalized(valence: float) -> float:
    """VADER's normalisation of a summed valence into [-1, 1]."""
    return round(valence / math.sqrt(valence * valence + _VADER_ALPHA), 4)


def raw_valence(compound: float) -> float:
    """Invert VADER's normalisation x / sqrt(x^2 + 15) back to the summed valence x."""
    if abs(compound) >= 0.9999:
        return math.copysign(_MAX_RAW_VALENCE, compound)
    return compound * math.sqrt(_VADER_ALPHA / (1.0 - compound * compound))
