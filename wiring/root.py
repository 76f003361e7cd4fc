"""The one place that wires crisisbot: ports, Slack chat, publishers, sources, monitor, Bolt and HTTP apps, timers,
metrics and the production server."""
from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping
from wsgiref.simple_server import WSGIServer

from apscheduler.executors.pool import ThreadPoolExecutor as JobThreads
from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy.engine import Engine

from config.plan_file import PlanFileError, load_plan
from crisis import due
from crisis.clock import Clock, SystemClock
from crisis.i18n import voice
from crisis.monitor import services as monitoring
from crisis.monitor.sentiment import CrisisScorer, Scorer
from crisis.monitor.services import Monitor
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer
from crisis.plan import CrisisPlan
from crisis.ports import Ports, UnitOfWorkFactory
from crisis.schedules.ports import Scheduler
from crisis.takedowns.ports import PostRemover
from crisis.ticks import RoomTickReport, room_tick
from crisis.webcare.ports import Replier
from db.inbox import BatchedIntake
from db.migrate import upgrade
from db.session import check_connection, make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers.after_acks import AfterAcks
from handlers.app import build_app
from handlers.errors import redo_taken_requests
from handlers.http_server import make_http_server, wsgi_app
from handlers.slack_chat import SlackChat
from handlers.slack_client import make_web_client
from publishers.registry import build_publishers, build_removers, build_repliers
from publishers.schedules.registry import build_schedulers
from reports.report import render_report
from sources.drill_recordings import FileRecordings
from sources.registry import build_sources
from sources.webhook import ingest_app
from wiring.metrics import Metrics, readiness_app
from wiring.server import ProductionServer, ServerLimits
from wiring.settings import Settings, StartupError, from_plan

if TYPE_CHECKING:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

TICK_SECONDS = 5
MONITOR_SECONDS = 30
AFTER_ACK_NICENESS = 10
"""How much lower the scheduling priority of those threads is (Linux): in a burst the processor serves the acks
first, and the work (Slack replies, database) catches up when it is free; see docs/operations.md."""
MONITOR_EXECUTOR = "monitor"
"""The scheduler's threads for the monitor's jobs, as nice as the listeners': scoring a spike's mentions is the
heaviest work a replica does (seconds of every core with the encoder tier), and it must not slow the acks."""
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Crisisbot:
    """The wired bot: the use cases' ports, the mention monitor and the Bolt app that serves Slack."""

    ports: Ports
    app: App
    monitor: Monitor | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    """Where the ingest webhook finds its sources' tokens."""
    signing_secret: str = ""
    """What HTTP mode verifies Slack's requests with; empty (Socket Mode) refuses every HTTP request."""
    metrics: Metrics = field(default_factory=Metrics)
    database: Engine | None = None
    """When given, /readyz checks it and /metrics reports its due work and the monitor's lag."""
    after_acks: AfterAcks | None = None
    """The listeners' after-ack executor; the production server tells it which requests are being answered."""

    def tick(self) -> RoomTickReport:
        """Requests whose work was cut short run again first (their use cases may leave due work for the rest)."""
        redo_taken_requests(self.ports, self.app.client)
        return room_tick(ports=self.ports, render=render_report)

    def start_scheduler(self, seconds: float = TICK_SECONDS, monitor_seconds: float = MONITOR_SECONDS
                        ) -> BackgroundScheduler:
        """Timers are rows; these jobs only look for due rows, so a restart loses nothing. Each
        source has its own job at its own interval: one run at a time, missed runs coalesced."""
        scheduler = beating(self.ports, seconds)
        every = dict(coalesce=True, max_instances=1, misfire_grace_time=30)
        scheduler.add_job(self.tick, "interval", seconds=seconds, id="crisis-tick", **every)
        if self.monitor is not None:
            add_monitor_jobs(scheduler, self.monitor, self.poll, monitor_seconds)
        scheduler.start()
        return scheduler

    def poll(self, source: str) -> monitoring.MonitorReport:
        report = monitoring.poll_source(source, monitor=self.monitor)
        self.metrics.ingested(source, report.stored)
        return report

    def http_app(self) -> WsgiApp:
        """Slack at /slack/events; mentions pushed by listening tools at /ingest/<source>; /healthz, /readyz
        (with a database) and /metrics for operations."""
        routes = {"/metrics": self.metrics.app()}
        if self.database is not None:
            routes["/readyz"] = readiness_app(self.database)
        if self.monitor is not None:
            routes["/ingest/"] = self.metrics.timed("ingest", ingest_route(self.ports, self._accept, self.environ))
        return wsgi_app(self.app, self.signing_secret, routes, observe=self.metrics.request)

    def http_server(self, host: str, port: int) -> WSGIServer:
        """A simple threaded server for local runs and tests; `crisisbot serve` runs `production_server`."""
        return make_http_server(self.http_app(), host, port)

    def production_server(self, host: str, port: int, limits: ServerLimits | None = None) -> ProductionServer:
        return ProductionServer(self.http_app(), host, port, limits or ServerLimits(), answering=self.after_acks)

    def socket_mode(self, app_token: str) -> SocketModeHandler:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        return SocketModeHandler(self.app, app_token)

    def _accept(self, source: str, mentions: list) -> int:
        stored = monitoring.ingest(source, mentions, monitor=self.monitor)
        self.metrics.ingested(source, stored)
        return stored


def ingest_route(ports: Ports, accept: Callable[[str, list], int], environ: Mapping[str, str]) -> WsgiApp:
    """The ingest webhook (`/ingest/<source>`) on the plan's webhook sources, for Slack's server and Teams'."""
    return ingest_app(ports.plan.monitor.sources, accept, ports.clock.now, environ_tokens=environ)


def post_removers(plan: CrisisPlan, environ: Mapping[str, str]) -> dict[str, tuple[str, PostRemover]]:
    """The plan's accounts that take posts down, for Slack and Teams alike; a missing secret stops the start."""
    return from_plan(build_removers, plan, environ)


def post_repliers(plan: CrisisPlan, environ: Mapping[str, str]) -> dict[str, tuple[str, Replier]]:
    """The plan's accounts that reply to posts (webcare), for Slack and Teams alike; a missing secret stops the start."""
    return from_plan(build_repliers, plan, environ)


def schedulers(plan: CrisisPlan, environ: Mapping[str, str]) -> dict[str, tuple[str, Scheduler]]:
    """The plan's accounts whose scheduled posts are paused at open (crisis.schedules); a missing secret stops the
    start."""
    return from_plan(build_schedulers, plan, environ)


def wire(plan: CrisisPlan, uow: UnitOfWorkFactory, client: WebClient, *, signing_secret: str | None,
         clock: Clock | None = None, scorer: Scorer | None = None, environ: Mapping[str, str] = os.environ,
         base_dir: Path | None = None, after_acks: AfterAcks | None = None, metrics: Metrics | None = None,
         database: Engine | None = None) -> Crisisbot:
    """The bot on this plan, database and Slack client. `environ` holds the publishers' and sources' tokens;
    file sources are relative to `base_dir` (default: the working folder); without a `scorer`, the one
    CRISIS_SENTIMENT_MODEL or the plan names (see load_scorer). `metrics` (default: new ones) are the ones the
    client reports failures to; with the `database` engine, /readyz and the due-work metrics watch it, and
    requests are taken into the inbox in batches (BatchedIntake: one commit for many requests under a burst)."""
    publishers = from_plan(build_publishers, plan, client, environ)
    removers = post_removers(plan, environ)
    speak_plan(plan)
    intake = BatchedIntake(database) if database is not None else None
    ports = Ports(plan=plan, uow=uow, chat=SlackChat(client), clock=clock or SystemClock(), publishers=publishers,
                  removers=removers, repliers=post_repliers(plan, environ), schedulers=schedulers(plan, environ),
                  intake=intake, recordings=drill_recordings(plan, base_dir))
    monitor = build_monitor(ports, environ, base_dir, scorer)
    after_acks = after_acks or AfterAcks(thread_name_prefix="after-ack")
    app = build_app(ports, client, signing_secret, after_acks)
    metrics = metrics or Metrics()
    metrics.watch_after_acks(after_acks)
    if database is not None:
        metrics.watch(ports, database, polled=monitor.sources)
    return Crisisbot(ports, app, monitor, environ, signing_secret or "", metrics, database, after_acks)


def drill_recordings(plan: CrisisPlan, base_dir: Path | None) -> FileRecordings:
    """The plan's drill recordings, their files relative to `base_dir` (default: the working folder); for Slack and
    Teams alike."""
    return FileRecordings(plan.drills, base_dir or Path.cwd())


def build_monitor(ports: Ports, environ: Mapping[str, str], base_dir: Path | None, scorer: Scorer | None) -> Monitor:
    """The mention monitor on the plan's polled sources (file sources relative to `base_dir`, default the working
    folder) and the given scorer, else the one load_scorer finds; for Slack and Teams alike."""
    sources = from_plan(lambda: build_sources(ports.plan.monitor, base_dir or Path.cwd(), environ=environ))
    return Monitor(ports, sources, scorer or load_scorer(ports.plan, environ))


def add_monitor_jobs(scheduler: BackgroundScheduler, monitor: Monitor, poll: Callable[[str], object],
                     seconds: float) -> None:
    """Each polled source at its own interval (`poll` runs one), and detection, posting and crisis updates every
    `seconds`: one run at a time, missed runs coalesced, on threads of lower priority (MONITOR_EXECUTOR)."""
    scheduler.add_executor(JobThreads(pool_kwargs={"initializer": lower_priority}), MONITOR_EXECUTOR)
    every = dict(coalesce=True, max_instances=1, misfire_grace_time=30, executor=MONITOR_EXECUTOR)
    for config in monitor.ports.plan.monitor.sources:
        if config.name in monitor.sources:
            scheduler.add_job(poll, "interval", id=f"source-{config.name}", seconds=config.every.total_seconds(),
                              args=[config.name], **every)
    scheduler.add_job(monitoring.monitor_tick, "interval", id="monitor-tick", seconds=seconds,
                      kwargs={"monitor": monitor}, **every)


def beating(ports: Ports, seconds: float) -> BackgroundScheduler:
    """A scheduler (not started) whose first job says this replica is alive, now and every BEAT_EVERY (or every
    `seconds`, the tick's period, if shorter) on a thread of its own: work it leases is never taken over while it
    lives, and is taken over soon after it dies (crisis.due.RUNNER_SILENT_AFTER)."""
    due.beat(ports=ports)
    scheduler = BackgroundScheduler(timezone=timezone.utc)
    scheduler.add_job(due.beat, "interval", seconds=min(seconds, due.BEAT_EVERY.total_seconds()), id="beat",
                      kwargs={"ports": ports}, coalesce=True, max_instances=1, misfire_grace_time=30)
    return scheduler


def speak_plan(plan: CrisisPlan) -> None:
    """Everything this process writes for people in the plan's language, its times on the plan's clock."""
    voice.speak_as_team(voice.Voice(plan.language, plan.zone))


def from_settings(settings: Settings, *, signing_secret: str | None, migrate: bool,
                  clock: Clock | None = None) -> Crisisbot:
    """`crisisbot run` and `serve`: the bot token, plan and database the environment names (`clock`: tests')."""
    token = settings.bot_token()
    plan = load_plan_file(settings)
    if plan.chat != "slack":
        raise StartupError(f"{settings.plan_path} says the team works in {plan.chat} (chat:): run serve-teams")
    metrics = Metrics()
    client = make_web_client(token, settings.slack_api_url, on_failure=metrics.slack_failure,
                             **({"clock": lambda: clock.now().timestamp()} if clock else {}))
    engine = open_database(settings.database_url, migrate=migrate)
    listeners = AfterAcks(initializer=lower_priority)
    return wire(plan, SqlUnitOfWorkFactory(engine), client, signing_secret=signing_secret, environ=settings.environ,
                after_acks=listeners, metrics=metrics, database=engine, clock=clock)


def lower_priority() -> None:
    """The calling thread yields the processor to the others of the process (Linux keeps a niceness per thread;
    raising it needs no privilege)."""
    if sys.platform == "linux":
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + AFTER_ACK_NICENESS))


def open_database(url: str, *, migrate: bool = False) -> Engine:
    """The database at `url`, checked reachable (DatabaseUnavailable if not) and upgraded if `migrate`."""
    engine = make_engine(url)
    check_connection(engine)
    if migrate:
        upgrade(engine)
    return engine


def load_plan_file(settings: Settings) -> CrisisPlan:
    try:
        return load_plan(settings.plan_path)
    except PlanFileError as error:
        raise StartupError(str(error)) from None


def load_scorer(plan: CrisisPlan, environ: Mapping[str, str] = os.environ) -> Scorer:
    """The team's trained scorer when CRISIS_SENTIMENT_MODEL (or the plan) names one, else the built-in tier."""
    path = environ.get("CRISIS_SENTIMENT_MODEL") or plan.monitor.sentiment_model
    return load_model(path) if path else CrisisScorer()


def load_model(path: str | Path) -> Scorer:
    """The scorer of a model file (trained tier) or folder (encoder tier, from `train-sentiment --encoder`)."""
    try:
        if Path(path).is_dir():
            from crisis.monitor.encoder_sentiment import EncoderModel, EncoderScorer  # PyTorch: only when asked

            return EncoderScorer(EncoderModel.load(path))
        return TrainedScorer(TrainedModel.load(path))
    except (OSError, ValueError) as error:
        raise StartupError(f"sentiment model {path} cannot be loaded: {error}") from None
