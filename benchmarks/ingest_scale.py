"""Mentions through the ingest webhook into PostgreSQL, and the serving process's memory as a million go through.

Starts the real `crisisbot serve` (a process of its own: waitress, timers, the monitor tick that prunes) on a
PostgreSQL schema of its own, with the sandbox as its Slack, and a plan whose `listener` webhook source keeps
mentions `--retention-days` (default 1). Then, in the same run:

(a) Throughput. For each number of concurrent posters (`--clients`, default 10 and 50), `--phase` mentions in
    batches of `--batch` per POST /ingest/listener: mentions/s, p50/p99 latency per request, errors. Right
    before each, the baseline: the same rows (already parsed and scored) inserted by as many connections with
    psycopg's executemany into a copy of the mention table (same indexes), a batch per transaction; and, once,
    the scorer alone on this process's one core. The ratio to the baseline is the figure to compare across runs.
(b) Memory. Mentions are posted until `--mentions` (default 1,000,000) have been stored in all, or
    `--seconds` have passed; at 0, 1/4, 1/2, 3/4 and all of them: the server's RSS (VmRSS of /proc/<pid>/status),
    the mentions in the table and the schema's size on disk. Every mention is created `--lead` seconds after
    the retention edge (now - retention + lead), so the monitor tick (every 30 s) prunes it, in batches, within
    a minute of storing it: a day of traffic at this rate, compressed into the run. The table stays at about a
    minute of mentions, the process at a constant size.

Mention texts are the project's own demo stream (examples/mentions-demo.jsonl), made unique (no scorer cache
hits). Loopback only; clients run in this process on keep-alive connections.
Run: .venv/bin/python benchmarks/ingest_scale.py [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]
     [--mentions 1000000] [--seconds 900] [--clients 10,50] [--phase 50000] [--batch 100] [--bulk-batch 500]
     [--lead 30]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import psycopg
import yaml
from server_burst import scratch_database  # benchmarks/server_burst.py, next to this script
from sqlalchemy import Engine, make_url

from crisis.monitor.mentions import parse_mention
from crisis.monitor.sentiment import CrisisScorer
from db.monitor.mapping import mention_values
from db.session import make_engine
from sandbox.slack_api import SlackSandbox

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "mentions-demo.jsonl"
PLAN = ROOT / "examples" / "crisis-plan.yaml"
TOKEN = "bench-listener-token"
SIGNING_SECRET = "bench-signing-secret"
SOURCE = "listener"
APPLICATION = "crisisbot-ingest-scale"
"""The server's database sessions carry this name, so the lock sampler counts only theirs."""


def demo_items() -> list[dict[str, Any]]:
    """The demo stream's authors, texts and languages (project-written, see examples/make_demo_mentions.py)."""
    with DEMO.open(encoding="utf-8") as lines:
        return [{k: item[k] for k in ("author", "text", "language") if k in item} for item in map(json.loads, lines)]


class Mentions:
    """Numbered mentions, each unique (id and text), created `lead` seconds after the retention edge."""

    def __init__(self, retention: timedelta, lead: float) -> None:
        self.items, self.retention, self.lead = cycle(demo_items()), retention, timedelta(seconds=lead)
        self.next, self.lock = 0, threading.Lock()

    def batch(self, size: int) -> list[dict[str, Any]]:
        with self.lock:
            first, self.next = self.next, self.next + size
            items = list(islice(self.items, size))
        created = (datetime.now(UTC) - self.retention + self.lead).isoformat().replace("+00:00", "Z")
        return [{**item, "id": f"b{first + n}", "text": f"{item['text']} [{first + n}]", "created_at": created}
                for n, item in enumerate(items)]


def write_plan(folder: Path, retention_days: int, bucket_minutes: int) -> Path:
    """The example plan, monitoring `acme` through one webhook source kept `retention_days`."""
    plan = yaml.safe_load(PLAN.read_text())
    plan["monitor"] = {**plan.get("monitor", {}), "retention_days": retention_days, "bucket_minutes": bucket_minutes,
                       "sources": [
        {"name": SOURCE, "type": "webhook", "term": "acme", "token_env": "LISTENER_TOKEN"}]}
    path = folder / "crisis-plan.yaml"
    path.write_text(yaml.safe_dump(plan))
    return path


@contextmanager
def slack_sandbox() -> Iterator[SlackSandbox]:
    """The sandbox with the plan's people (by e-mail) and channels, so warnings land as in production."""
    with SlackSandbox() as sandbox:
        text = PLAN.read_text()
        for email in sorted(set(re.findall(r"([a-z]+)@acme\.example", text))):
            sandbox.add_user(email, email=f"{email}@acme.example")
        for channel in sorted(set(re.findall(r'"#([a-z-]+)"', text))):
            sandbox.add_channel(channel)
        yield sandbox


@contextmanager
def crisisbot_serve(database: str, plan: Path, sandbox: SlackSandbox, log: Path) -> Iterator[tuple[int, int]]:
    """`crisisbot serve` on a free loopback port, migrating at start; (port, pid) once /readyz says ready."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    named = make_url(database).update_query_dict({"application_name": APPLICATION})
    environ = {**os.environ, "DATABASE_URL": named.render_as_string(hide_password=False), "CRISIS_PLAN": str(plan), "SLACK_BOT_TOKEN": sandbox.token,
               "SLACK_API_URL": sandbox.api_url, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "LISTENER_TOKEN": TOKEN,
               "LOG_LEVEL": "WARNING", "LOG_FORMAT": "json"}
    with log.open("w") as errors:
        process = subprocess.Popen([str(Path(sys.executable).with_name("crisisbot")), "serve", "--host", "127.0.0.1",
                                    "--port", str(port)], env=environ, stdout=subprocess.DEVNULL, stderr=errors)
    try:
        deadline = time.monotonic() + 120
        while not ready(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"crisisbot serve did not become ready; its log: {log}")
            time.sleep(0.5)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def post(port: int, mentions: Mentions, batch: int, total: int, clients: int, seconds: float,
         on_stored: Callable[[int], None] = lambda stored: None) -> dict[str, Any]:
    """`clients` threads, each on its own keep-alive connection, POST batches until `total` mentions are sent or
    `seconds` have passed; `on_stored(how many)` after each answer that stored some."""
    lock, sent, samples, errors, stored = threading.Lock(), [0], [], [], [0]
    deadline = time.perf_counter() + seconds
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            with lock:
                size = min(batch, total - sent[0])
                sent[0] += max(size, 0)
            if size <= 0:
                break
            body = json.dumps(mentions.batch(size)).encode()
            started = time.perf_counter()
            try:
                connection.request("POST", f"/ingest/{SOURCE}", body=body, headers=headers)
                response = connection.getresponse()
                answer = json.loads(response.read())
                ok = response.status == 200 and answer["stored"] == size
            except (OSError, http.client.HTTPException, ValueError):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                ok, answer = False, {}
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                (samples if ok else errors).append(elapsed)
                stored[0] += answer["stored"] if ok else 0
            if ok:
                on_stored(answer["stored"])
        connection.close()

    return measured(client, clients, samples, errors, stored, batch)


def measured(client: Callable[[], None], clients: int, samples: list[float], errors: list[float],
             stored: list[int], batch: int) -> dict[str, Any]:
    """Run `client` on `clients` threads at once; mentions/s stored, and the latencies (ms) of the answers."""
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for done in [pool.submit(client) for _ in range(clients)]:
            done.result()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else [float("nan")] * 99
    return {"rate": stored[0] / wall, "p50": cuts[49], "p99": cuts[98], "batch": batch, "stored": stored[0],
            "errors": len(errors), "requests": len(samples) + len(errors), "seconds": wall}


@contextmanager
def lock_waits(engine: Engine) -> Iterator[list[tuple[int, int]]]:
    """Twice a second, (the server's sessions waiting for a lock, its active sessions): a push holds its bucket's
    row lock from adding to it until its commit, so waiters there mean batches queue for the bucket."""
    samples: list[tuple[int, int]] = []
    stop = threading.Event()

    def sample() -> None:
        with engine.connect() as connection:
            while not stop.wait(0.5):
                samples.append(tuple(connection.exec_driver_sql(
                    "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) FILTER (WHERE state = 'active') "
                    "FROM pg_stat_activity WHERE application_name = %(name)s", {"name": APPLICATION}).one()))
                connection.rollback()

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


@contextmanager
def vacuumed(engine: Engine, every: float = 60) -> Iterator[str]:
    """When the server runs without autovacuum (as a test server may), VACUUM the mention tables every `every`
    seconds, as autovacuum would (its default naptime is a minute): pruned rows free their space for new ones."""
    with engine.connect() as connection:
        on = connection.exec_driver_sql("SHOW autovacuum").scalar_one() == "on"
    if on:
        yield "autovacuum is on"
        return
    stop = threading.Event()

    def vacuum() -> None:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            while not stop.wait(every):
                connection.exec_driver_sql("VACUUM mention")
                connection.exec_driver_sql("VACUUM mention_bucket")

    thread = threading.Thread(target=vacuum, daemon=True)
    thread.start()
    try:
        yield f"autovacuum is off on this server: VACUUM of the mention tables every {every:.0f} s instead"
    finally:
        stop.set()
        thread.join()


def waits(samples: list[tuple[int, int]]) -> str:
    if not samples:
        return ""
    waiting, active = (statistics.mean(column) for column in zip(*samples))
    return f"   server sessions: {active:.1f} active, {waiting:.1f} of them waiting for a lock"


def raw_rows(mentions: Mentions, count: int) -> list[dict[str, Any]]:
    """The rows the webhook would store for `count` of these mentions (parsed, with a fixed score)."""
    now = datetime.now(UTC)
    return [mention_values(parse_mention(item, source=f"webhook:{SOURCE}", feed=SOURCE, term="acme", now=now)
                           .scored(0.0, "neutral")) for item in mentions.batch(count)]


def raw_insert(engine: Engine, rows: list[dict[str, Any]], batch: int, clients: int) -> dict[str, Any]:
    """The baseline: `rows` into raw_mention (a copy of the mention table) by `clients` connections of their
    own, each batch one executemany and one commit."""
    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    columns = list(rows[0])
    statement = (f"INSERT INTO raw_mention ({', '.join(columns)}) "
                 f"VALUES ({', '.join('%(' + name + ')s' for name in columns)})")
    lock, position, samples, stored = threading.Lock(), [0], [], [0]

    def client() -> None:
        connection = psycopg.connect(conninfo)
        try:
            while True:
                with lock:
                    chunk = rows[position[0]:position[0] + batch]
                    position[0] += batch
                if not chunk:
                    break
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.executemany(statement, chunk)
                connection.commit()
                with lock:
                    samples.append((time.perf_counter() - started) * 1000)
                    stored[0] += len(chunk)
        finally:
            connection.close()

    try:
        return measured(client, clients, samples, [], stored, batch)
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql("TRUNCATE raw_mention")


def scorer_rate(mentions: Mentions, count: int = 5000) -> float:
    texts = [item["text"] for item in mentions.batch(count)]
    started = time.perf_counter()
    CrisisScorer(["acme"]).score_many(texts, ["en"] * count)
    return count / (time.perf_counter() - started)


def rss_mib(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of the process in MiB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def table_state(engine: Engine) -> tuple[int, float]:
    """(mentions in the table, MiB the schema's tables take with their indexes and TOAST)."""
    with engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM mention").scalar_one()
        size = connection.exec_driver_sql(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND c.relname <> 'raw_mention'").scalar_one()
    return int(count), int(size) / 2 ** 20


def line(name: str, result: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    ratio = f"   {result['rate'] / baseline['rate']:5.1%} of baseline" if baseline else ""
    return (f"{name:<42} {result['rate']:8.0f} mentions/s   p50 {result['p50']:7.1f} ms   p99 {result['p99']:7.1f} ms"
            f"   errors {result['errors']}   ({result['requests']} requests of {result['batch']}){ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--mentions", type=int, default=1_000_000, help="mentions stored in all (memory part)")
    parser.add_argument("--seconds", type=float, default=900, help="at most this long for the memory part")
    parser.add_argument("--clients", default="10,50", help="concurrent posters of the throughput part (none: skip it)")
    parser.add_argument("--phase", type=int, default=50_000, help="mentions per throughput phase")
    parser.add_argument("--batch", type=int, default=100, help="mentions per request in the throughput part")
    parser.add_argument("--bulk-batch", type=int, default=500, help="mentions per request in the memory part")
    parser.add_argument("--bulk-clients", type=int, default=10)
    parser.add_argument("--retention-days", type=int, default=1)
    parser.add_argument("--bucket-minutes", type=int, default=5, help="the plan's monitor.bucket_minutes")
    parser.add_argument("--lead", type=float, default=30, help="seconds after the retention edge each mention is "
                        "created (it is pruned that long after it is stored)")
    args = parser.parse_args()
    if not args.database.startswith("postgres"):
        raise SystemExit("this benchmark measures PostgreSQL: give --database postgresql+psycopg://...")
    with scratch_database(args.database) as database, tempfile.TemporaryDirectory() as folder, \
            slack_sandbox() as sandbox:
        plan = write_plan(Path(folder), args.retention_days, args.bucket_minutes)
        with crisisbot_serve(database, plan, sandbox, Path(folder) / "serve.log") as (port, pid):
            run(args, database, port, pid)
        print_log(Path(folder) / "serve.log")


def print_log(path: Path) -> None:
    """What the server logged (WARNING and above), each distinct message once with its count."""
    seen: dict[str, int] = {}
    for text in path.read_text().splitlines():
        try:
            entry = json.loads(text)
        except ValueError:
            entry = {"level": "?", "message": text}
        cause = [line for line in entry.get("exception", "").splitlines() if "Error" in line][-1:] or [""]
        key = re.sub(r"\d+", "#", f"{entry['level']} {entry['message'][:160]} {cause[0][:200]}")
        seen[key] = seen.get(key, 0) + 1
    print(f"server log: {sum(seen.values())} lines" + "".join(f"\n  {n} x {key}" for key, n in seen.items()))


class Checkpoints:
    """Mentions stored so far in all; at each mark (0, 1/4 .. all of the total): the server's memory and the table."""

    def __init__(self, total: int, pid: int, engine: Engine) -> None:
        self.marks, self.pid, self.engine = [round(total * quarter / 4) for quarter in range(5)], pid, engine
        self.stored, self.lock, self.started = 0, threading.Lock(), time.perf_counter()
        self.taken: list[tuple[int, float, float, int, float, float]] = []
        self.add(0)

    def add(self, stored: int) -> None:
        with self.lock:
            self.stored += stored
            while len(self.taken) < len(self.marks) and self.stored >= self.marks[len(self.taken)]:
                self.taken.append((self.stored, *rss_mib(self.pid), *table_state(self.engine),
                                   time.perf_counter() - self.started))

    def print(self) -> None:
        print(f"  {'stored':>10} {'RSS MiB':>8} {'peak MiB':>9} {'in table':>9} {'schema MiB':>11} {'at s':>7}")
        rows = self.taken if len(self.taken) == len(self.marks) else [*self.taken, (
            self.stored, *rss_mib(self.pid), *table_state(self.engine), time.perf_counter() - self.started)]
        for stored, rss, peak, in_table, size, at in rows:
            print(f"  {stored:>10,} {rss:>8.1f} {peak:>9.1f} {in_table:>9,} {size:>11.1f} {at:>7.0f}")


def run(args: argparse.Namespace, database: str, port: int, pid: int) -> None:
    mentions = Mentions(timedelta(days=args.retention_days), args.lead)
    engine = make_engine(database)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE raw_mention (LIKE mention INCLUDING ALL)")
    tally = Checkpoints(args.mentions, pid, engine)
    print(f"crisisbot serve (pid {pid}) on PostgreSQL; the scorer alone, one thread: "
          f"{scorer_rate(mentions):,.0f} mentions/s")
    post(port, mentions, args.batch, 2000, 4, 60, tally.add)  # warm up: imports, pools, first bucket
    phases = [int(n) for n in args.clients.split(",") if n]
    if phases:
        print("\n(a) throughput: POST /ingest/listener; baseline (executemany of the same rows) right before each")
    for clients in phases:
        baseline = raw_insert(engine, raw_rows(mentions, args.phase), args.batch, clients)
        with lock_waits(engine) as samples:
            result = post(port, mentions, args.batch, args.phase, clients, args.seconds, tally.add)
        print(line(f"  baseline, raw executemany, {clients} connections", baseline))
        print(line(f"  crisisbot webhook, {clients} concurrent posters", result, baseline) + waits(samples))
    print(f"\n(b) memory: posting until {args.mentions:,} are stored in all ({args.bulk_clients} posters, "
          f"{args.bulk_batch} a request, at most {args.seconds:.0f} s); each pruned ~{args.lead:.0f} s after it is "
          "stored")
    with vacuumed(engine) as vacuum, lock_waits(engine) as samples:
        print(f"  {vacuum}")
        bulk = post(port, mentions, args.bulk_batch, max(0, args.mentions - tally.stored), args.bulk_clients,
                    args.seconds, tally.add)
    print(line("  crisisbot webhook, bulk", bulk) + waits(samples))
    tally.print()
    engine.dispose()


if __name__ == "__main__":
    main()
