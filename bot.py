"""crisisbot's composition root and command line: config from env -> database, Slack app, scheduler."""
from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_sdk import WebClient

from config.plan_file import PlanFileError, load_plan
from crisis.debrief import services as debrief_services
from crisis.monitor import services as monitoring
from crisis.errors import PlanError
from crisis.ticks import RoomTickReport, room_tick
from crisis.monitor import backtest
from crisis.monitor.buckets import read_series_csv
from crisis.monitor.mention_files import BadMentionFile, read_mentions, score_file, train_file
from crisis.monitor.spikes import SpikeSettings
from crisis.monitor.sentiment import CrisisScorer, Scorer
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer
from crisis.monitor.services import Monitor
from crisis.plan import CrisisPlan
from crisis.clock import Clock
from crisis.ports import Ports
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory
from db.session import DatabaseUnavailable, check_connection, make_engine
from handlers.app import build_app
from handlers.http_server import make_http_server, wsgi_app
from handlers.slack_chat import SlackChat
from handlers.slack_client import SLACK_API_URL, make_web_client
from publishers.registry import build_publishers
from reports.report import render_report
from sources.registry import build_sources
from sources.webhook import ingest_app

log = logging.getLogger("crisisbot")
DEFAULT_DATABASE_URL = "sqlite:///crisisbot.sqlite"
TICK_SECONDS = 5
MONITOR_SECONDS = 30


class StartupError(Exception):
    """Start-up cannot go on; the message is the one line shown to the person starting the bot."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class Crisisbot:
    """The wired bot: the use cases' ports, the mention monitor and the Bolt app that serves Slack."""

    ports: Ports
    app: App
    monitor: Monitor | None = None

    def tick(self) -> RoomTickReport:
        return room_tick(ports=self.ports, render=render_report)

    def start_scheduler(self, seconds: float = TICK_SECONDS) -> BackgroundScheduler:
        """Timers are rows; these jobs only look for due rows, so a restart loses nothing. Each
        source has its own job at its own interval: one run at a time, missed runs coalesced."""
        scheduler = BackgroundScheduler(timezone=timezone.utc)
        every = dict(coalesce=True, max_instances=1, misfire_grace_time=30)
        scheduler.add_job(self.tick, "interval", seconds=seconds, id="crisis-tick", **every)
        if self.monitor is not None:
            for config in self.ports.plan.monitor.sources:
                if config.name in self.monitor.sources:
                    scheduler.add_job(monitoring.poll_source, "interval", id=f"source-{config.name}",
                                      seconds=config.every.total_seconds(), args=[config.name],
                                      kwargs={"monitor": self.monitor}, **every)
            scheduler.add_job(monitoring.monitor_tick, "interval", id="monitor-tick", seconds=MONITOR_SECONDS,
                              kwargs={"monitor": self.monitor}, **every)
        scheduler.start()
        return scheduler

    def http_app(self):
        """Slack at /slack/events; mentions pushed by listening tools at /ingest/<source>."""
        routes = {}
        if self.monitor is not None:
            routes["/ingest/"] = ingest_app(self.ports.plan.monitor.sources, self._accept, self.ports.clock.now)
        return wsgi_app(self.app, routes)

    def _accept(self, source: str, mentions: list) -> int:
        return monitoring.ingest(source, mentions, monitor=self.monitor)


def load_scorer(plan: CrisisPlan) -> Scorer:
    """The team's trained scorer when CRISIS_SENTIMENT_MODEL (or the plan) names one, else the built-in tier."""
    path = os.environ.get("CRISIS_SENTIMENT_MODEL") or plan.monitor.sentiment_model
    return load_model(path) if path else CrisisScorer()


def load_model(path: str | Path) -> Scorer:
    try:
        return TrainedScorer(TrainedModel.load(path))
    except (OSError, ValueError) as error:
        raise StartupError(f"sentiment model {path} cannot be loaded: {error}") from None


def build(plan: CrisisPlan, database_url: str, client: WebClient, *, signing_secret: str | None,
          clock: Clock | None = None, migrate: bool = True) -> Crisisbot:
    engine = make_engine(database_url)
    check_connection(engine)
    if migrate:
        upgrade(engine)
    try:
        publishers = build_publishers(plan, client)
    except PlanError as error:
        raise StartupError(f"crisis plan: {error}") from None
    ports = Ports(plan=plan, uow=SqlUnitOfWorkFactory(engine), chat=SlackChat(client), clock=clock or SystemClock(),
                  publishers=publishers)
    monitor = Monitor(ports, build_sources(plan.monitor, Path.cwd()), load_scorer(plan))
    return Crisisbot(ports, build_app(ports, client, signing_secret), monitor)


# --- command line ---------------------------------------------------------------------------

def _env(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise StartupError(f"{name} is not set: {why}")
    return value


def _plan() -> CrisisPlan:
    try:
        return load_plan(os.environ.get("CRISIS_PLAN", "crisis-plan.yaml"))
    except PlanFileError as error:
        raise StartupError(str(error)) from None


def _bot_from_env(args: argparse.Namespace, signing_secret: str | None) -> Crisisbot:
    token = _env("SLACK_BOT_TOKEN", "the bot token (xoxb-...) from your Slack app's OAuth page")
    plan = _plan()
    client = make_web_client(token, os.environ.get("SLACK_API_URL") or SLACK_API_URL)
    return build(plan, os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL, client,
                 signing_secret=signing_secret, migrate=not args.no_migrate)


def cmd_run(args: argparse.Namespace) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    app_token = _env("SLACK_APP_TOKEN", "Socket Mode needs the app-level token (xapp-...) with connections:write")
    bot = _bot_from_env(args, signing_secret=None)
    bot.start_scheduler()
    log.info("crisisbot running in Socket Mode")
    SocketModeHandler(bot.app, app_token).start()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    secret = _env("SLACK_SIGNING_SECRET", "HTTP mode verifies every request with your app's signing secret")
    bot = _bot_from_env(args, signing_secret=secret)
    bot.start_scheduler()
    server = make_http_server(bot.http_app(), args.host, args.port)
    print(f"crisisbot listening on http://{args.host}:{server.server_port}/slack/events", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    engine = make_engine(url)
    check_connection(engine)
    upgrade(engine)
    print(f"database is up to date ({engine.url.render_as_string(hide_password=True)})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sandbox.demo import run_demo

    return run_demo(out=sys.stdout, mentions=args.mentions)


def _progress(what: str) -> Callable[..., None]:
    """A one-line counter on a terminal (stderr), silent when piped."""
    if not sys.stderr.isatty():
        return lambda *args: None

    def show(done: int, total: int | None = None) -> None:
        of = f" of {total:,}" if total else ""
        print(f"\r{what}: {done:,}{of}", end="", file=sys.stderr, flush=True)

    return show


def cmd_score(args: argparse.Namespace) -> int:
    scorer = load_model(args.model) if args.model else CrisisScorer()
    count = score_file(args.input, args.out, scorer, progress=_progress("scored"), text_column=args.text_column)
    print(f"\nscored {count:,} mentions -> {args.out}")
    return 0


def cmd_train_sentiment(args: argparse.Namespace) -> int:
    summary = train_file(args.labelled, args.label_column, out_path=args.out, text_column=args.text_column)
    labels = ", ".join(f"{label} {n:,}" for label, n in sorted(summary.per_label.items()))
    print(f"trained on {summary.used:,} mentions ({labels}) in {summary.seconds:.1f} s; "
          f"training-set macro-F1 {summary.training_macro_f1:.2f}; model -> {summary.model_path}")
    print("use it: CRISIS_SENTIMENT_MODEL=" + str(summary.model_path))
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan) if args.plan else None
    settings = monitoring.spike_settings(plan) if plan else SpikeSettings(bucket_minutes=args.bucket_minutes)
    path = Path(args.series)
    with path.open(encoding="utf-8") as file:
        header = file.readline()
    if path.suffix.lower() == ".csv" and header.strip().lower().startswith("timestamp,value"):
        with path.open(encoding="utf-8") as file:
            series = read_series_csv(file)
    else:
        scorer = load_scorer(plan) if plan else CrisisScorer()
        series = backtest.bucketed(backtest.scored_mentions(read_mentions(path), scorer), settings.bucket_minutes)
    found = backtest.run(settings, series, progress=_progress("buckets"))
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["timestamp", "kind", "level"])
        writer.writerows((w.timestamp, w.kind, w.level) for w in found)
    first = sum(1 for w in found if w.level == 1)
    print(f"\n{len(series):,} buckets: {first} warning(s), {len(found) - first} update(s) -> {args.out}")
    return 0


def cmd_export_labels(args: argparse.Namespace) -> int:
    engine = make_engine(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    check_connection(engine)
    with SqlUnitOfWorkFactory(engine)() as uow:
        labelled = uow.labels.export()
    with open(args.out, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "id", "created_at", "text", "label"])
        writer.writerows((m.source, m.source_id, m.created_at.isoformat(), m.text, label) for m, label in labelled)
    print(f"exported {len(labelled):,} labelled mentions -> {args.out} "
          f"(train with: crisisbot train-sentiment {args.out} --label-column label --out model.json)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    engine = make_engine(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    check_connection(engine)
    uow = SqlUnitOfWorkFactory(engine)
    with uow() as unit:
        crisis = unit.crises.get(int(args.crisis)) if args.crisis.isdigit() else \
            unit.crises.by_channel_name(args.crisis.lstrip("#"))
        stored = unit.debriefs.for_crisis(crisis.id) if crisis else None
    if crisis is None:
        raise StartupError(f"no crisis '{args.crisis}' in this database (give its number or channel name)")
    if stored and stored.report_markdown:
        markdown, html = stored.report_markdown, stored.report_html
    else:
        ports = Ports(plan=_plan(), uow=uow, chat=None, clock=SystemClock())
        markdown, html, _ = render_report(debrief_services.build(crisis.id, ports=ports))
        print("the debrief is still open: this report has the answers so far", file=sys.stderr)
    Path(args.out).write_text(markdown if args.format == "md" else html, encoding="utf-8")
    print(f"report of crisis #{crisis.id} ({crisis.title}) -> {args.out}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="crisisbot", description="Run a social-media crisis from Slack.")
    sub = top.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="connect to Slack in Socket Mode (needs SLACK_APP_TOKEN)")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="serve Slack's HTTP requests at /slack/events")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--host", default="0.0.0.0")
    serve.set_defaults(func=cmd_serve)
    for command in (run, serve):
        command.add_argument("--no-migrate", action="store_true", help="do not upgrade the database schema at start")
    demo = sub.add_parser("demo", help="play a scripted crisis against a local Slack sandbox")
    demo.add_argument("--mentions", type=Path, help="replay this CSV/JSONL mention file instead of the shipped one")
    demo.set_defaults(func=cmd_demo)
    score = sub.add_parser("score", help="add sentiment to a CSV/JSONL mention file")
    score.add_argument("input", type=Path)
    score.add_argument("--out", type=Path, required=True)
    score.add_argument("--model", type=Path, help="a model from train-sentiment (default: the built-in scorer)")
    score.add_argument("--text-column", default="text")
    score.set_defaults(func=cmd_score)
    train = sub.add_parser("train-sentiment", help="train the team's scorer on labelled mentions")
    train.add_argument("labelled", type=Path)
    train.add_argument("--label-column", required=True)
    train.add_argument("--text-column", default="text")
    train.add_argument("--out", type=Path, required=True)
    train.set_defaults(func=cmd_train_sentiment)
    test = sub.add_parser("backtest", help="the warnings the monitor would have raised on a series or mention file")
    test.add_argument("series", type=Path, help="timestamp,value CSV (NAB shape) or a CSV/JSONL mention file")
    test.add_argument("--out", type=Path, required=True)
    test.add_argument("--plan", type=Path, help="use this plan's monitor settings (default: built-in defaults)")
    test.add_argument("--bucket-minutes", type=int, default=5)
    test.set_defaults(func=cmd_backtest)
    export = sub.add_parser("export-labels", help="mentions the team labelled in Slack, as training data")
    export.add_argument("--out", type=Path, required=True)
    export.set_defaults(func=cmd_export_labels)
    report = sub.add_parser("report", help="export a crisis's debrief report")
    report.add_argument("crisis", help="the crisis number or its channel name")
    report.add_argument("--format", choices=["md", "html"], default="html")
    report.add_argument("--out", type=Path, required=True)
    report.set_defaults(func=cmd_report)
    database = sub.add_parser("db", help="database tasks")
    db_sub = database.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to the newest version").set_defaults(func=cmd_db_upgrade)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # a line per tick every 5 s drowns the rest
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (StartupError, DatabaseUnavailable, PlanFileError, BadMentionFile, OSError) as error:
        print(f"crisisbot: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
