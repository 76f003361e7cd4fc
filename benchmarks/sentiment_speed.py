"""Sentiment speed on one core: mentions per second of plain VADER and both tiers on the same texts.

The process is pinned to one CPU core (numeric libraries to one thread) and timed in CPU seconds
of this process, so other work on the machine does not count. Each scorer scores every tweet of
the airline dev file in batches (`score_many`, as the monitor and `crisisbot score` do) and one at
a time (`score`); the best of --repeats runs counts, and each tier's speed is given as a ratio to
plain VADER's from the same run. The trained tier is trained on the same file first
(its training time is printed too).
Needs ../shared/data/airline-tweets/dev.csv beside the repo (its licence keeps it out of the repo).
Run: .venv/bin/python benchmarks/sentiment_speed.py [--repeats 3] [--data PATH]
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse
import csv
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crisis.monitor.sentiment import CrisisScorer, PlainVaderScorer
from crisis.monitor.trained_sentiment import TrainedScorer, train

DEFAULT_DATA = REPO.parent / "shared" / "data" / "airline-tweets" / "dev.csv"
BATCH = 1_000
TARGET = 10_000


def best_rate(run, count: int, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return count / best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"sentiment_speed: {args.data} is missing; nothing to measure (the data set is not in the repo).")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with args.data.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    texts = [row["text"] for row in rows]

    started = time.process_time()
    trained = train(texts, [row["airline_sentiment"] for row in rows])
    print(f"{len(texts)} tweets, {sum(map(len, texts)) / len(texts):.0f} characters on average; "
          f"trained tier: trained on them in {time.process_time() - started:.1f} CPU s "
          f"({len(trained.model.terms)} terms); one core")

    scorers = {
        "plain VADER": PlainVaderScorer(),
        "crisis tier": CrisisScorer(),
        "trained tier": TrainedScorer(trained.model),
    }
    for scorer in scorers.values():
        scorer.score_many(texts[:BATCH])  # warm caches
    batches = [texts[start : start + BATCH] for start in range(0, len(texts), BATCH)]
    batched, single = {}, {}
    for name, scorer in scorers.items():
        batched[name] = best_rate(
            lambda scorer=scorer: [scorer.score_many(batch) for batch in batches], len(texts), args.repeats
        )
        single[name] = best_rate(
            lambda scorer=scorer: [scorer.score(text) for text in texts], len(texts), args.repeats
        )

    print(f"\n{'':<16}{'score_many /s':>15}{'x VADER':>9}{'score /s':>12}{'x VADER':>9}")
    for name in scorers:
        print(
            f"{name:<16}{batched[name]:>15,.0f}{batched[name] / batched['plain VADER']:>9.2f}"
            f"{single[name]:>12,.0f}{single[name] / single['plain VADER']:>9.2f}"
        )
    slow = [name for name in scorers if batched[name] < TARGET]
    print(f"\ntarget >= {TARGET:,}/s in batches: " + ("met by all" if not slow else f"missed by {', '.join(slow)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
