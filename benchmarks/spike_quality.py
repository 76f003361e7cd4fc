"""Spike detection quality on the NAB tweet series: our warnings next to the published NAB detectors.

    python benchmarks/spike_quality.py [--set KEY=VALUE ...] [--md PATH] [--out DIR]

One run prints one table, scored by ../shared/tools/nab_eval.py: the detectors published with NAB
(at NAB's standard thresholds), ours with the default SpikeSettings on every dev series ("full
dev"), and ours leave-one-series-out ("LOSO"): for each series the settings are chosen from a
small grid around the defaults (`grid`) by the NAB score on the other series only, and that choice
is scored on the held-out series. LOSO is the figure to judge a change by: no series is scored
with settings tuned on it. Then per-series rows of both, and the settings each fold chose.

The detector runs exactly as live (one bucket at a time, from a fresh state); a warning is an
alert on the bucket that raised it (updates are not alerts). Settings that differ only in when to
warn share one baseline run (`run_each`), so the grid of 60 costs four runs per series. `--set` changes a default before
everything (e.g. `--set same_time_minutes=30` measures the previous default); `--md` also writes
the table as Markdown (docs/monitor.md carries it); `--out` keeps the default run's alert files.
"""

import argparse
import csv
import importlib.util
import itertools
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crisis.monitor.buckets import Bucket, read_series_csv
from crisis.monitor.spikes import WARNING_SETTINGS, SpikeSettings, run_each

SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "nab-tweets"
EVALUATOR = SHARED / "tools" / "nab_eval.py"


def grid(defaults: SpikeSettings) -> dict[str, tuple]:
    """The settings a LOSO fold may choose from, around the defaults: the detector's sensitivity, its calming of
    small counts, and whether the sustained score's noise is pooled wider than the spike's."""
    return {"spike_tail_factor": _around(defaults.spike_tail_factor, 0.2),
            "sustained_z": _around(defaults.sustained_z, 0.5, 2),
            "count_prior": tuple(sorted({2.0, defaults.count_prior})),
            "sustained_same_time_minutes": tuple(sorted({defaults.same_time_minutes,
                                                         defaults.sustained_same_time_minutes}))}


def _around(value: float, step: float, steps: int = 1) -> tuple[float, ...]:
    return tuple(round(value + k * step, 2) for k in range(-steps, steps + 1))


_series: dict[str, list[Bucket]] = {}  # loaded once per process


def load_evaluator():
    spec = importlib.util.spec_from_file_location("nab_eval", EVALUATOR)
    module = sys.modules["nab_eval"] = importlib.util.module_from_spec(spec)  # its dataclasses need the entry
    spec.loader.exec_module(module)
    return module


def load_series(data: Path) -> dict[str, list[Bucket]]:
    series = {}
    for path in sorted((data / "series").glob("Twitter_volume_*.csv")):
        with open(path, newline="") as f:
            series[path.stem.removeprefix("Twitter_volume_")] = read_series_csv(f)
    return series


def alerts(variants: list[SpikeSettings], buckets: list[Bucket]) -> list[list[int]]:
    """Per settings, 0/1 per bucket: whether it raised a volume warning (settings alike but for WARNING_SETTINGS)."""
    flags = []
    for signals in run_each(variants, buckets):
        raised = {s.bucket_start for s in signals if s.kind == "volume" and not s.is_update}
        flags.append([int(b.start in raised) for b in buckets])
    return flags


def _alerts_of(job: tuple[list[SpikeSettings], str]) -> list[list[int]]:
    variants, name = job
    return alerts(variants, _series[name])


def alike(settings: list[SpikeSettings]) -> list[list[int]]:
    """Positions of the settings in groups that read a series alike (they differ only in WARNING_SETTINGS)."""
    groups: dict[SpikeSettings, list[int]] = {}
    for at, one in enumerate(settings):
        reader = replace(one, **{key: getattr(SpikeSettings(), key) for key in WARNING_SETTINGS})
        groups.setdefault(reader, []).append(at)
    return list(groups.values())


def write_alerts(folder: Path, name: str, buckets: list[Bucket], flags: list[int]) -> None:
    with open(folder / f"{name}.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["timestamp", "alert"])
        out.writerows((b.start.strftime("%Y-%m-%d %H:%M:%S"), flag) for b, flag in zip(buckets, flags))


def parse_overrides(pairs: list[str]) -> dict[str, float | int]:
    defaults, overrides = SpikeSettings(), {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        if not hasattr(defaults, key):
            raise SystemExit(f"--set {pair}: no such setting (see crisis/monitor/spikes.py)")
        overrides[key] = type(getattr(defaults, key))(value)
    return overrides


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="change a default")
    parser.add_argument("--md", type=Path, help="also write the table as Markdown here")
    parser.add_argument("--out", type=Path, help="folder for the default run's alert files")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not (args.data / "series").is_dir() or not EVALUATOR.is_file():
        print(f"no NAB series in {args.data / 'series'} or no {EVALUATOR}: nothing to measure")
        return 0
    nab = load_evaluator()
    corpus = nab.load_corpus(str(args.data))
    _series.update(load_series(args.data))
    names = [s.name for s in corpus]
    defaults = SpikeSettings(**parse_overrides(args.set))
    choices_grid = grid(defaults)
    candidates = [replace(defaults, **dict(zip(choices_grid, values)))
                  for values in itertools.product(*choices_grid.values())]
    every = [defaults, *candidates]
    groups = alike(every)
    jobs = [([every[at] for at in group], name) for group in groups for name in names]
    print(f"running the detector: {len(every)} settings ({len(groups)} baselines) x {len(names)} series ...",
          file=sys.stderr)
    with ProcessPoolExecutor(args.jobs) as pool:
        ran = iter(pool.map(_alerts_of, jobs, chunksize=1))
    by_settings: list[dict[str, list[int]]] = [{} for _ in every]  # per settings of `every`: flags per series
    for group in groups:
        for name in names:
            for at, flags in zip(group, next(ran)):
                by_settings[at][name] = flags
    scored = [{s.name: nab.score_series(s, found[s.name]) for s in corpus} for found in by_settings]
    full, per_candidate = scored[0], scored[1:]

    def nab_score(per: dict, keep: list[str]) -> float:
        total = nab.Result()
        for name in keep:
            total.add(per[name])
        return 100.0 * (total.raw + total.windows) / (2 * total.windows)

    held_out, choices = {}, {}
    for name in names:
        others = [n for n in names if n != name]
        best = max(range(len(candidates)), key=lambda i: nab_score(per_candidate[i], others))
        held_out[name], choices[name] = per_candidate[best][name], candidates[best]

    rows = []
    published = args.data / "published"
    if published.is_dir():
        thresholds = json.loads((published / "thresholds.json").read_text())["thresholds"]
        for detector in sorted(d.name for d in published.iterdir() if d.is_dir() and d.name in thresholds):
            threshold = float(thresholds[detector]["standard"]["threshold"])
            found = {s.name: nab.load_alerts(str(published / detector), s, threshold) for s in corpus}
            rows.append(nab.row_for(f"{detector} (published)", f"{threshold:.4g}", nab.evaluate(corpus, found)))
    per_series = []
    for label, results in (("ours, full dev", full), ("ours, LOSO", held_out)):
        total = nab.Result()
        for name in names:
            total.add(results[name])
            per_series.append(nab.row_for(f"{label}: {name}", "alert", results[name]))
        rows.append(nab.row_for(label, "alert", total))
    print(nab.format_table(rows, md=False))
    print()
    print(nab.format_table(per_series, md=False))
    print("\nLOSO: settings each fold chose (on the other series)")
    for name in names:
        print(f"  {name}: " + ", ".join(f"{key}={getattr(choices[name], key)}" for key in choices_grid))
    if args.md:
        args.md.write_text(nab.format_table(rows, md=True) + "\n\n" + nab.format_table(per_series, md=True) + "\n")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in names:
            write_alerts(args.out, name, _series[name], by_settings[0][name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
