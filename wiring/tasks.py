"""The one-shot commands wired: database upgrade, scoring, training, backtests, label and report exports."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from config.plan_file import PlanFileError, load_plan
from crisis.debrief.export import ExportedReport, export_report
from crisis.monitor import backtest as backtests
from crisis.monitor.backtest import BacktestWarning
from crisis.monitor.sentiment import CrisisScorer
from crisis.monitor.services import spike_settings
from crisis.monitor.spikes import SpikeSettings
from crisis.ports import Ports
from db.session import DatabaseUnavailable
from db.uow import SqlUnitOfWorkFactory
from reports.report import render_report
from sources.analyst_files import TrainingSummary, score_file, train_file, write_labels, write_warnings
from sources.mention_files import BadMentionFile, read_mentions, read_series
from wiring.root import SystemClock, load_model, load_plan_file, load_scorer, open_database
from wiring.settings import Settings, StartupError

FAILURES = (StartupError, DatabaseUnavailable, PlanFileError, BadMentionFile, OSError)
"""What a command reports as one line (and exit status 2) instead of a traceback."""
Progress = Callable[..., None]


def upgrade_database(settings: Settings) -> str:
    """Bring the schema to the newest version; the database's URL without its password."""
    return open_database(settings.database_url, migrate=True).url.render_as_string(hide_password=True)


def score(input_path: Path, out: Path, model: Path | None, progress: Progress, text_column: str,
          workers: int | None = None) -> int:
    """Score a mention file into `out` in `workers` processes (default: one per CPU core this process may use)."""
    scorer = load_model(model) if model else CrisisScorer()
    return score_file(input_path, out, scorer, progress=progress, text_column=text_column,
                      workers=workers or usable_cores())


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def train(labelled: Path, label_column: str, out: Path, text_column: str) -> TrainingSummary:
    return train_file(labelled, label_column, out_path=out, text_column=text_column)


def backtest(series_path: Path, out: Path, plan_path: Path | None, bucket_minutes: int,
             progress: Progress) -> tuple[int, list[BacktestWarning]]:
    """Run the detector on a `timestamp,value` series or a mention file and write its warnings to `out`;
    (number of buckets, warnings). The plan's monitor settings (and scorer) when given, else the defaults."""
    plan = load_plan(plan_path) if plan_path else None
    settings = spike_settings(plan) if plan else SpikeSettings(bucket_minutes=bucket_minutes)
    series = read_series(series_path)
    if series is None:
        scorer = load_scorer(plan) if plan else CrisisScorer()
        series = backtests.mention_series(read_mentions(series_path), scorer, settings.bucket_minutes)
    found = backtests.run(settings, series, progress=progress)
    write_warnings(out, found)
    return len(series), found


def export_labels(settings: Settings, out: Path) -> int:
    """The mentions the team labelled in Slack, written to `out` as training data; how many."""
    with SqlUnitOfWorkFactory(open_database(settings.database_url))() as uow:
        labelled = uow.labels.export()
    write_labels(out, labelled)
    return len(labelled)


def export_report_file(settings: Settings, crisis: str, markdown: bool, out: Path) -> ExportedReport:
    """Write the debrief report of `crisis` (number or channel name) to `out` as Markdown or HTML."""
    uow = SqlUnitOfWorkFactory(open_database(settings.database_url))
    report = export_report(crisis, uow=uow, render=render_report,
                           ports=lambda: Ports(plan=load_plan_file(settings), uow=uow, chat=None, clock=SystemClock()))
    if report is None:
        raise StartupError(f"no crisis '{crisis}' in this database (give its number or channel name)")
    out.write_text(report.markdown if markdown else report.html, encoding="utf-8")
    return report
