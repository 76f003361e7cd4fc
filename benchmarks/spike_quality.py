"""Spike detection quality on the NAB tweet series: our warnings next to the published NAB detectors.

    python benchmarks/spike_quality.py [--out DIR] [--per-series] [--loso]

Runs the detector (default SpikeSettings, exactly as live: one bucket at a time) over every
series in ../shared/data/nab-tweets/series, writes `<X>.csv` files (`timestamp,alert`, alert 1 on
the bucket that raises a warning; updates are not alerts) and prints the table of
../shared/tools/nab_eval.py with the published detectors. `--loso` also checks that the settings
generalise: for each series, the settings are chosen on the other ones from a small grid around
the defaults, and scored on the held-out one.
"""

import argparse
import csv
import importlib.util
import itertools
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crisis.monitor.buckets import Bucket, read_series_csv  # noqa: E402
from crisis.monitor.spikes import SpikeSettings, run  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "nab-tweets"
EVALUATOR = SHARED / "tools" / "nab_eval.py"
# --loso: the settings the fold may choose from, around the defaults
GRID = {"spike_tail_factor": (1.3, 1.5, 1.7), "sustained_z": (4.5, 5.0, 5.5), "count_prior": (2.0, 5.0)}


def load_series(data: Path) -> dict[str, list[Bucket]]:
    series = {}
    for path in sorted((data / "series").glob("Twitter_volume_*.csv")):
        with open(path, newline="") as f:
            series[path.stem.removeprefix("Twitter_volume_")] = read_series_csv(f)
    return series


def alerts(settings: SpikeSettings, buckets: list[Bucket]) -> list[int]:
    raised = {s.bucket_start for s in run(settings, buckets) if s.kind == "volume" and not s.is_update}
    return [int(b.start in raised) for b in buckets]


def write_alerts(folder: Path, name: str, buckets: list[Bucket], flags: list[int]) -> None:
    with open(folder / f"{name}.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["timestamp", "alert"])
        out.writerows((b.start.strftime("%Y-%m-%d %H:%M:%S"), flag) for b, flag in zip(buckets, flags))


def leave_one_series_out(data: Path, series: dict[str, list[Bucket]]) -> None:
    spec = importlib.util.spec_from_file_location("nab_eval", EVALUATOR)
    nab = sys.modules["nab_eval"] = importlib.util.module_from_spec(spec)  # its dataclasses need the entry
    spec.loader.exec_module(nab)
    corpus = {s.name: s for s in nab.load_corpus(str(data))}
    names = [n for n in series if n in corpus]
    candidates = [replace(SpikeSettings(), **dict(zip(GRID, values))) for values in itertools.product(*GRID.values())]
    results = []  # per candidate, per series: nab_eval's Result
    for number, settings in enumerate(candidates, 1):
        print(f"loso: settings {number}/{len(candidates)}", file=sys.stderr)
        results.append({n: nab.score_series(corpus[n], alerts(settings, series[n])) for n in names})

    def total(per: dict, keep: list[str]):
        result = nab.Result()
        for n in keep:
            result.add(per[n])
        return result

    def nab_score(result) -> float:
        return 100.0 * (result.raw + result.windows) / (2 * result.windows)

    held_out = nab.Result()
    print("\nleave-one-series-out (choose the highest NAB score on the other series, score the held-out one):")
    for name in names:
        best = max(range(len(candidates)), key=lambda i: nab_score(total(results[i], [n for n in names if n != name])))
        held_out.add(results[best][name])
        chosen = {key: getattr(candidates[best], key) for key in GRID}
        print(f"  {name}: chosen {chosen}: {results[best][name].detected}/{results[best][name].windows} windows, "
              f"{results[best][name].fa_rows} false warnings")
    print(nab.format_table([nab.row_for("ours, held out", "alert", held_out)], md=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, help="folder for the alert files (default: a temporary one)")
    parser.add_argument("--per-series", action="store_true", help="also print nab_eval's per-series table")
    parser.add_argument("--loso", action="store_true", help="also run the leave-one-series-out check")
    args = parser.parse_args(argv)
    if not (args.data / "series").is_dir():
        print(f"no NAB series in {args.data / 'series'}: nothing to measure")
        return 0
    series = load_series(args.data)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for name, buckets in series.items():
            write_alerts(folder, name, buckets, alerts(SpikeSettings(), buckets))
        command = [sys.executable, str(EVALUATOR), "--data", str(args.data), "--det", f"ours={folder}"]
        if (args.data / "published").is_dir():
            command += ["--published", str(args.data / "published")]
        if args.per_series:
            command.append("--per-series")
        subprocess.run(command, check=True)
    if args.loso:
        leave_one_series_out(args.data, series)
    return 0


if __name__ == "__main__":
    sys.exit(main())
