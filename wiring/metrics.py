"""Operations in view: the Prometheus metrics (request latency per surface, Web API failures, work after the acks,
due work, monitor lag, mentions ingested) and the WSGI apps behind /metrics and /readyz."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, make_wsgi_app
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from crisis.ports import Ports
from db.backlog import due_backlog
from db.migrate import is_newer_than_code, newer_than_code, revisions
from handlers.after_acks import AfterAcks

log = logging.getLogger(__name__)
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Seconds; Slack gives up on an answer after 3."""
MAX_LABEL = 60


class Metrics:
    """One bot's instruments, in a registry of its own (two bots in one process never mix their numbers)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Histogram(
            "crisisbot_request_seconds", "Time to answer a request, by surface (command, action, view, event, "
            "ingest) and HTTP status", ["surface", "status"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.slack_failures = Counter(
            "crisisbot_slack_api_failures", "Slack Web API calls that failed after their retries, by method and "
            "error (Slack's code, http_<status>, or the exception)", ["method", "error"], registry=self.registry)
        self.mentions = Counter(
            "crisisbot_mentions_ingested", "Mentions stored, polled or pushed to the webhook, by source", ["source"],
            registry=self.registry)

    def request(self, surface: str, status: int | str, seconds: float) -> None:
        self.requests.labels(surface, str(status)).observe(seconds)

    def slack_failure(self, method: str, error: str) -> None:
        self.slack_failures.labels(method[:MAX_LABEL], error[:MAX_LABEL]).inc()

    def ingested(self, source: str, count: int) -> None:
        if count:
            self.mentions.labels(source).inc(count)

    def watch_after_acks(self, after_acks: AfterAcks) -> None:
        """Also report the listeners' work after their ack: held while requests are answered, queued for a thread,
        and not yet done."""
        work = Gauge("crisisbot_after_ack_work", "Listeners' work after their ack: held (kept work waiting while "
                     "requests are being answered), queued (work not kept, such as a modal to open, waiting for a "
                     "thread) and unfinished (queued, held or running)", ["state"], registry=self.registry)
        work.labels("held").set_function(after_acks.held)
        work.labels("queued").set_function(after_acks.queued)
        work.labels("unfinished").set_function(after_acks.unfinished)

    def watch(self, ports: Ports, database: Engine, polled: Iterable[str]) -> None:
        """Also report, at each scrape, the due work waiting and the lag of each polled source."""
        self.registry.register(_StateCollector(ports, database, tuple(polled)))

    def app(self) -> WsgiApp:
        """GET /metrics in Prometheus's text format."""
        return make_wsgi_app(self.registry)

    def timed(self, surface: str, app: WsgiApp) -> WsgiApp:
        """`app`, its answers timed as `surface` (the app builds its whole answer before returning it)."""
        def measured(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            started, status = time.perf_counter(), ["500"]

            def start(line: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                status[0] = line.split(" ", 1)[0]
                return start_response(line, headers, exc_info)

            try:
                return app(environ, start)
            finally:
                self.request(surface, status[0], time.perf_counter() - started)

        return measured


class _StateCollector(Collector):
    """Read at each scrape: due work per kind (count, oldest age) and each polled source's lag."""

    def __init__(self, ports: Ports, database: Engine, polled: tuple[str, ...]) -> None:
        self.ports, self.database, self.polled = ports, database, polled
        self.started = ports.clock.now()

    def describe(self) -> Iterator[Metric]:
        """The families without samples: registering the collector reads nothing."""
        return iter(state_families())

    def collect(self) -> Iterator[Metric]:
        depth, age, lag, readable = families = state_families()
        now = self.ports.clock.now()
        try:
            backlog = due_backlog(self.database, now)
            with self.ports.uow() as uow:
                polled_at = {state.name: state.last_polled_at for state in uow.sources.all()}
        except SQLAlchemyError as error:
            log.warning("metrics: cannot read the database (%s)", type(error).__name__)
            readable.add_metric([], 0)
            return iter([readable])
        for item in backlog:
            depth.add_metric([item.kind], item.count)
            age.add_metric([item.kind], _seconds(now, item.oldest))
        for name in self.polled:
            lag.add_metric([name], _seconds(now, polled_at.get(name) or self.started))
        readable.add_metric([], 1)
        return iter(families)


def state_families() -> tuple[GaugeMetricFamily, ...]:
    """What the state collector reports, without samples."""
    return (
        GaugeMetricFamily("crisisbot_due_work_items", "Timed work due and not done yet, by kind", labels=["kind"]),
        GaugeMetricFamily("crisisbot_due_work_oldest_seconds", "How long the longest-waiting due item of each kind "
                          "has waited (0 when none is due)", labels=["kind"]),
        GaugeMetricFamily("crisisbot_monitor_lag_seconds", "Time since each polled source was last polled (since "
                          "this process started, when never)", labels=["source"]),
        GaugeMetricFamily("crisisbot_database_readable", "1 when this scrape could read the database"),
    )


def _seconds(now: datetime, since: datetime | None) -> float:
    return max(0.0, (now - since).total_seconds()) if since else 0.0


def readiness_app(database: Engine) -> WsgiApp:
    """GET /readyz: 200 when the database answers and its schema is the one this code migrates to, else 503."""
    def ready(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            found, wanted = revisions(database)
        except SQLAlchemyError as error:
            return _plain(start_response, 503, f"database unreachable ({type(error).__name__})")
        if is_newer_than_code(found):
            return _plain(start_response, 503, newer_than_code(found))
        if found != wanted:
            return _plain(start_response, 503, f"database schema at {found or 'none'}, this code needs {wanted}: "
                                               "run crisisbot db upgrade")
        return _plain(start_response, 200, "ready")

    return ready


def _plain(start_response: Callable[..., Any], status: int, text: str) -> list[bytes]:
    body = (text + "\n").encode()
    start_response("200 OK" if status == 200 else "503 Service Unavailable",
                   [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
