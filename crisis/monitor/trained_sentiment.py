"""The trained sentiment tier: a linear model over word and character n-grams and crisis readings."""

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from crisis.monitor.complaint_rules import COMPLAINT_KINDS
from crisis.monitor.labelled import LabelledReadings, read_labelled
from crisis.monitor.scoring import from_probabilities
from crisis.monitor.sentiment import (
    LABELS,
    CrisisScorer,
    Sentiment,
    SentimentCache,
    VaderReading,
    crisis_compound,
    score_cached,
)

MODEL_FORMAT = "crisisbot-sentiment-model"
MODEL_VERSION = 2  # 2: the languages it was trained on (a version 1 model knows English only)
CHAR_NGRAM_SIZES = (1, 2, 3, 4)
MIN_LANGUAGE_EXAMPLES = 20  # to be a model's language (a stray misdetected example is none); else its most frequent

_COMPLAINT_FEATURES = tuple(COMPLAINT_KINDS) + ("upset_emoji",)
READING_FEATURES = (
    "vader_compound", "crisis_compound", "vader_positive", "vader_negative",
    "question", "praise", "sarcasm",
) + tuple(f"complaint:{kind}" for kind in _COMPLAINT_FEATURES) + ("bias",)


@dataclass
class TrainedModel:
    """Multinomial logistic regression over n-gram terms (tf-idf) and crisis readings, for its `languages`."""

    terms: dict[str, int]  # term -> row of term_weights
    idf: np.ndarray  # (terms,)
    term_weights: np.ndarray  # (terms, labels)
    reading_weights: np.ndarray  # (READING_FEATURES, labels)
    languages: tuple[str, ...] = ("en",)

    def save(self, path: str | Path) -> None:
        """Write the model as JSON: data only, nothing in it is ever executed."""
        document = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "languages": list(self.languages),
            "labels": list(LABELS),
            "reading_features": list(READING_FEATURES),
            "terms": sorted(self.terms, key=self.terms.__getitem__),
            "idf": self.idf.tolist(),
            "term_weights": self.term_weights.tolist(),
            "reading_weights": self.reading_weights.tolist(),
        }
        Path(path).write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "TrainedModel":
        """Read a model written by `save`; ValueError saying what is wrong when it is not one."""
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{path} is not a sentiment model file ({error})") from None
        if not isinstance(document, dict) or document.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path} is not a sentiment model file")
        if document.get("version") not in (1, MODEL_VERSION):
            raise ValueError(f"{path}: model version {document.get('version')} is not supported")
        if (
            document.get("labels") != list(LABELS)
            or document.get("reading_features") != list(READING_FEATURES)
        ):
            raise ValueError(f"{path} was trained by another crisisbot version: train it again")
        try:
            model = cls(
                terms={term: row for row, term in enumerate(document["terms"])},
                idf=np.asarray(document["idf"], dtype=np.float64),
                term_weights=np.asarray(document["term_weights"], dtype=np.float64),
                reading_weights=np.asarray(document["reading_weights"], dtype=np.float64),
                languages=tuple(str(code) for code in document.get("languages", ["en"])),
            )
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{path} is damaged: a model field is missing or malformed") from None
        if (
            model.idf.shape != (len(model.terms),)
            or model.term_weights.shape != (len(model.terms), len(LABELS))
            or model.reading_weights.shape != (len(READING_FEATURES), len(LABELS))
        ):
            raise ValueError(f"{path} is damaged: its arrays do not match its terms")
        return model


class TrainedScorer:
    """Its model's languages by the model (label: most probable; compound: P(pos) - P(neg)), others by rules."""

    def __init__(
        self, model: TrainedModel, reader: CrisisScorer | None = None, cache: SentimentCache | None = None
    ) -> None:
        self._reader = reader or CrisisScorer()
        self._logits = _Logits(model)
        self._cache = SentimentCache() if cache is None else cache
        self._trained = frozenset(model.languages)
        self.languages = tuple(sorted(self._trained.union(self._reader.languages)))

    def score(self, text: str, language: str | None = None) -> Sentiment:
        return self.score_many([text], [language])[0]

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Sentiment]:
        return score_cached(texts, languages, self._cache, self.score_cleaned, self._reader.detect, self.languages)

    def score_cleaned(self, cleaned_texts: list[str], languages: list[str]) -> list[Sentiment]:
        """Sentiments of cleaned, scorable texts in languages of `self.languages`."""
        trained = [place for place, code in enumerate(languages) if code in self._trained]
        others = [place for place, code in enumerate(languages) if code not in self._trained]
        ruled = self._reader.score_cleaned([cleaned_texts[place] for place in others], [languages[p] for p in others])
        results = dict(zip(others, ruled))
        readings = [self._reader.read_clean(cleaned_texts[place], languages[place]) for place in trained]
        for place, row in zip(trained, _softmax(self._logits(readings)).tolist() if trained else []):
            results[place] = from_probabilities(row, languages[place])
        return [results[place] for place in range(len(cleaned_texts))]


@dataclass(frozen=True)
class TrainingResult:
    """A trained model and what it was trained on: examples used, skipped as unscorable, per label."""

    model: TrainedModel
    used: int
    skipped: int
    per_label: dict[str, int]
    per_language: dict[str, int]


def train(texts: Sequence[str], labels: Sequence[str], languages: Sequence[str | None] | None = None, *,
          reader: CrisisScorer | None = None, **settings: Any) -> TrainingResult:
    """Fit a model on labelled texts (see `read_labelled`; `settings` as `train_read`'s); the same input gives
    the same model."""
    return train_read(read_labelled(texts, labels, languages, reader), **settings)


def train_read(
    labelled: LabelledReadings,
    *,
    l2: float = 3e-4,
    epochs: int = 200,
    min_count: int = 2,
    max_terms: int = 200_000,
) -> TrainingResult:
    """Fit a model on texts `read_labelled` read."""
    readings, targets = labelled.readings, labelled.targets
    per_language = Counter(reading.language for reading in readings)
    model_languages = tuple(sorted(code for code, n in per_language.items() if n >= MIN_LANGUAGE_EXAMPLES)
                            ) or (per_language.most_common(1)[0][0],)
    terms, idf = _vocabulary(readings, min_count, max_terms)
    features = _features(terms, idf, readings)
    term_weights, reading_weights = _fit(features, np.asarray(targets), len(terms), l2, epochs)
    return TrainingResult(
        model=TrainedModel(terms, idf, term_weights, reading_weights, model_languages),
        used=len(readings),
        skipped=labelled.total - len(readings),
        per_label={label: targets.count(index) for index, label in enumerate(LABELS)},
        per_language=dict(sorted(per_language.items())),
    )


def _word_terms(tokens: list[str]) -> list[str]:
    """Word unigrams and bigrams."""
    return tokens + [f"{first} {second}" for first, second in pairwise(tokens)]


def _char_terms(token: str) -> list[str]:
    """Character n-grams of one token marked at both ends: "ok" -> "c:<o", "c:ok", "c:k>", ..."""
    marked = f"<{token}>"
    return [
        "c:" + marked[start : start + size]
        for size in CHAR_NGRAM_SIZES
        for start in range(len(marked) - size + 1)
    ]


def _vocabulary(
    readings: Sequence[VaderReading], min_count: int, max_terms: int
) -> tuple[dict[str, int], np.ndarray]:
    """Terms in at least `min_count` texts (the most frequent `max_terms`) and their idf."""
    counts: Counter[str] = Counter()
    char_terms: dict[str, list[str]] = {}
    for reading in readings:
        tokens = reading.tokens
        text_terms = set(_word_terms(tokens))
        for token in tokens:
            if token not in char_terms:
                char_terms[token] = _char_terms(token)
            text_terms.update(char_terms[token])
        counts.update(text_terms)
    kept = sorted(
        (term for term, count in counts.items() if count >= min_count),
        key=lambda term: (-counts[term], term),
    )[:max_terms]
    idf = [math.log((1 + len(readings)) / (1 + counts[term])) + 1 for term in kept]
    return {term: row for row, term in enumerate(kept)}, np.asarray(idf, dtype=np.float64)


def _reading_values(reading: VaderReading) -> list[float]:
    cues = reading.cues
    return [
        reading.compound, crisis_compound(reading), reading.positive, reading.negative,
        float(cues.question), float(cues.praise), float(cues.sarcasm),
    ] + [float(kind in cues.complaints) for kind in _COMPLAINT_FEATURES] + [1.0]


@dataclass(frozen=True)
class _Sparse:
    """Entries of a sparse matrix: value at (owner, column)."""

    owners: np.ndarray
    columns: np.ndarray
    values: np.ndarray

    def times(self, matrix: np.ndarray, size: int) -> np.ndarray:
        """(classes, size): this matrix (size x columns) times matrix.T (classes x columns)."""
        return np.stack(
            [np.bincount(self.owners, row[self.columns] * self.values, size) for row in matrix]
        )

    def transposed_times(self, matrix: np.ndarray, size: int) -> np.ndarray:
        """(classes, size): this matrix's transpose (size x owners) times matrix.T (classes x owners)."""
        return np.stack(
            [np.bincount(self.columns, row[self.owners] * self.values, size) for row in matrix]
        )


@dataclass(frozen=True)
class _Features:
    """Feature rows of texts: word n-grams, character n-grams through tokens, readings.

    A text's word n-grams present count idf each, l2-normalised together. Its character n-grams
    count idf once per occurrence of a token holding them, l2-normalised together: they are kept
    as text -> token occurrences (1 / the text's norm) and token -> its n-grams (idf), since a
    token's n-grams always add the same.
    """

    texts: int
    words: _Sparse  # text -> term
    tokens: _Sparse  # text -> token
    token_count: int
    token_chars: _Sparse  # token -> term
    readings: np.ndarray  # (texts, READING_FEATURES)


def _features(terms: dict[str, int], idf: np.ndarray, readings: Sequence[VaderReading]) -> _Features:
    """The feature rows of `readings` for training."""
    token_ids: dict[str, int] = {}
    token_squares: list[float] = []
    # (owners, columns, values) of each sparse part
    word_entries: tuple[list, list, list] = ([], [], [])
    token_entries: tuple[list, list, list] = ([], [], [])
    char_entries: tuple[list, list, list] = ([], [], [])
    for text, reading in enumerate(readings):
        text_tokens = reading.tokens
        rows = list({terms[term] for term in _word_terms(text_tokens) if term in terms})
        word_idf = idf[rows]
        norm = math.sqrt(float(word_idf @ word_idf)) or 1.0
        word_entries[0].extend([text] * len(rows))
        word_entries[1].extend(rows)
        word_entries[2].extend((word_idf / norm).tolist())
        occurrences = []
        for token in text_tokens:
            token_id = token_ids.get(token)
            if token_id is None:
                token_id = token_ids[token] = len(token_ids)
                char_rows = [terms[term] for term in _char_terms(token) if term in terms]
                char_idf = idf[char_rows]
                token_squares.append(float(char_idf @ char_idf))
                char_entries[0].extend([token_id] * len(char_rows))
                char_entries[1].extend(char_rows)
                char_entries[2].extend(char_idf.tolist())
            occurrences.append(token_id)
        norm = math.sqrt(sum(token_squares[token_id] for token_id in occurrences)) or 1.0
        token_entries[0].extend([text] * len(occurrences))
        token_entries[1].extend(occurrences)
        token_entries[2].extend([1.0 / norm] * len(occurrences))
    return _Features(
        texts=len(readings),
        words=_sparse(*word_entries),
        tokens=_sparse(*token_entries),
        token_count=len(token_ids),
        token_chars=_sparse(*char_entries),
        readings=np.asarray(
            [_reading_values(reading) for reading in readings], dtype=np.float64
        ).reshape(len(readings), len(READING_FEATURES)),
    )


def _sparse(owners: list[int], columns: list[int], values: list[float]) -> _Sparse:
    return _Sparse(
        np.asarray(owners, dtype=np.int64),
        np.asarray(columns, dtype=np.int64),
        np.asarray(values, dtype=np.float64),
    )


def _class_scores(features: _Features, term_weights: np.ndarray, reading_weights: np.ndarray) -> np.ndarray:
    """(labels, texts) scores for weights in (labels, terms) and (labels, READING_FEATURES)."""
    token_scores = features.token_chars.times(term_weights, features.token_count)
    return (
        features.words.times(term_weights, features.texts)
        + features.tokens.times(token_scores, features.texts)
        + reading_weights @ features.readings.T
    )


def _scores(features: _Features, term_weights: np.ndarray, reading_weights: np.ndarray) -> np.ndarray:
    """(texts, labels) scores for a model's weights: what training optimises."""
    return _class_scores(features, term_weights.T.copy(), reading_weights.T.copy()).T


class _Logits:
    """The model's class scores (texts, labels), as `_scores` of `_features` rows, for scoring.

    Each token's weighted character n-gram sum and squared idf are computed once and kept in a
    table (cleared when it holds _TOKEN_LIMIT tokens).
    """

    _TOKEN_LIMIT = 200_000

    def __init__(self, model: TrainedModel) -> None:
        self._model = model
        self._scaled = model.idf[:, None] * model.term_weights
        self._squared_idf = model.idf * model.idf
        self._word_table = np.concatenate((self._scaled, self._squared_idf[:, None]), axis=1)
        self._token_ids: dict[str, int] = {}
        self._token_table = np.zeros((1024, len(LABELS) + 1))

    def __call__(self, readings: Sequence[VaderReading]) -> np.ndarray:
        if len(self._token_ids) >= self._TOKEN_LIMIT:
            self._token_ids.clear()
        terms, token_ids = self._model.terms, self._token_ids
        word_rows: list[int] = []
        word_ends: list[int] = []
        token_rows: list[int] = []
        token_ends: list[int] = []
        for reading in readings:
            tokens = reading.tokens
            word_rows += {terms[term] for term in _word_terms(tokens) if term in terms}
            word_ends.append(len(word_rows))
            ids = [token_ids.get(token) for token in tokens]
            if None in ids:
                ids = [self._add_token(token) if i is None else i for token, i in zip(tokens, ids)]
            token_rows += ids
            token_ends.append(len(token_rows))
        words = _segment_sums(self._word_table, word_rows, word_ends)
        chars = _segment_sums(self._token_table, token_rows, token_ends)
        readings_matrix = np.asarray(
            [_reading_values(reading) for reading in readings], dtype=np.float64
        ).reshape(len(readings), len(READING_FEATURES))
        return (
            words[:, :-1] / _norms(words[:, -1])
            + chars[:, :-1] / _norms(chars[:, -1])
            + readings_matrix @ self._model.reading_weights
        )

    def _add_token(self, token: str) -> int:
        token_id = self._token_ids.get(token)
        if token_id is not None:
            return token_id
        token_id = self._token_ids[token] = len(self._token_ids)
        if token_id >= len(self._token_table):
            self._token_table = np.concatenate((self._token_table, np.zeros_like(self._token_table)))
        terms = self._model.terms
        rows = [terms[term] for term in _char_terms(token) if term in terms]
        self._token_table[token_id, :-1] = self._scaled[rows].sum(axis=0)
        self._token_table[token_id, -1] = self._squared_idf[rows].sum()
        return token_id


def _segment_sums(table: np.ndarray, rows: list[int], ends: list[int]) -> np.ndarray:
    """For each segment of `rows` (ending at `ends`), the sum of those rows of `table`."""
    cumulative = np.concatenate(
        (np.zeros((1, table.shape[1])), np.cumsum(table[np.asarray(rows, dtype=np.int64)], axis=0))
    )
    boundaries = np.asarray([0] + ends, dtype=np.int64)
    return cumulative[boundaries[1:]] - cumulative[boundaries[:-1]]


def _norms(squares: np.ndarray) -> np.ndarray:
    """Column of square roots, with 1 where there is nothing to normalise."""
    norms = np.sqrt(np.maximum(squares, 0.0))
    norms[norms < 1e-12] = 1.0
    return norms[:, None]


def _softmax(scores: np.ndarray, axis: int = 1) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def _fit(
    features: _Features, targets: np.ndarray, term_count: int, l2: float, epochs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Adam on L2-regularised cross-entropy, examples weighted alike (weighting rare classes
    up cost negative F1 leave one airline out and bought no macro-F1)."""
    classes = len(LABELS)
    one_hot = np.eye(classes)[:, targets]  # (labels, texts)
    sample_weight = 1.0 / len(targets)
    weights = np.zeros((classes, term_count + len(READING_FEATURES)))
    first_moment = np.zeros_like(weights)
    second_moment = np.zeros_like(weights)
    learning_rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        term_weights, reading_weights = weights[:, :term_count], weights[:, term_count:]
        probabilities = _softmax(_class_scores(features, term_weights, reading_weights), axis=0)
        error = (probabilities - one_hot) * sample_weight
        token_error = features.tokens.transposed_times(error, features.token_count)
        gradient = np.concatenate(
            (
                features.words.transposed_times(error, term_count)
                + features.token_chars.transposed_times(token_error, term_count),
                error @ features.readings,
            ),
            axis=1,
        )
        gradient += l2 * weights
        first_moment = beta1 * first_moment + (1 - beta1) * gradient
        second_moment = beta2 * second_moment + (1 - beta2) * gradient * gradient
        weights -= (
            learning_rate
            * (first_moment / (1 - beta1**step))
            / (np.sqrt(second_moment / (1 - beta2**step)) + 1e-8)
        )
    return weights[:, :term_count].T.copy(), weights[:, term_count:].T.copy()
