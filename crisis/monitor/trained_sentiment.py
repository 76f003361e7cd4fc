"""The trained sentiment tier: a linear model over word n-grams and the crisis tier's readings."""

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crisis.monitor.complaint_rules import COMPLAINT_KINDS
from crisis.monitor.sentiment import (
    LABELS,
    CrisisScorer,
    Sentiment,
    VaderReading,
    crisis_compound,
)

MODEL_FORMAT = "crisisbot-sentiment-model"
MODEL_VERSION = 1

_TOKEN = re.compile(r"[a-z]+|\d+|[?!]|[\u2600-\u27bf\U0001f300-\U0001faff]")
_DIGITS = re.compile(r"\d")
_COMPLAINT_FEATURES = tuple(COMPLAINT_KINDS) + ("upset_emoji",)
READING_FEATURES = (
    "vader_compound", "crisis_compound", "vader_positive", "vader_negative",
    "question", "praise", "sarcasm",
) + tuple(f"complaint:{kind}" for kind in _COMPLAINT_FEATURES)


@dataclass
class TrainedModel:
    """Multinomial logistic regression: term columns (tf-idf, l2-normalised), reading features, bias."""

    terms: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # (len(terms) + len(READING_FEATURES) + 1, len(LABELS))

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (no code is ever loaded from a model file)."""
        document = {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "labels": list(LABELS),
            "reading_features": list(READING_FEATURES),
            "terms": sorted(self.terms, key=self.terms.__getitem__),
            "idf": self.idf.tolist(),
            "weights": self.weights.tolist(),
        }
        Path(path).write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "TrainedModel":
        """Read a model written by `save`; ValueError when the file is not one."""
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{path} is not a sentiment model file: {error}") from None
        if not isinstance(document, dict) or document.get("format") != MODEL_FORMAT:
            raise ValueError(f"{path} is not a sentiment model file")
        if document.get("version") != MODEL_VERSION:
            raise ValueError(f"{path}: model version {document.get('version')} is not supported")
        if (
            document.get("labels") != list(LABELS)
            or document.get("reading_features") != list(READING_FEATURES)
        ):
            raise ValueError(f"{path} was trained by another crisisbot version: train it again")
        terms = {term: column for column, term in enumerate(document["terms"])}
        idf = np.asarray(document["idf"], dtype=np.float64)
        weights = np.asarray(document["weights"], dtype=np.float64)
        expected = (len(terms) + len(READING_FEATURES) + 1, len(LABELS))
        if idf.shape != (len(terms),) or weights.shape != expected:
            raise ValueError(f"{path} is damaged: its arrays do not match its terms")
        return cls(terms, idf, weights)


class TrainedScorer:
    """Scores with a TrainedModel: label = most probable class, compound = P(pos) - P(neg)."""

    def __init__(self, model: TrainedModel, reader: CrisisScorer | None = None) -> None:
        self._model = model
        self._reader = reader or CrisisScorer()

    def score(self, text: str, language: str | None = None) -> Sentiment:
        return self.score_many([text], [language])[0]

    def score_many(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> list[Sentiment]:
        if languages is not None and len(languages) != len(texts):
            raise ValueError(f"got {len(texts)} texts but {len(languages)} languages")
        readings = [
            self._reader.read(text, None if languages is None else languages[index])
            for index, text in enumerate(texts)
        ]
        scorable = [reading for reading in readings if reading is not None]
        probabilities = iter(_probabilities(self._model, _features(self._model, scorable)))
        results = []
        for reading in readings:
            if reading is None:
                results.append(Sentiment.unscored())
                continue
            row = next(probabilities)
            compound = round(float(row[LABELS.index("positive")] - row[LABELS.index("negative")]), 4)
            results.append(Sentiment(compound, LABELS[int(row.argmax())]))
        return results


@dataclass(frozen=True)
class TrainingReport:
    """What `train` did: examples used, skipped (unscorable) and per label."""

    model: TrainedModel
    used: int
    skipped: int
    per_label: dict[str, int]


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    l2: float = 1e-4,
    epochs: int = 200,
    min_count: int = 2,
    max_terms: int = 100_000,
    reader: CrisisScorer | None = None,
) -> TrainingReport:
    """Fit the model on labelled texts (labels from LABELS); deterministic for the same input."""
    if len(texts) != len(labels):
        raise ValueError(f"got {len(texts)} texts but {len(labels)} labels")
    unknown = sorted({label for label in labels if label not in LABELS})
    if unknown:
        raise ValueError(f"unknown labels {unknown}: use {', '.join(LABELS)}")
    reader = reader or CrisisScorer()
    readings, targets = [], []
    for text, label in zip(texts, labels):
        reading = reader.read(text)
        if reading is not None:
            readings.append(reading)
            targets.append(LABELS.index(label))
    if not readings:
        raise ValueError("no scorable English text to train on")
    document_terms = [set(_terms(reading.text)) for reading in readings]
    counts = Counter(term for terms in document_terms for term in terms)
    kept = sorted(
        (term for term, count in counts.items() if count >= min_count),
        key=lambda term: (-counts[term], term),
    )[:max_terms]
    terms = {term: column for column, term in enumerate(kept)}
    idf = np.array(
        [math.log((1 + len(readings)) / (1 + counts[term])) + 1 for term in kept], dtype=np.float64
    )
    model = TrainedModel(terms, idf, np.zeros((len(terms) + len(READING_FEATURES) + 1, len(LABELS))))
    features = _features(model, readings)
    model.weights = _fit(features, np.asarray(targets), model.weights.shape[0], l2, epochs)
    return TrainingReport(
        model=model,
        used=len(readings),
        skipped=len(texts) - len(readings),
        per_label={label: targets.count(index) for index, label in enumerate(LABELS)},
    )


@dataclass(frozen=True)
class _Features:
    """A sparse matrix in CSR form: row i has columns[starts[i]:starts[i+1]] with values."""

    starts: np.ndarray
    columns: np.ndarray
    values: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.starts) - 1


import os
CHAR=os.environ.get("CHAR","")
def _terms(text: str) -> list[str]:
    tokens = _TOKEN.findall(_DIGITS.sub("0", text.lower().replace("'", "").replace("\u2019", "")))
    out = tokens + [f"{first} {second}" for first, second in zip(tokens, tokens[1:])]
    if CHAR:
        lo,hi=map(int,CHAR.split(','))
        for t in tokens:
            w="<"+t+">"
            for n in range(lo,hi+1):
                out += ["#"+w[i:i+n] for i in range(len(w)-n+1)]
    return out


def _reading_values(reading: VaderReading) -> list[float]:
    cues = reading.cues
    return [
        reading.compound, crisis_compound(reading), reading.positive, reading.negative,
        float(cues.question), float(cues.praise), float(cues.sarcasm),
    ] + [float(kind in cues.complaints) for kind in _COMPLAINT_FEATURES]


def _features(model: TrainedModel, readings: Sequence[VaderReading]) -> _Features:
    terms, idf = model.terms, model.idf
    reading_start = len(terms)
    bias = reading_start + len(READING_FEATURES)
    reading_columns = list(range(reading_start, bias + 1))
    starts, columns, values = [0], [], []
    for reading in readings:
        row_columns = sorted({terms[term] for term in _terms(reading.text) if term in terms})
        row_idf = idf[row_columns]
        norm = math.sqrt(float(row_idf @ row_idf)) or 1.0
        columns += row_columns
        values += (row_idf / norm).tolist()
        columns += reading_columns
        values += _reading_values(reading) + [1.0]
        starts.append(len(columns))
    return _Features(
        np.asarray(starts, dtype=np.int64),
        np.asarray(columns, dtype=np.int64),
        np.asarray(values, dtype=np.float64),
    )


def _scores(weights: np.ndarray, features: _Features) -> np.ndarray:
    if features.rows == 0:
        return np.zeros((0, weights.shape[1]))
    weighted = weights[features.columns] * features.values[:, None]
    return np.add.reduceat(weighted, features.starts[:-1], axis=0)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _probabilities(model: TrainedModel, features: _Features) -> np.ndarray:
    return _softmax(_scores(model.weights, features))


def _fit(
    features: _Features, targets: np.ndarray, columns: int, l2: float, epochs: int
) -> np.ndarray:
    """Full-batch Adam on the class-balanced, L2-regularised cross-entropy; no randomness."""
    classes = len(LABELS)
    one_hot = np.eye(classes)[targets]
    class_counts = np.maximum(one_hot.sum(axis=0), 1.0)
    sample_weights = (len(targets) / (classes * class_counts))[targets] / len(targets)
    rows = np.repeat(np.arange(features.rows), np.diff(features.starts))
    weights = np.zeros((columns, classes))
    first_moment = np.zeros_like(weights)
    second_moment = np.zeros_like(weights)
    learning_rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        error = (_softmax(_scores(weights, features)) - one_hot) * sample_weights[:, None]
        gradient = np.stack(
            [
                np.bincount(features.columns, features.values * error[rows, label], columns)
                for label in range(classes)
            ],
            axis=1,
        )
        gradient += l2 * weights
        first_moment = beta1 * first_moment + (1 - beta1) * gradient
        second_moment = beta2 * second_moment + (1 - beta2) * gradient * gradient
        corrected_first = first_moment / (1 - beta1**step)
        corrected_second = second_moment / (1 - beta2**step)
        weights -= learning_rate * corrected_first / (np.sqrt(corrected_second) + 1e-8)
    return weights
