"""Sentiment speed: plain VADER against the tiers on one core, and against `crisisbot score` end to end.

Part 1, one core: the process is pinned to one CPU core (numeric libraries to one thread) and timed
in CPU seconds of this process, so other work on the machine does not count. Each scorer scores
every tweet of the airline dev file in batches (`score_many`, as the monitor and `crisisbot score`
do) and one at a time (`score`), each run with a new scorer (an empty cache); the best of
--repeats runs counts, as a ratio to plain VADER's from the same run. The trained tier is trained
on the same file first.

Part 2, a file end to end: a synthetic mention file of --rows rows is built in a temporary folder
(never kept) from the dev tweets, repeated and shuffled ("repeated": about 12 copies of each text,
as retweets and duplicates make a real export), and a second one in which every row is made
distinct by a number hashtag, which moves no score ("distinct": the cache cannot help). For each,
alternating runs, each a new process as a user runs it: a plain VADER script reading the same file
(csv.DictReader, then SentimentIntensityAnalyzer().polarity_scores on each text: the baseline),
then `crisisbot score` (start-up, reading, cleaning, scoring, writing) with all cores and with
--workers 1, whose outputs must be byte-identical. Wall-clock seconds count, the best of
--repeats; CPU seconds of all the processes are shown beside them. Other work on the machine
shares its cores with these runs: close it first (the load average is printed).

Part 3, the live pipeline's scoring step against a reference version: the monitor's poll scores
each batch of new mentions with the crisis tier (`CrisisScorer().score_many`, batches of 1,000,
languages unknown, one long-lived scorer). This code and a reference revision of the repo
(--reference, default `main`; exported with `git archive` into a temporary folder, the repo itself
untouched) each score the dev tweets, repeated to --rows rows, in a new process pinned to one core,
alternating; CPU seconds of the scoring alone (imports and the language model's first load not
counted: the live process pays them once) count, the best of --repeats.
Needs ../shared/data/airline-tweets/dev.csv beside the repo (its licence keeps it out of the repo).
Run: .venv/bin/python benchmarks/sentiment_speed.py [--repeats 3] [--rows 108000] [--data PATH]
     [--reference REV] [--skip-one-core] [--skip-file] [--skip-live]
"""
from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse
import csv
import filecmp
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from crisis.monitor.sentiment import CrisisScorer, FastVader, PlainVaderScorer, Scorer
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer, train

DEFAULT_DATA = REPO.parent / "shared" / "data" / "airline-tweets" / "dev.csv"
BATCH = 1_000
TARGET = 10_000
SEED = 11


def best_rate(run: Callable[[], object], count: int, repeats: int, clock=time.process_time) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = clock()
        run()
        best = min(best, clock() - started)
    return count / best


def one_core(texts: list[str], model: TrainedModel, repeats: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cores)})
    makers: dict[str, Callable[[], Scorer]] = {
        "plain VADER": PlainVaderScorer,
        "crisis tier": CrisisScorer,
        "trained tier": lambda: TrainedScorer(model),
    }
    batches = [texts[start : start + BATCH] for start in range(0, len(texts), BATCH)]
    batched, single = {}, {}
    for name, make in makers.items():
        make().score_many(texts[:BATCH])  # warm up the interpreter's caches, not the scorer's
        batched[name] = best_rate(
            lambda make=make: [scorer.score_many(batch) for scorer in [make()] for batch in batches],
            len(texts), repeats,
        )
        single[name] = best_rate(
            lambda make=make: [scorer.score(text) for scorer in [make()] for text in texts],
            len(texts), repeats,
        )
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cores)
    print("\nOne core, CPU time, a new scorer per run (nothing cached)")
    print(f"{'':<16}{'score_many /s':>15}{'x VADER':>9}{'score /s':>12}{'x VADER':>9}")
    for name in makers:
        print(
            f"{name:<16}{batched[name]:>15,.0f}{batched[name] / batched['plain VADER']:>9.2f}"
            f"{single[name]:>12,.0f}{single[name] / single['plain VADER']:>9.2f}"
        )
    slow = [name for name in makers if batched[name] < TARGET]
    print(f"target >= {TARGET:,}/s in batches: " + ("met by all" if not slow else f"missed by {', '.join(slow)}"))


def write_file(path: Path, rows: list[dict], count: int, distinct: bool) -> None:
    """`count` rows drawn from `rows` (shuffled, repeated)."""
    chosen = random.Random(SEED).choices(rows, k=count)
    fields = list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields)
        writer.writeheader()
        for number, row in enumerate(chosen):
            writer.writerow({**row, "text": f"{row['text']} #n{number}" if distinct else row["text"]})


PLAIN_VADER_SCRIPT = """
import csv, sys
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
with open(sys.argv[1], encoding="utf-8", newline="") as stream:
    for row in csv.DictReader(stream):
        analyzer.polarity_scores(row["text"])
"""


def timed(command: list[str]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of it and its child processes) of a command run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def plain_vader(source: Path) -> tuple[float, float]:
    return timed([sys.executable, "-c", PLAIN_VADER_SCRIPT, str(source)])


def crisisbot_score(source: Path, out: Path, workers: int | None) -> tuple[float, float]:
    command = [sys.executable, "-c", "import sys; from bot import main; sys.exit(main())",
               "score", str(source), "--out", str(out)]
    if workers is not None:
        command += ["--workers", str(workers)]
    return timed(command)


def start_up() -> tuple[float, float]:
    """`crisisbot --help`'s time: interpreter start and the command line's imports."""
    return timed([sys.executable, "-c", "import sys; from bot import main; sys.exit(main())", "--help"])


def end_to_end(rows: list[dict], count: int, repeats: int) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"\n`crisisbot score` end to end on a {count:,}-row file, {cores} cores, best of {repeats} alternating runs: "
          "wall-clock seconds (CPU seconds of all its processes)")
    print(f"  load average before: {os.getloadavg()[0]:.1f} (above {cores}: other work shares the cores "
          "and the wall-clock figures mean little)")
    wall, cpu = min(start_up() for _ in range(repeats))
    print(f"  start-up (crisisbot --help): {wall:.2f} s ({cpu:.2f} CPU s)")
    print(f"{'file':<10}{'VADER script':>16}{'score':>16}{'x VADER':>9}"
          f"{'score --workers 1':>20}{'x VADER':>9}  identical")
    with tempfile.TemporaryDirectory() as folder:
        for distinct in (False, True):
            source = Path(folder) / "mentions.csv"
            write_file(source, rows, count, distinct)
            best = {"vader": (float("inf"), 0.0), "all": (float("inf"), 0.0), "one": (float("inf"), 0.0)}
            for _ in range(repeats):
                best["vader"] = min(best["vader"], plain_vader(source))
                best["all"] = min(best["all"], crisisbot_score(source, Path(folder) / "all.csv", None))
                best["one"] = min(best["one"], crisisbot_score(source, Path(folder) / "one.csv", 1))
            same = filecmp.cmp(Path(folder) / "all.csv", Path(folder) / "one.csv", shallow=False)
            cell = {name: f"{wall:.2f} ({cpu:.1f})" for name, (wall, cpu) in best.items()}
            ratio = {name: best[name][0] / best["vader"][0] for name in best}
            print(f"{'distinct' if distinct else 'repeated':<10}{cell['vader']:>16}{cell['all']:>16}"
                  f"{ratio['all']:>9.2f}{cell['one']:>20}{ratio['one']:>9.2f}  {'yes' if same else 'NO'}")
    print("x VADER: crisisbot's wall-clock time / the plain VADER script's (at most 1: the target is met); "
          "the script reads the same file with csv and calls SentimentIntensityAnalyzer().polarity_scores on each text")


LIVE_SCORING_SCRIPT = """
import csv, os, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from crisis.monitor.sentiment import CrisisScorer
with open(sys.argv[1], encoding="utf-8", newline="") as stream:
    texts = [row["text"] for row in csv.DictReader(stream)]
CrisisScorer().score_many(["Ceci n'est pas un tweet anglais, merci beaucoup."])  # the language model, loaded once
scorer = CrisisScorer()
started = time.process_time()
for start in range(0, len(texts), 1000):
    batch = texts[start:start + 1000]
    scorer.score_many(batch)
print(time.process_time() - started)
"""


def live_scoring_seconds(source: Path, code: Path) -> float:
    """CPU seconds of the scoring step on `source` with the `crisis` package of the repo at `code`."""
    done = subprocess.run([sys.executable, "-c", LIVE_SCORING_SCRIPT, str(source)], cwd=code, check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(code)})
    return float(done.stdout.split()[-1])


def live_scoring(rows: list[dict], count: int, repeats: int, reference: str) -> None:
    print(f"\nThe live pipeline's scoring step (crisis tier, batches of 1,000, one core, CPU s) on {count:,} rows: "
          f"this code against {reference}, best of {repeats} alternating runs")
    with tempfile.TemporaryDirectory() as folder:
        exported = Path(folder) / "reference"
        exported.mkdir()
        archive = subprocess.run(["git", "archive", reference], cwd=REPO, capture_output=True)
        if archive.returncode != 0:
            print(f"  skipped: git cannot export {reference!r} ({archive.stderr.decode(errors='replace').strip()})")
            return
        subprocess.run(["tar", "-x", "-C", str(exported)], input=archive.stdout, check=True)
        source = Path(folder) / "mentions.csv"
        write_file(source, rows, count, distinct=True)
        best = {"this": float("inf"), "reference": float("inf")}
        for _ in range(repeats):
            best["reference"] = min(best["reference"], live_scoring_seconds(source, exported))
            best["this"] = min(best["this"], live_scoring_seconds(source, REPO))
    print(f"  {reference}: {best['reference']:.2f} s ({count / best['reference']:,.0f}/s)   "
          f"this code: {best['this']:.2f} s ({count / best['this']:,.0f}/s)   "
          f"this / {reference}: {best['this'] / best['reference']:.2f} (at most 1: no slower)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", type=int, default=108_000)
    parser.add_argument("--skip-one-core", action="store_true", help="leave out the tiers on one core")
    parser.add_argument("--skip-file", action="store_true", help="leave out `crisisbot score` end to end")
    parser.add_argument("--skip-live", action="store_true", help="leave out the live scoring step against --reference")
    parser.add_argument("--reference", default="main", help="git revision to compare the live scoring step with")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"sentiment_speed: {args.data} is missing; nothing to measure (the data set is not in the repo).")
        return 0
    with args.data.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    texts = [row["text"] for row in rows]
    print(f"{len(texts)} tweets, {sum(map(len, texts)) / len(texts):.0f} characters on average")
    if not args.skip_one_core:
        started = time.process_time()
        trained = train(texts, [row["airline_sentiment"] for row in rows])
        print(f"trained tier: trained on them in {time.process_time() - started:.1f} CPU s "
              f"({len(trained.model.terms)} terms)")
    same = all(FastVader().polarity_scores(text) == vader.polarity_scores(text)
               for vader in [SentimentIntensityAnalyzer()] for text in texts)
    print(f"FastVader gives VADER's scores on every dev tweet: {'yes' if same else 'NO'}")
    if not args.skip_one_core:
        one_core(texts, trained.model, args.repeats)
    if not args.skip_file:
        end_to_end(rows, args.rows, args.repeats)
    if not args.skip_live:
        live_scoring(rows, args.rows, args.repeats, args.reference)
    return 0


if __name__ == "__main__":
    sys.exit(main())
