"""Dutch sentiment quality on the project's labelled Dutch posts (tests/fixtures/sentiment_nl/posts.csv).

The file is split by brand, in three parts (tests/fixtures/sentiment_nl/README.md): `dev` (Acme, Acme Air, SnelNet,
Vlotrail, BoltBank, Koopjeshoek, FietsFix), which the Dutch rules were tuned on; `heldout` (Energiek, PakjeDirect,
StreamTV, ZorgPlus, Hotel de Gouden Leeuw, Burgerbar), never tuned on, but written before the lexicon, by its
author, so its figures flatter; `unseen` (VersMarkt, FitFabriek, RijLease, Zomerfest, Fonix, Woonstad), written
after the rules were frozen and scored once: the figure to quote.
Printed for both parts: macro-F1 (mean over the three labels) and F1 per label of labelling everything neutral,
plain VADER (SentimentIntensityAnalyzer's compound at +-0.05 on the raw text, as a Dutch team gets it from
VADER alone) and `crisisbot score` (the out-of-the-box tier: language detection, then the Dutch rules).
Then the trained tier (`train-sentiment`) against a TF-IDF (word 1-2 grams) + logistic regression baseline
(scikit-learn, when installed: `.venv/bin/pip install scikit-learn`), both trained on the dev part and
tested on the held-out part, and the language detector's answers on every post (all are Dutch).
A prediction of "unscored" counts as wrong.
Run: .venv/bin/python benchmarks/dutch_sentiment.py
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from crisis.monitor.language import LanguageDetector
from crisis.monitor.mention_text import clean
from crisis.monitor.sentiment import LABELS, CrisisScorer, label_for
from crisis.monitor.trained_sentiment import TrainedScorer, train

sys.path.insert(0, str(REPO / "benchmarks"))
from sentiment_quality import metrics  # noqa: E402  (the same figures as for English)

DATA = REPO / "tests" / "fixtures" / "sentiment_nl" / "posts.csv"
TARGETS = {"macro_f1": 0.50, "negative": 0.55}  # issue 14, on unseen Dutch posts
Predictor = Callable[[list[dict], list[dict]], list[str]]  # (training rows, rows to label) -> labels


def all_neutral(_: list[dict], rows: list[dict]) -> list[str]:
    return ["neutral"] * len(rows)


def plain_vader(_: list[dict], rows: list[dict]) -> list[str]:
    analyzer = SentimentIntensityAnalyzer()
    return [label_for(analyzer.polarity_scores(row["text"])["compound"]) for row in rows]


def crisis_tier(_: list[dict], rows: list[dict]) -> list[str]:
    """As `crisisbot score` on a file without a language column: the detector decides."""
    return [sentiment.label for sentiment in CrisisScorer().score_many([row["text"] for row in rows])]


def trained_tier(training: list[dict], rows: list[dict]) -> list[str]:
    result = train([row["text"] for row in training], [row["label"] for row in training])
    return [sentiment.label for sentiment in TrainedScorer(result.model).score_many([row["text"] for row in rows])]


def tfidf_logreg(training: list[dict], rows: list[dict]) -> list[str] | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    model.fit(vectorizer.fit_transform([row["text"] for row in training]), [row["label"] for row in training])
    return list(model.predict(vectorizer.transform([row["text"] for row in rows])))


def line(name: str, expected: list[str], predicted: list[str] | None) -> str:
    if predicted is None:
        return f"{name:<42}(scikit-learn is not installed)"
    result = metrics(expected, predicted)
    cells = [result["accuracy"], result["macro_f1"]] + [result[label] for label in LABELS]
    return f"{name:<42}" + "".join(f"{cell:>10.3f}" for cell in cells)


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'':<42}{'accuracy':>10}{'macro-F1':>10}" + "".join(f"{'F1 ' + label[:3]:>10}" for label in LABELS))


def main() -> int:
    with DATA.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    parts = {name: [row for row in rows if row["split"] == name] for name in ("dev", "heldout", "unseen")}
    for name, part in parts.items():
        print(f"{name}: {len(part)} posts, " + ", ".join(f"{label} {count}" for label, count in
                                                        sorted(Counter(row['label'] for row in part).items())))
    for name, part in parts.items():
        header(f"Out of the box, {name} part" + (" (tuned on)" if name == "dev" else " (never tuned on)"))
        expected = [row["label"] for row in part]
        for title, predictor in (("everything neutral", all_neutral), ("plain VADER", plain_vader),
                                 ("crisisbot score (detector + Dutch rules)", crisis_tier)):
            print(line(title, expected, predictor([], part)))
    training = parts["dev"] + parts["heldout"]
    header(f"Trained on the dev and heldout parts ({len(training)} posts), tested on the unseen part")
    expected = [row["label"] for row in parts["unseen"]]
    print(line("TF-IDF 1-2g + LogReg (balanced classes)", expected, tfidf_logreg(training, parts["unseen"])))
    print(line("trained tier (train-sentiment)", expected, trained_tier(training, parts["unseen"])))
    held_out = metrics(expected, crisis_tier([], parts["unseen"]))
    print(f"\ntargets on the unseen part: macro-F1 >= {TARGETS['macro_f1']} "
          f"({'met' if held_out['macro_f1'] >= TARGETS['macro_f1'] else 'MISSED'}: {held_out['macro_f1']:.3f}), "
          f"negative F1 >= {TARGETS['negative']} "
          f"({'met' if held_out['negative'] >= TARGETS['negative'] else 'MISSED'}: {held_out['negative']:.3f})")
    detect = LanguageDetector()
    found = Counter(detect(clean(row["text"])) for row in rows)
    print(f"language detector on all {len(rows)} Dutch posts: " + ", ".join(f"{code} {n}" for code, n in found.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
