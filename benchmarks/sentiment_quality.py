"""Sentiment quality on the airline dev tweets against their human labels, for every tier.

Prints accuracy, macro-F1 and F1 per class for plain VADER and the crisis tier on the whole file
(also told the airlines' names, as a plan's brand terms would), then leave-one-airline-out (train on three airlines, test on the fourth, average of the four folds)
for plain VADER, the crisis tier, TF-IDF (word 1-2 grams) + logistic regression baselines (only
when scikit-learn is installed: `.venv/bin/pip install scikit-learn`) and the trained tier, and
each held-out airline of every tier (for the untrained tiers the same as scoring that airline alone:
nothing of the other airlines is used), then plain VADER, the crisis tier and the trained tier side by
side per held-out airline (macro-F1 / negative F1, now and when issue 11's sentiment round started),
then the figures before issue 11 and its targets.
A prediction of "unscored" counts as wrong.
With --encoder, also the encoder tier (`train-sentiment --encoder`, needs the encoder extra) leave one airline
out, and its scoring speed against plain VADER's on the same held-out tweets: about 40 minutes on 2 cores.
Needs ../shared/data/airline-tweets/dev.csv beside the repo (its licence keeps it out of the repo).
Run: .venv/bin/python benchmarks/sentiment_quality.py [--data PATH] [--encoder]
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crisis.monitor.sentiment import LABELS, CrisisScorer, PlainVaderScorer, Scorer
from crisis.monitor.trained_sentiment import TrainedScorer, train

DEFAULT_DATA = REPO.parent / "shared" / "data" / "airline-tweets" / "dev.csv"
BRAND_TERMS = ("United Airlines", "Southwest Airlines", "Delta", "Virgin America", "JetBlue")
Predictor = Callable[[list[dict], list[dict]], list[str]]
# (macro-F1, negative F1) leave one airline out before issue 11, and issue 11's targets.
BEFORE = {"plain VADER": (0.491, 0.577), "crisis tier": (0.684, 0.794), "trained tier": (0.757, 0.844)}
TARGETS = {"crisis tier": (0.70, 0.85), "trained tier": (0.78, 0.91)}
EVERY_AIRLINE_NEGATIVE_F1 = 0.80  # the crisis tier's target on each airline
# (macro-F1, negative F1) per held-out airline when issue 11's sentiment round started (this script,
# same data), to compare with the figures now.
ROUND_START = {
    "plain VADER": {"Delta": (0.568, 0.625), "Southwest": (0.550, 0.630), "United": (0.243, 0.411),
                    "Virgin America": (0.603, 0.641)},
    "crisis tier": {"Delta": (0.693, 0.786), "Southwest": (0.707, 0.822), "United": (0.680, 0.860),
                    "Virgin America": (0.698, 0.775)},
    "trained tier": {"Delta": (0.761, 0.827), "Southwest": (0.789, 0.860), "United": (0.722, 0.877),
                     "Virgin America": (0.750, 0.803)},
}


def metrics(expected: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, F1 per label and macro-F1 (mean over the three labels)."""
    result = {"accuracy": sum(e == p for e, p in zip(expected, predicted)) / len(expected)}
    for label in LABELS:
        true_positive = sum(1 for e, p in zip(expected, predicted) if e == p == label)
        wrong = sum(1 for e, p in zip(expected, predicted) if (e == label) != (p == label))
        result[label] = 2 * true_positive / (2 * true_positive + wrong) if true_positive else 0.0
    result["macro_f1"] = sum(result[label] for label in LABELS) / len(LABELS)
    return result


def average(results: list[dict[str, float]]) -> dict[str, float]:
    return {key: sum(result[key] for result in results) / len(results) for key in results[0]}


def row(name: str, result: dict[str, float], note: str = "") -> str:
    cells = [result["accuracy"], result["macro_f1"]] + [result[label] for label in LABELS]
    return f"{name:<44}" + "".join(f"{cell:>10.3f}" for cell in cells) + (f"  {note}" if note else "")


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'':<44}{'accuracy':>10}{'macro-F1':>10}" + "".join(f"{'F1 ' + label[:3]:>10}" for label in LABELS))


def side_by_side(per_fold: dict[str, dict[str, dict]]) -> None:
    """Macro-F1 / negative F1 per held-out airline for each tier, now and when the round started."""
    tiers = [name for name in ROUND_START if name in per_fold]
    print("\nLeave one airline out, per held-out airline: macro-F1 / negative F1 now (at the round's start)")
    print(f"{'held-out airline':<18}" + "".join(f"{name:>32}" for name in tiers))
    airlines = list(per_fold[tiers[0]])
    for airline in airlines + ["mean"]:
        cells = []
        for name in tiers:
            folds = per_fold[name]
            if airline == "mean":
                now = average(list(folds.values()))
                start = [sum(pair[k] for pair in ROUND_START[name].values()) / len(ROUND_START[name]) for k in (0, 1)]
            else:
                now, start = folds[airline], ROUND_START[name].get(airline, (float("nan"),) * 2)
            cells.append(f"{now['macro_f1']:.3f} / {now['negative']:.3f} ({start[0]:.3f} / {start[1]:.3f})")
        print(f"{airline:<18}" + "".join(f"{cell:>32}" for cell in cells))


def rule_predictor(make_scorer: Callable[[], Scorer]) -> Predictor:
    """A new scorer for each call (its cache empty)."""
    return lambda train_rows, test_rows: [s.label for s in make_scorer().score_many([r["text"] for r in test_rows])]


def trained_predictor(train_rows: list[dict], test_rows: list[dict]) -> list[str]:
    result = train([r["text"] for r in train_rows], [r["label"] for r in train_rows])
    return [s.label for s in TrainedScorer(result.model).score_many([r["text"] for r in test_rows])]


class EncoderPredictor:
    """The encoder tier fine-tuned on the training airlines; keeps its and plain VADER's scoring seconds."""

    def __init__(self) -> None:
        self.scored = 0
        self.encoder_seconds = 0.0
        self.vader_seconds = 0.0

    def __call__(self, train_rows: list[dict], test_rows: list[dict]) -> list[str]:
        from crisis.monitor.encoder_sentiment import EncoderScorer, train_encoder

        result = train_encoder([r["text"] for r in train_rows], [r["label"] for r in train_rows])
        texts = [r["text"] for r in test_rows]
        started = time.perf_counter()
        PlainVaderScorer().score_many(texts)
        self.vader_seconds += time.perf_counter() - started
        started = time.perf_counter()
        labels = [s.label for s in EncoderScorer(result.model).score_many(texts)]
        self.encoder_seconds += time.perf_counter() - started
        self.scored += len(texts)
        return labels


def sklearn_predictor(class_weight: str | None) -> Predictor | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None

    def predict(train_rows: list[dict], test_rows: list[dict]) -> list[str]:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
        model = LogisticRegression(max_iter=2000, class_weight=class_weight)
        model.fit(vectorizer.fit_transform([r["text"] for r in train_rows]), [r["label"] for r in train_rows])
        return list(model.predict(vectorizer.transform([r["text"] for r in test_rows])))

    return predict


def leave_one_airline_out(rows: list[dict], predictor: Predictor) -> tuple[dict, dict[str, dict], float]:
    """Average metrics over folds, metrics per held-out airline, and the seconds it took."""
    started = time.perf_counter()
    folds = {}
    for airline in sorted({r["airline"] for r in rows}):
        train_rows = [r for r in rows if r["airline"] != airline]
        test_rows = [r for r in rows if r["airline"] == airline]
        folds[airline] = metrics([r["label"] for r in test_rows], predictor(train_rows, test_rows))
    return average(list(folds.values())), folds, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--encoder", action="store_true", help="also the encoder tier (about 40 minutes)")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"sentiment_quality: {args.data} is missing; nothing to measure (the data set is not in the repo).")
        return 0
    with args.data.open(encoding="utf-8", newline="") as stream:
        rows = [
            {"airline": r["airline"], "text": r["text"], "label": r["airline_sentiment"]}
            for r in csv.DictReader(stream)
        ]
    expected = [r["label"] for r in rows]
    print(f"{len(rows)} labelled tweets from {args.data}; " + ", ".join(
        f"{label} {expected.count(label)}" for label in LABELS))

    plain, crisis = rule_predictor(PlainVaderScorer), rule_predictor(CrisisScorer)
    header("Whole file (no training)")
    print(row("plain VADER (+-0.05)", metrics(expected, plain([], rows))))
    print(row("crisis tier (VADER + complaint rules)", metrics(expected, crisis([], rows))))
    with_brands = rule_predictor(lambda: CrisisScorer(brand_terms=BRAND_TERMS))
    print(row("crisis tier, told the brand names", metrics(expected, with_brands([], rows))))

    candidates = [("plain VADER", plain), ("crisis tier", crisis)]
    baselines = [
        ("TF-IDF 1-2g + LogReg (sklearn defaults)", sklearn_predictor(None)),
        ("TF-IDF 1-2g + LogReg (balanced classes)", sklearn_predictor("balanced")),
    ]
    candidates += [(name, predictor) for name, predictor in baselines if predictor is not None]
    candidates.append(("trained tier", trained_predictor))
    encoder = EncoderPredictor() if args.encoder else None
    if encoder:
        candidates.append(("encoder tier", encoder))
    header("Leave one airline out (mean of the 4 held-out airlines)")
    per_fold, means = {}, {}
    for name, predictor in candidates:
        means[name], folds, seconds = leave_one_airline_out(rows, predictor)
        per_fold[name] = folds
        print(row(name, means[name], f"{seconds:.1f}s"))
    if all(predictor is None for _, predictor in baselines):
        print("(TF-IDF + LogReg baselines skipped: scikit-learn is not installed)")
    for name, folds in per_fold.items():
        header(f"{name}: per held-out airline")
        for airline, result in folds.items():
            print(row(f"  {airline}", result))
    side_by_side(per_fold)
    print("\nLeave one airline out: now, before issue 11, target (macro-F1 / negative F1)")
    for name, (macro, negative) in BEFORE.items():
        target = TARGETS.get(name)
        wanted = f"{target[0]:.2f} / {target[1]:.2f}" if target else "-"
        print(f"  {name:<14} now {means[name]['macro_f1']:.3f} / {means[name]['negative']:.3f}"
              f"   before {macro:.3f} / {negative:.3f}   target {wanted}")
    if encoder:
        macro, negative = TARGETS["trained tier"]
        print(f"  {'encoder tier':<14} now {means['encoder tier']['macro_f1']:.3f} / "
              f"{means['encoder tier']['negative']:.3f}   target {macro:.2f} / {negative:.2f} (the trained tier's)")
        print(f"  encoder tier scores {encoder.scored / encoder.encoder_seconds:,.0f} held-out tweets/s, plain VADER "
              f"{encoder.scored / encoder.vader_seconds:,.0f}/s on the same tweets "
              f"({encoder.encoder_seconds / encoder.vader_seconds:.0f}x its time)")
    lowest = min(per_fold["crisis tier"].items(), key=lambda item: item[1]["negative"])
    print(f"  crisis tier's lowest negative F1 on one airline: {lowest[1]['negative']:.3f} ({lowest[0]}); "
          f"target >= {EVERY_AIRLINE_NEGATIVE_F1:.2f} on every airline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
