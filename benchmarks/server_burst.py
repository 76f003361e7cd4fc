"""Bursts on one replica: crisisbot on the production server next to a bare Bolt app that only acks, same server.

Prints, for 50 concurrent clients sending signed `/crisis help` commands and Acknowledge clicks (half each):
requests/s, p50/p99 and errors of (a) crisisbot on the production server with the sandbox Slack behind it and
(b) a bare Bolt app that only acks, on the same server with the same limits, in the same run; then the most
requests/s one crisisbot replica sustains with p99 < 100 ms, stepping the number of concurrent clients.
With --score-while, also the same burst while the replica scores mentions in the background, as a monitor poll
does during a spike (the demo mentions, distinct, batches of 1,000): once at the request threads' priority and
once on a thread lowered as the monitor's jobs are (`lower_priority`), with the scoring rate of each; with
--scoring-model DIR (a `train-sentiment --encoder` folder, needs the encoder extra) it scores with that model
instead of the built-in tier.

Each app runs in a process of its own, as `crisisbot serve` does; the clients run in this one, on keep-alive
connections (as a proxy in front keeps them). Loopback only; each phase is bounded in requests and seconds.
Run: .venv/bin/python benchmarks/server_burst.py [--requests 3000] [--clients 50] [--latency 0.1]
     [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]   (default: a SQLite file)
     [--repeats 1] [--no-steps] [--at-once-threads 64] [--kept-threads 32] [--while-answering 2]
     [--score-while [--scoring-model DIR]]
--latency is Slack's time to answer each call (Web API, response URLs, uploads); Slack's own is 0.1-0.3 s.
"""
from __future__ import annotations

import argparse
import http.client
import json
import logging
import multiprocessing
import statistics
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from slack_bolt import App

from crisis.monitor.sentiment import CrisisScorer, Scorer
from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from handlers.after_acks import AT_ONCE_THREADS, KEPT_THREADS, WHILE_ANSWERING
from handlers.http_server import wsgi_app
from handlers.slack_client import make_web_client
from sandbox.demo import OPEN_FORM
from sandbox.local_bot import SIGNING_SECRET, IdleTrackingExecutor, start_local_bot, team_plan
from sandbox.slack_user import block_actions_body, signed_headers, slash_command_body
from wiring.metrics import Metrics
from wiring.root import load_model, lower_priority, wire
from wiring.server import ProductionServer

STEPS = (1, 2, 5, 10, 20, 35, 50, 75, 100)
DEMO_MENTIONS = Path(__file__).resolve().parents[1] / "examples" / "mentions-demo.jsonl"
SCORING_BATCH = 1000
TARGET_P99_MS = 100.0


def slack_process(conn: Any, database: str, latency: float) -> None:
    """Slack: the sandbox, where a local bot opens a crisis (its page is what the clicks acknowledge); then it
    makes the request bodies the parent asks for, and finally says how many replies reached it."""
    logging.basicConfig(level=logging.ERROR)
    engine = make_engine(database)
    upgrade(engine)
    local = start_local_bot(SqlUnitOfWorkFactory(engine))
    local.command("opener", "open Burst", "general")
    view = local.sandbox.views_opened()[-1]
    local.submit("opener", view["id"], {**OPEN_FORM, ids.TITLE_BLOCK: {ids.TITLE_INPUT: "Burst"}})
    channel = next(c.response["channel"]["id"] for c in local.sandbox.calls_to("conversations.create"))
    legal, opener = local.users["legal"], local.users["opener"]
    page = next(m for m in local.sandbox.messages(channel) if f"<@{legal}>" in str(m) and ids.ACKNOWLEDGE in str(m))
    button = next({"action_id": e["action_id"], "block_id": b.get("block_id"), "value": e.get("value")}
                  for b in page["blocks"] for e in b.get("elements", []) if e.get("action_id") == ids.ACKNOWLEDGE)
    general = local.sandbox.channel("general")["id"]
    local.sandbox.latency = latency
    before = len(local.sandbox.calls)

    def bodies(count: int) -> list[str]:
        """Half /crisis help, half clicks on the page as it was first sent (the first click acknowledges it)."""
        made = []
        for n in range(count):
            if n % 2:
                made.append(block_actions_body(
                    legal, [button], team_id=local.sandbox.team_id, channel_id=channel, message=page,
                    trigger_id=local.sandbox.issue_trigger_id(legal), api_app_id=local.sandbox.app_id,
                    response_url=local.sandbox.response_url(legal, channel, page["ts"])))
            else:
                made.append(slash_command_body(
                    "/crisis", "help", opener, general, team_id=local.sandbox.team_id,
                    trigger_id=local.sandbox.issue_trigger_id(opener),
                    response_url=local.sandbox.response_url(opener, general), api_app_id=local.sandbox.app_id))
        return made

    conn.send((local.sandbox.api_url, local.sandbox.token, local.users))
    while (count := conn.recv()) is not None:
        conn.send(bodies(count))
    conn.send((len(local.sandbox.responses()), Counter(call.method for call in local.sandbox.calls[before:])))
    conn.recv()
    local.stop()


def crisisbot_process(conn: Any, database: str, api_url: str, token: str, users: dict[str, str],
                      threads: tuple[int, int, int], scoring_model: str | None) -> None:
    """One replica wired as `crisisbot serve` wires it (metrics, pool of listener threads, production server),
    on the same database as the sandbox's local bot and with the sandbox as its Slack."""
    logging.basicConfig(level=logging.ERROR)
    engine = make_engine(database)
    metrics = Metrics()
    client = make_web_client(token, api_url, on_failure=metrics.slack_failure)
    listeners = Draining(*threads)
    replica = wire(team_plan(users), SqlUnitOfWorkFactory(engine), client, signing_secret=SIGNING_SECRET,
                   environ={}, metrics=metrics, database=engine, after_acks=listeners)
    server = replica.production_server("127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scoring = None  # made (model loaded, scorer warmed) when first asked for, before its burst starts
    conn.send(server.server_port)
    while (message := conn.recv()) is not None:
        if message == "drain":
            conn.send(listeners.drain())
        elif message == "stop scoring":
            conn.send(scoring.stop())
        else:
            scoring = scoring or BackgroundScoring(load_model(scoring_model) if scoring_model else CrisisScorer())
            scoring.start(lowered=message == "score as the monitor")
            conn.send("scoring")
    listeners.shutdown(wait=True)
    conn.send(sum(sample.value for family in metrics.registry.collect() if family.name.endswith("failures")
                  for sample in family.samples))
    server.shutdown()


class BackgroundScoring:
    """Scores the demo mentions over and over on a thread of its own, as a monitor poll does during a spike."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        with DEMO_MENTIONS.open(encoding="utf-8") as lines:
            self.texts = [json.loads(line)["text"] for line in lines if line.strip()]
        self.scorer.score_many(self.texts[:SCORING_BATCH])  # warm: PyTorch prepares its kernels on first use
        self.running = threading.Event()
        self.thread: threading.Thread | None = None
        self.scored = 0
        self.started = 0.0

    def start(self, lowered: bool) -> None:
        self.running.set()
        self.scored, self.started = 0, time.perf_counter()
        self.thread = threading.Thread(target=self._score, args=(lowered,), daemon=True)
        self.thread.start()

    def _score(self, lowered: bool) -> None:
        if lowered:
            lower_priority()
        rounds = 0
        while self.running.is_set():
            rounds += 1  # each round's texts are new to the scorer's cache, as fresh mentions are
            for start in range(0, len(self.texts), SCORING_BATCH):
                if not self.running.is_set():
                    return
                batch = [f"{text} {rounds}" for text in self.texts[start : start + SCORING_BATCH]]
                self.scorer.score_many(batch)
                self.scored += len(batch)

    def stop(self) -> float:
        """Mentions scored per second since `start`."""
        self.running.clear()
        assert self.thread is not None
        self.thread.join()
        return self.scored / (time.perf_counter() - self.started)


class Draining(IdleTrackingExecutor):
    """The listeners' after-ack executor as `serve` makes it, telling how long its queued work takes to finish and
    how long after its ack each piece of work was done (kept work, which may wait for the acks, and the rest)."""

    def __init__(self, at_once_threads: int, kept_threads: int, while_answering: int) -> None:
        super().__init__(at_once_threads=at_once_threads, kept_threads=kept_threads, while_answering=while_answering,
                         initializer=lower_priority)
        self.waits: dict[str, list[float]] = {"kept": [], "other": []}

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._timed(super().submit(fn, *args, **kwargs), "other")

    def submit_kept(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._timed(super().submit_kept(fn, *args, **kwargs), "kept")

    def _timed(self, future: Future[Any], kind: str) -> Future[Any]:
        acked = time.perf_counter()
        future.add_done_callback(lambda done: self.waits[kind].append(time.perf_counter() - acked))
        return future

    def drain(self) -> tuple[int, float, dict[str, tuple[float, float]]]:
        """(work items still queued, held or running, seconds until all of them were done, and per kind of work
        the p50 and p99 seconds from ack to done since the last drain)."""
        started, queued = time.perf_counter(), self.unfinished()
        self.wait_idle(timeout=600)
        seconds = time.perf_counter() - started
        waits = {kind: (percentile(times, 50), percentile(times, 99)) for kind, times in self.waits.items() if times}
        self.waits = {kind: [] for kind in self.waits}
        return queued, seconds, waits


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def bare_process(conn: Any, api_url: str, token: str) -> None:
    """A Bolt app that only acks the command and the button, on the same server with the same limits (its one
    auth.test goes to the sandbox Slack); it acks in the request thread (process_before_response), Bolt's
    fastest way, so the baseline does not wait on a listener thread."""
    logging.basicConfig(level=logging.ERROR)
    app = App(signing_secret=SIGNING_SECRET, client=make_web_client(token, api_url), token_verification_enabled=False,
              process_before_response=True)
    app.command(ids.COMMAND)(lambda ack: ack())
    app.action(ids.ACKNOWLEDGE)(lambda ack: ack())
    server = ProductionServer(wsgi_app(app, SIGNING_SECRET), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send(server.server_port)
    conn.recv()
    server.shutdown()


def burst(port: int, bodies: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads, each on its own keep-alive connection, send the bodies (signed when sent) until none
    is left or `seconds` have passed."""
    lock, position, samples, errors = threading.Lock(), [0], [], []
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.perf_counter() < deadline:
            with lock:
                if position[0] >= len(bodies):
                    break
                body = bodies[position[0]]
                position[0] += 1
            headers = signed_headers(body, SIGNING_SECRET)
            started = time.perf_counter()
            try:
                connection.request("POST", "/slack/events", body=body.encode(), headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                (samples if ok else errors).append(elapsed)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = samples or [float("nan")]
    return {"rate": len(samples) / wall, "p50": statistics.median(ordered), "p99": percentile(ordered, 99),
            "errors": len(errors), "n": len(samples)}


def line(name: str, result: dict[str, Any]) -> str:
    return (f"{name:<34} {result['rate']:7.0f} req/s   p50 {result['p50']:7.1f} ms   p99 {result['p99']:7.1f} ms   "
            f"errors {result['errors']}   (n={result['n']})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000, help="requests per app and phase")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="at most this long per phase")
    parser.add_argument("--latency", type=float, default=0.0,
                        help="seconds the sandbox adds to every call (Web API, response URLs, uploads)")
    parser.add_argument("--database", help="a PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--at-once-threads", type=int, default=AT_ONCE_THREADS, help="threads for work not kept")
    parser.add_argument("--kept-threads", type=int, default=KEPT_THREADS, help="threads for kept work")
    parser.add_argument("--while-answering", type=int, default=WHILE_ANSWERING,
                        help="kept pieces running at once while requests are being answered")
    parser.add_argument("--no-steps", action="store_true", help="skip the search for the most requests/s at p99 < 100 ms")
    parser.add_argument("--repeats", type=int, default=1, help="rounds of the main burst, with their medians")
    parser.add_argument("--score-while", action="store_true", help="also bursts while the replica scores mentions")
    parser.add_argument("--scoring-model", help="score with this model file or folder (default: the built-in tier)")
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be 1 or more")
    with scratch_database(args.database) as database:
        run(args, database)


@contextmanager
def scratch_database(server: str | None) -> Iterator[str]:
    """A new SQLite file, or a schema of its own on the PostgreSQL server (dropped at the end)."""
    if not server:
        yield f"sqlite:///{Path(tempfile.mkdtemp(prefix='crisisbot-burst-')) / 'burst.sqlite'}"
        return
    engine, schema = make_engine(server), f"crisisbot_burst_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = engine.url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


def run(args: argparse.Namespace, database: str) -> None:
    spawn = multiprocessing.get_context("spawn")
    pipes = {name: spawn.Pipe() for name in ("slack", "bot", "bare")}
    processes = [spawn.Process(target=slack_process, args=(pipes["slack"][1], database, args.latency))]
    processes[0].start()
    slack, bot_end, bare_end = pipes["slack"][0], pipes["bot"][0], pipes["bare"][0]
    try:
        api_url, token, users = slack.recv()
        threads = (args.at_once_threads, args.kept_threads, args.while_answering)
        processes += [spawn.Process(target=crisisbot_process, args=(pipes["bot"][1], database, api_url, token, users,
                                                                    threads, args.scoring_model)),
                      spawn.Process(target=bare_process, args=(pipes["bare"][1], api_url, token))]
        for process in processes[1:]:
            process.start()
        bot_port, bare_port = bot_end.recv(), bare_end.recv()

        def bodies(count: int) -> list[str]:
            slack.send(count)
            return slack.recv()

        sent = 0
        for port in (bare_port, bot_port):  # warm up: imports, connections, pools
            burst(port, bodies(200), 10, 10)
        sent += 200
        print(f"{args.clients} concurrent clients, signed /crisis help + Acknowledge clicks (half each); "
              f"{'PostgreSQL' if args.database else 'SQLite'}; {args.latency * 1000:.0f} ms added to each call to "
              f"Slack; {args.at_once_threads} + {args.kept_threads} threads for work not kept + kept")
        rounds = []
        for round_ in range(args.repeats):  # one run is noisy: repeat and compare the medians
            if args.repeats > 1:
                print(f"round {round_ + 1} of {args.repeats}")
            load = bodies(args.requests)
            bare = burst(bare_port, load, args.clients, args.seconds)
            bot = burst(bot_port, load, args.clients, args.seconds)
            sent += bot["n"] + bot["errors"]
            print(line("(b) bare Bolt app, ack only", bare))
            print(line("(a) crisisbot, production server", bot))
            print(f"p99 crisisbot / bare: {bot['p99'] / bare['p99']:.2f} (target <= 1.25)")
            bot_end.send("drain")
            queued, seconds, waits = bot_end.recv()
            print(f"work after the acks: {queued} items still queued at the end of the burst, done {seconds:.1f} s "
                  f"later; done after its ack: " + ", ".join(f"{kind} p50 {p50:.2f} s, p99 {p99:.2f} s"
                                                             for kind, (p50, p99) in waits.items()))
            rounds.append((bare, bot))
        if args.repeats > 1:
            for name, side in (("bare Bolt app", 0), ("crisisbot", 1)):
                print(f"median of {args.repeats} rounds, {name}: "
                      f"{statistics.median(r[side]['rate'] for r in rounds):.0f} req/s, "
                      f"p99 {statistics.median(r[side]['p99'] for r in rounds):.1f} ms")
            print(f"median p99 crisisbot / bare: {statistics.median(r[1]['p99'] / r[0]['p99'] for r in rounds):.2f}")
        bot = {**bot, "p99": statistics.median(r[1]["p99"] for r in rounds)}  # the idle figure compared below
        if args.score_while:
            print(f"\nThe same burst while the replica scores mentions ({args.scoring_model or 'the built-in tier'}):")
            for how in ("score at server priority", "score as the monitor"):
                bot_end.send(how)
                bot_end.recv()  # scoring has started
                result = burst(bot_port, bodies(args.requests), args.clients, args.seconds)
                bot_end.send("stop scoring")
                rate = bot_end.recv()
                bot_end.send("drain")
                bot_end.recv()
                sent += result["n"] + result["errors"]
                print(line(f"  {how}", result) + f"   p99 / idle {result['p99'] / bot['p99']:.2f}   "
                      f"scored {rate:,.0f} mentions/s")
        if not args.no_steps:
            print(f"\nMost requests/s one crisisbot replica sustains with p99 < {TARGET_P99_MS:.0f} ms:")
            best = None
            for clients in STEPS:
                result = burst(bot_port, bodies(min(args.requests, clients * 60)), clients, args.seconds)
                sent += result["n"] + result["errors"]
                print(line(f"  {clients:>3} clients", result))
                if result["p99"] < TARGET_P99_MS and result["errors"] == 0 and (not best or result["rate"] > best[1]):
                    best = (clients, result["rate"])
                elif result["p99"] >= 2 * TARGET_P99_MS:
                    break
            print(f"  -> {best[1]:.0f} requests/s at {best[0]} clients" if best else "  -> none")
        bot_end.send(None)
        failures = bot_end.recv()
        slack.send(None)
        replies, calls = slack.recv()
        print(f"after the acks: {replies:,} replies and {sum(calls.values()):,} Web API calls reached Slack for "
              f"{sent:,} requests to crisisbot; {failures:.0f} Web API calls failed")
        print("  Web API calls by method: " + ", ".join(f"{method} {count}" for method, count in calls.most_common()))
        slack.send(None)
        bare_end.send(None)
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()


if __name__ == "__main__":
    main()
