"""The one-shot commands wired: database upgrade, scoring, training, backtests, label and report exports.

Each command imports what it needs when it runs: `crisisbot score` starts without Slack, SQLAlchemy,
the scheduler or the report renderer.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from crisis.debrief.export import ExportedReport
    from crisis.monitor.backtest import BacktestWarning
    from crisis.schedules.queue import Imported
    from sources.analyst_files import ScoredFile, TrainingSummary
    from wiring.settings import Settings

Progress = Callable[..., None]


def failures() -> tuple[type[BaseException], ...]:
    """What a command reports as one line (and exit status 2) instead of a traceback."""
    from config.plan_file import PlanFileError
    from db.session import DatabaseUnavailable
    from sources.mention_files import BadMentionFile
    from wiring.settings import StartupError

    return (StartupError, DatabaseUnavailable, PlanFileError, BadMentionFile, OSError)


def upgrade_database(settings: Settings) -> str:
    """Bring the schema to the newest version; the database's URL without its password."""
    from wiring.root import open_database

    return open_database(settings.database_url, migrate=True).url.render_as_string(hide_password=True)


def score(input_path: Path, out: Path, model: Path | None, progress: Progress, text_column: str,
          workers: int | None = None) -> ScoredFile:
    """Score a mention file into `out` in `workers` processes (default: one per CPU core this process may use)."""
    from crisis.monitor.sentiment import CrisisScorer
    from sources.analyst_files import score_file

    if model:
        from wiring.root import load_model

        scorer = load_model(model)
    else:
        scorer = CrisisScorer()
    if getattr(scorer, "scores_on_all_cores", False):
        workers = 1  # the encoder tier's PyTorch already uses every core
    return score_file(input_path, out, scorer, progress=progress, text_column=text_column,
                      workers=workers or usable_cores())


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def train(labelled: Path, label_column: str, out: Path, text_column: str, encoder: bool = False,
          progress: Progress | None = None, epochs: int | None = None) -> TrainingSummary:
    from sources.analyst_files import train_file

    return train_file(labelled, label_column, out_path=out, text_column=text_column, encoder=encoder,
                      progress=progress, epochs=epochs)


def backtest(series_path: Path, out: Path, plan_path: Path | None, bucket_minutes: int,
             progress: Progress, explain: Path | None = None) -> tuple[int, list[BacktestWarning]]:
    """Run the detector on a `timestamp,value` series or a mention file and write its warnings to `out`;
    (number of buckets, warnings). The plan's monitor settings (and scorer) when given, else the defaults.
    With `explain` (mention files only), each warning's drivers go there as JSON lines."""
    from config.plan_file import load_plan
    from crisis.monitor import backtest as backtests
    from crisis.monitor.explain import drivers_record, explained_backtest
    from crisis.monitor.sentiment import CrisisScorer
    from crisis.monitor.services import spike_settings
    from crisis.monitor.spikes import SpikeSettings
    from sources.analyst_files import write_warnings
    from sources.mention_files import read_series, read_timed_mentions
    from wiring.root import load_scorer
    from wiring.settings import StartupError

    plan = load_plan(plan_path) if plan_path else None
    settings = spike_settings(plan) if plan else SpikeSettings(bucket_minutes=bucket_minutes)
    series = read_series(series_path)
    if series is not None and explain:
        raise StartupError(f"{series_path}: --explain needs a mention file (a count series has no texts)")
    if series is None and explain:
        term = plan.monitor.terms[0] if plan and plan.monitor.terms else ""
        series, explained = explained_backtest(read_timed_mentions(series_path), load_scorer(plan) if plan else
                                               CrisisScorer(), settings, term, series_path.stem, progress)
        with open(explain, "w", encoding="utf-8") as lines:
            lines.writelines(json.dumps(drivers_record(*pair), ensure_ascii=False) + "\n" for pair in explained)
        found = [warning for warning, _ in explained]
    elif series is None:
        scorer = load_scorer(plan) if plan else CrisisScorer()
        series = backtests.mention_series(read_timed_mentions(series_path), scorer, settings.bucket_minutes)
        found = backtests.run(settings, series, progress=progress)
    else:
        found = backtests.run(settings, series, progress=progress)
    write_warnings(out, found)
    return len(series), found


def export_labels(settings: Settings, out: Path) -> int:
    """The mentions the team labelled in Slack, written to `out` as training data; how many."""
    from db.uow import SqlUnitOfWorkFactory
    from sources.analyst_files import write_labels
    from wiring.root import open_database

    with SqlUnitOfWorkFactory(open_database(settings.database_url))() as uow:
        labelled = uow.labels.export()
    write_labels(out, labelled)
    return len(labelled)


def export_report_file(settings: Settings, crisis: str, markdown: bool, out: Path) -> ExportedReport:
    """Write the debrief report of `crisis` (number or channel name) to `out` as Markdown or HTML."""
    from crisis.clock import SystemClock
    from crisis.debrief.export import export_report
    from crisis.ports import Ports
    from db.uow import SqlUnitOfWorkFactory
    from reports.report import render_report
    from wiring.root import load_plan_file, open_database, speak_plan
    from wiring.settings import StartupError

    uow = SqlUnitOfWorkFactory(open_database(settings.database_url))

    def ports() -> Ports:  # only when the report has to be built: a stored one needs no plan
        plan = load_plan_file(settings)
        speak_plan(plan)
        return Ports(plan=plan, uow=uow, chat=None, clock=SystemClock())

    report = export_report(crisis, uow=uow, render=render_report, ports=ports)
    if report is None:
        raise StartupError(f"no crisis '{crisis}' in this database (give its number or channel name)")
    out.write_text(report.markdown if markdown else report.html, encoding="utf-8")
    return report


CALENDAR_COLUMNS = ("target", "date", "time", "text")


def import_calendar(settings: Settings, path: Path) -> Imported:
    """`crisisbot schedule-import calendar.csv`: a content calendar (columns target, date, time, text; times on the
    team's clock) into crisisbot's own queue, each row once (importing the same file again adds only new rows)."""
    import csv

    from crisis.clock import SystemClock
    from crisis.ports import Ports
    from crisis.schedules.queue import import_calendar as queue_calendar
    from db.uow import SqlUnitOfWorkFactory
    from handlers.slack_client import make_web_client
    from publishers.registry import build_publishers
    from wiring.root import load_plan_file, open_database, speak_plan
    from wiring.settings import StartupError, from_plan

    plan = load_plan_file(settings)
    speak_plan(plan)
    client = make_web_client(settings.environ.get("SLACK_BOT_TOKEN", ""), settings.slack_api_url)  # never called
    publishers = from_plan(build_publishers, plan, client, settings.environ)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            missing = [c for c in CALENDAR_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise StartupError(f"{path}: the calendar needs the columns {', '.join(CALENDAR_COLUMNS)} "
                                   f"(missing: {', '.join(missing)})")
            rows = list(reader)
    except UnicodeDecodeError as error:
        raise StartupError(f"{path}: byte {error.start + 1} is not UTF-8; save the calendar as CSV UTF-8") from None
    except csv.Error as error:
        raise StartupError(f"{path}: not a CSV file ({error})") from None
    ports = Ports(plan=plan, uow=SqlUnitOfWorkFactory(open_database(settings.database_url)), chat=None,
                  clock=SystemClock(), publishers=publishers)
    return queue_calendar(rows, user=f"import:{path.name}", ports=ports)
