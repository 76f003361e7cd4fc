"""Mentions per second through parse + score + store + aggregate, next to plain VADER on the same texts.

Reads ../shared/data/airline-tweets/dev.csv (says so and exits when it is missing). Runs on a SQLite
file, and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (in a scratch schema
it drops afterwards). The issue's bar: the pipeline within 1.5x of VADER alone. Also times the
pipeline's scoring step alone (the crisis tier's score_many on the same batches, a new scorer so its
cache starts empty), which must be no slower than before issue 11.
Run: .venv/bin/python benchmarks/pipeline_speed.py [--mentions 20000] [--batch 1000]
"""
from __future__ import annotations

import argparse
import csv
import os
import secrets
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from crisis.monitor.buckets import tally
from crisis.monitor.mentions import parse_mention
from crisis.monitor.sentiment import CrisisScorer
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "airline-tweets" / "dev.csv"
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def texts(count: int) -> list[str]:
    with DATA.open(encoding="utf-8") as file:
        base = [row["text"] for row in csv.DictReader(file)]
    return [base[i % len(base)] for i in range(count)]


def vader_alone(items: list[str]) -> float:
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for item in items:
        analyzer.polarity_scores(item)
    return len(items) / (time.perf_counter() - start)


def scoring_alone(items: list[str], batch: int) -> float:
    scorer = CrisisScorer()
    start = time.perf_counter()
    for offset in range(0, len(items), batch):
        scorer.score_many(items[offset:offset + batch], [None] * len(items[offset:offset + batch]))
    return len(items) / (time.perf_counter() - start)


def pipeline(items: list[str], engine, batch: int) -> float:
    upgrade(engine)
    uow_factory, scorer = SqlUnitOfWorkFactory(engine), CrisisScorer()
    run = secrets.token_hex(4)
    start = time.perf_counter()
    for offset in range(0, len(items), batch):
        raws = [{"id": f"{run}-{offset + i}", "text": t, "author": f"@u{i % 700}",
                 "created_at": NOW - timedelta(seconds=offset + i)} for i, t in enumerate(items[offset:offset + batch])]
        mentions = [parse_mention(r, source="bench", feed="bench", term="brand", now=NOW) for r in raws]
        scores = scorer.score_many([m.text for m in mentions], [m.language for m in mentions])
        scored = [m.scored(s.compound, s.label) for m, s in zip(mentions, scores)]
        with uow_factory() as uow:
            stored = uow.mentions.add(scored)
            uow.mentions.add_to_buckets(tally(stored, 5), 5)
            uow.commit()
    return len(items) / (time.perf_counter() - start)


def postgres_engine(url: str):
    schema = f"bench_{secrets.token_hex(4)}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}")
    return engine, lambda: _drop(admin, engine, schema)


def _drop(admin, engine, schema: str) -> None:
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"benchmark skipped: {DATA} is not here (it lives in the project's shared data folder)")
        return
    items = texts(args.mentions)
    vader = vader_alone(items)
    print(f"{'plain VADER alone (polarity_scores)':<46} {vader:>9,.0f} mentions/s")
    scoring = scoring_alone(items, args.batch)
    print(f"{'the scoring step alone (crisis tier)':<46} {scoring:>9,.0f} mentions/s  ({vader / scoring:.2f}x VADER's time)")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        rate = pipeline(items, engine, args.batch)
        engine.dispose()
    print(f"{'parse+score+store+aggregate, SQLite':<46} {rate:>9,.0f} mentions/s  ({vader / rate:.2f}x VADER's time)")
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if url:
        engine, drop = postgres_engine(url)
        try:
            rate = pipeline(items, engine, args.batch)
        finally:
            drop()
        print(f"{'parse+score+store+aggregate, PostgreSQL':<46} {rate:>9,.0f} mentions/s  "
              f"({vader / rate:.2f}x VADER's time)")
    else:
        print("PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include it", file=sys.stderr)


if __name__ == "__main__":
    main()
