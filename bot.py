"""crisisbot's composition root and command line: config from env -> database, Slack app, scheduler."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_sdk import WebClient

from config.plan_file import PlanFileError, load_plan
from crisis import monitoring, services
from crisis.monitor.sentiment import CrisisScorer, Scorer
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer
from crisis.monitoring import Monitor
from crisis.plan import CrisisPlan
from crisis.ports import Clock, Ports
from db.migrate import upgrade
from db.uow import SqlUnitOfWorkFactory
from db.session import DatabaseUnavailable, check_connection, make_engine
from handlers.app import build_app
from handlers.http_server import make_http_server, wsgi_app
from handlers.slack_chat import SlackChat
from handlers.slack_client import SLACK_API_URL, make_web_client
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

    def tick(self) -> services.TickReport:
        return services.tick(ports=self.ports)

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
    if not path:
        return CrisisScorer()
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
    ports = Ports(plan=plan, uow=SqlUnitOfWorkFactory(engine), chat=SlackChat(client), clock=clock or SystemClock())
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
    database = sub.add_parser("db", help="database tasks")
    db_sub = database.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="bring the schema to the newest version").set_defaults(func=cmd_db_upgrade)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except (StartupError, DatabaseUnavailable) as error:
        print(f"crisisbot: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
