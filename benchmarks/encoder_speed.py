"""Encoder tier speed: fine-tuning examples per second, and scoring mentions per second against plain VADER and
the crisis tier on the same tweets in the same run.

The encoder is fine-tuned for one epoch on --train tweets of the airline dev file (speed does not depend on
how well it learned), then --texts other tweets (distinct, so no cache helps) are scored: wall-clock, the
best of --repeats runs, each with a new scorer. PyTorch uses every core it may; plain VADER and the crisis
tier use one (they are single-threaded). Also an int8 copy of the encoder's linear layers (PyTorch's dynamic
quantisation): its speed and how many labels it changes, to judge whether it is worth a second model kind.
Needs the encoder extra and ../shared/data/airline-tweets/dev.csv beside the repo (its licence keeps it out
of the repo). Run: .venv/bin/python benchmarks/encoder_speed.py [--train 640] [--texts 2000] [--repeats 3]
"""
from __future__ import annotations

import argparse
import copy
import csv
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crisis.monitor.sentiment import CrisisScorer, PlainVaderScorer, Scorer

DEFAULT_DATA = REPO.parent / "shared" / "data" / "airline-tweets" / "dev.csv"


def best_seconds(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--train", type=int, default=640)
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"encoder_speed: {args.data} is missing; nothing to measure (the data set is not in the repo).")
        return 0
    try:
        import torch

        from crisis.monitor.encoder_sentiment import EncoderModel, EncoderScorer, EncoderSettings, train_encoder
    except ImportError:
        print("encoder_speed: the encoder extra is not installed (pip install -e '.[encoder]'); nothing to measure.")
        return 0
    with args.data.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    training, texts = rows[: args.train], [r["text"] for r in rows[args.train : args.train + args.texts]]
    print(f"{os.cpu_count()} cores, PyTorch {torch.__version__} with {torch.get_num_threads()} threads, "
          f"load average {os.getloadavg()[0]:.1f}")

    started = time.perf_counter()
    model = train_encoder([r["text"] for r in training], [r["airline_sentiment"] for r in training],
                          settings=EncoderSettings(epochs=1)).model
    seconds = time.perf_counter() - started
    print(f"fine-tuning: {len(training)} examples, one epoch, in {seconds:.1f} s ({len(training) / seconds:.0f} "
          f"examples/s; about {7000 * 3 / (len(training) / seconds) / 60:.0f} min for 3 epochs of 7,000)")

    with warnings.catch_warnings():  # PyTorch 2.10+ says this API moves to torchao
        warnings.simplefilter("ignore")
        small = torch.ao.quantization.quantize_dynamic(copy.deepcopy(model.network), {torch.nn.Linear},
                                                       dtype=torch.qint8)
    quantized = EncoderModel(small, model.tokenizer, model.config, model.fallback)
    makers: dict[str, Callable[[], Scorer]] = {
        "plain VADER (one core)": PlainVaderScorer,
        "crisis tier (one core)": CrisisScorer,
        "encoder tier": lambda: EncoderScorer(model),
        "encoder tier, int8 linear layers": lambda: EncoderScorer(quantized),
    }
    print(f"\nscoring {len(texts):,} distinct tweets (score_many), best of {args.repeats}:")
    rates = {}
    for name, make in makers.items():
        rates[name] = len(texts) / best_seconds(lambda: make().score_many(texts), args.repeats)
    baseline = rates["plain VADER (one core)"]
    for name, rate in rates.items():
        print(f"  {name:<36}{rate:>10,.0f} mentions/s{baseline / rate:>8.1f}x plain VADER's time")
    full = [s.label for s in EncoderScorer(model).score_many(texts)]
    int8 = [s.label for s in EncoderScorer(quantized).score_many(texts)]
    changed = sum(a != b for a, b in zip(full, int8))
    print(f"\nint8 linear layers change {changed} of {len(texts):,} labels ({changed / len(texts):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
