"""`crisisbot`'s arguments: the commands, their options and help, and the one-line error on failure."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from cli.commands import (
    cmd_backtest,
    cmd_db_upgrade,
    cmd_demo,
    cmd_export_labels,
    cmd_report,
    cmd_run,
    cmd_schedule_import,
    cmd_score,
    cmd_serve,
    cmd_serve_teams,
    cmd_train_sentiment,
)
from wiring import logs
from wiring.settings import Settings
from wiring.tasks import failures


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="crisisbot", description="Run a social-media crisis from Slack.")
    sub = top.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="connect to Slack in Socket Mode (needs SLACK_APP_TOKEN)")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="serve Slack's HTTP requests at /slack/events")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--tick-seconds", type=float, default=None,
                       help="how often the timers and the monitor look for due work (default 5 s and 30 s)")
    serve.add_argument("--clock-file", type=Path, help=argparse.SUPPRESS)  # tests only: cli/clock_file.py
    serve.set_defaults(func=cmd_serve)
    teams = sub.add_parser("serve-teams", help="serve Microsoft Teams at /api/messages (docs/teams.md)")
    teams.add_argument("--port", type=int, default=3978)
    teams.add_argument("--host", default="0.0.0.0")
    teams.add_argument("--tick-seconds", type=float, default=None, help="how often the timers look for due work")
    teams.add_argument("--clock-file", type=Path, help=argparse.SUPPRESS)
    teams.set_defaults(func=cmd_serve_teams)
    for command in (run, serve, teams):
        command.add_argument("--no-migrate", action="store_true", help="do not upgrade the database schema at start")
    demo = sub.add_parser("demo", help="play a scripted crisis against a local Slack sandbox (and local fakes of "
                          "Mastodon and Bluesky)")
    demo.add_argument("--story", choices=["crisis", "prevention"], default="crisis",
                      help="crisis: a spike warning becomes a crisis (default); prevention: the account register, "
                      "a departure, an access review, an account-leak playbook and the App Home")
    demo.add_argument("--mentions", type=Path,
                      help="the crisis story: replay this CSV/JSONL mention file instead of the shipped one")
    demo.add_argument("--platform", choices=["slack", "teams"], default="slack",
                      help="the crisis story in Slack (default) or in Microsoft Teams (the local Teams sandbox)")
    demo.add_argument("--lang", default="en", help="the team's language, en or nl: its plan, its people's words and "
                      "its clock (nl: Europe/Amsterdam)")
    demo.set_defaults(func=cmd_demo)
    score = sub.add_parser("score", help="add sentiment to a CSV/JSONL mention file")
    score.add_argument("input", type=Path)
    score.add_argument("--out", type=Path, required=True)
    score.add_argument("--model", type=Path, help="a model from train-sentiment (default: the built-in scorer)")
    score.add_argument("--text-column", default="text")
    score.add_argument("--workers", type=int, default=None,
                       help="processes that score at once (default: one per CPU core)")
    score.set_defaults(func=cmd_score)
    train = sub.add_parser("train-sentiment", help="train the team's scorer on labelled mentions")
    train.add_argument("labelled", type=Path)
    train.add_argument("--label-column", required=True)
    train.add_argument("--text-column", default="text")
    train.add_argument("--out", type=Path, required=True, help="the model file (with --encoder: a folder)")
    train.add_argument("--encoder", action="store_true",
                       help="fine-tune the encoder tier (more accurate on English, slower; needs the encoder extra: "
                       "pip install 'crisisbot[encoder]')")
    train.add_argument("--epochs", type=_positive, default=None,
                       help="--encoder only: passes over the examples (default 3; more for a few hundred examples)")
    train.set_defaults(func=cmd_train_sentiment)
    test = sub.add_parser("backtest", help="the warnings the monitor would have raised on a series or mention file")
    test.add_argument("series", type=Path, help="timestamp,value CSV (NAB shape) or a CSV/JSONL mention file")
    test.add_argument("--out", type=Path, required=True)
    test.add_argument("--plan", type=Path, help="use this plan's monitor settings (default: built-in defaults)")
    test.add_argument("--bucket-minutes", type=_bucket_minutes, default=5,
                      help="the buckets' length without --plan; it divides a day (default 5)")
    test.add_argument("--explain", type=Path, help="mention files only: also write what drove each warning (rising "
                      "terms, hashtags and links, platforms and sources with their negative share, most shared posts) "
                      "to this file, one JSON object per line")
    test.set_defaults(func=cmd_backtest)
    export = sub.add_parser("export-labels", help="mentions the team labelled in Slack, as training data")
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(func=cmd_export_labels)
    report = sub.add_parser("report", help="export a crisis's debrief report")
    report.add_argument("crisis", help="the crisis number or its channel name")
    report.add_argument("--format", choices=["md", "html"], default="html")
    report.add_argument("--out", type=Path, required=True)
    report.set_defaults(func=cmd_report)
    calendar = sub.add_parser("schedule-import", help="queue a content calendar (CSV: target, date, time, text)")
    calendar.add_argument("calendar", type=Path)
    calendar.set_defaults(func=cmd_schedule_import)
    database = sub.add_parser("db", help="database tasks")
    db_sub = database.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to the newest version").set_defaults(func=cmd_db_upgrade)
    return top


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return number


def _bucket_minutes(value: str) -> int:
    minutes = _positive(value)
    if (24 * 60) % minutes:
        raise argparse.ArgumentTypeError(f"{minutes} minutes do not divide a day evenly; use 1, 5, 10, 15, 30 or 60")
    return minutes


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        logs.configure(Settings().log_level, Settings().log_format)
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per tick every 5 s drowns the rest
        return args.func(args)
    except Exception as error:
        if not isinstance(error, failures()):
            raise
        print(f"crisisbot: {error}", file=sys.stderr)
        return 2
