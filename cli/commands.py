"""One function per `crisisbot` command: read its arguments, call the wired bot or task, print the outcome."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
from concurrent.futures import Executor
from typing import Any, Callable

from cli.clock_file import FileClock
from wiring import tasks
from wiring.settings import Settings, StartupError

log = logging.getLogger("crisisbot")


def cmd_run(args: argparse.Namespace) -> int:
    from wiring import root  # Slack, the database and the scheduler: only for the bot itself

    settings = Settings()
    app_token = settings.app_token()
    bot = root.from_settings(settings, signing_secret=None, migrate=not args.no_migrate)
    bot.start_scheduler()
    log.info("crisisbot running in Socket Mode")
    bot.socket_mode(app_token).start()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from wiring import root  # Slack, the database and the scheduler: only for the bot itself

    settings = Settings()
    secret = settings.signing_secret()
    clock = FileClock(args.clock_file) if args.clock_file else None
    bot = root.from_settings(settings, signing_secret=secret, migrate=not args.no_migrate, clock=clock)
    server = bot.production_server(args.host, args.port)
    scheduler = bot.start_scheduler(*[args.tick_seconds] * 2) if args.tick_seconds else bot.start_scheduler()
    return _serve(server, scheduler, f"http://{args.host}:{server.server_port}/slack/events", bot.after_acks)


def cmd_serve_teams(args: argparse.Namespace) -> int:
    from wiring import teams  # the Teams adapter, the database and the scheduler
    from wiring.server import ProductionServer, ServerLimits

    clock = FileClock(args.clock_file) if args.clock_file else None
    bot = teams.teams_from_settings(Settings(), migrate=not args.no_migrate, clock=clock)
    server = ProductionServer(teams.http_app(bot), args.host, args.port, ServerLimits())
    scheduler = teams.start_scheduler(bot, args.tick_seconds or teams.TICK_SECONDS)
    return _serve(server, scheduler, f"http://{args.host}:{server.server_port}/api/messages")


def _serve(server: Any, scheduler: Any, url: str, after_acks: Executor | None = None) -> int:
    """Serve until SIGTERM (docker stop: finish the requests in hand, then go) or Ctrl-C; then stop the timers.
    Either way the work after the acks (`after_acks`, Slack's) is done before the process ends, held work included."""
    signal.signal(signal.SIGTERM, _exit)
    print(f"crisisbot listening on {url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if after_acks is not None:
            after_acks.shutdown(wait=True)
    scheduler.shutdown()
    return 0


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    print(f"database is up to date ({tasks.upgrade_database(Settings())})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    if args.story == "prevention":
        from sandbox.prevention_demo import run_prevention_demo

        return run_prevention_demo(out=sys.stdout, language=args.lang)
    if args.platform == "teams":
        from sandbox.teams_demo import run_teams_demo

        return run_teams_demo(out=sys.stdout, mentions=args.mentions, language=args.lang)
    from sandbox.demo import run_demo

    return run_demo(out=sys.stdout, mentions=args.mentions, language=args.lang)


def cmd_score(args: argparse.Namespace) -> int:
    scored = tasks.score(args.input, args.out, args.model, _progress("scored"), args.text_column, args.workers)
    print(f"\nscored {scored.count:,} mentions -> {args.out}")
    print("  by language: " + (_per_language(scored.scored) or "none"))
    unscored = {code or "no text": n for code, n in scored.unscored.items()}
    if unscored:
        print("  unscored (no scorer for that language, or no text): " + _per_language(unscored))
    return 0


def _per_language(counts: dict[str, int]) -> str:
    return ", ".join(f"{code} {n:,}" for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def cmd_train_sentiment(args: argparse.Namespace) -> int:
    if args.epochs and not args.encoder:
        raise StartupError("--epochs is for --encoder only (the trained tier has no epochs to set)")
    summary = tasks.train(args.labelled, args.label_column, args.out, args.text_column, args.encoder,
                          _progress("training steps"), args.epochs)
    labels = ", ".join(f"{label} {n:,}" for label, n in sorted(summary.per_label.items()))
    print(("\n" if args.encoder else "") + f"trained on {summary.used:,} mentions ({labels}; by language: "
          f"{_per_language(summary.per_language)}) in {summary.seconds:.1f} s; "
          f"training-set macro-F1 {summary.training_macro_f1:.2f}; model -> {summary.model_path}")
    print("use it: CRISIS_SENTIMENT_MODEL=" + str(summary.model_path))
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    buckets, found = tasks.backtest(args.series, args.out, args.plan, args.bucket_minutes, _progress("buckets"),
                                    args.explain)
    first = sum(1 for w in found if w.level == 1)
    print(f"\n{buckets:,} buckets: {first} warning(s), {len(found) - first} update(s) -> {args.out}")
    if args.explain:
        print(f"what drove each warning -> {args.explain}")
    return 0


def cmd_export_labels(args: argparse.Namespace) -> int:
    count = tasks.export_labels(Settings(), args.out)
    print(f"exported {count:,} labelled mentions -> {args.out} "
          f"(train with: crisisbot train-sentiment {args.out} --label-column label --out model.json)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    report = tasks.export_report_file(Settings(), args.crisis, args.format == "md", args.out)
    if not report.final:
        print("the debrief is still open: this report has the answers so far", file=sys.stderr)
    print(f"report of crisis #{report.crisis.id} ({report.crisis.title}) -> {args.out}")
    return 0


def cmd_schedule_import(args: argparse.Namespace) -> int:
    imported = tasks.import_calendar(Settings(), args.calendar)
    for line, why in imported.refused:
        print(f"{args.calendar}:{line}: {why}", file=sys.stderr)
    print(f"queued {imported.added} post(s) from {args.calendar}; {imported.known} were queued before; "
          f"{len(imported.refused)} row(s) refused")
    return 1 if imported.refused else 0


def _progress(what: str) -> Callable[..., None]:
    """A one-line counter on a terminal (stderr), silent when piped."""
    if not sys.stderr.isatty():
        return lambda *args: None

    def show(done: int, total: int | None = None) -> None:
        of = f" of {total:,}" if total else ""
        print(f"\r{what}: {done:,}{of}", end="", file=sys.stderr, flush=True)

    return show
