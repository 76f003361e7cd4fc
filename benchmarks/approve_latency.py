"""Click-to-card-updated time for Approve in HTTP mode against the sandbox (median / p99).

Each sample: a fresh draft; one approver clicks Approve (a signed block_actions request to the Bolt
app over loopback); timed until the listener finished, i.e. the card was updated with chat.update
(the rule needs a second approval, so nothing is published). Same process, same run: the ack alone.
Run: .venv/bin/python benchmarks/approve_latency.py [--clicks 200] [--latency 0]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from db.migrate import upgrade
from db.session import make_engine
from db.uow import SqlUnitOfWorkFactory
from handlers import ids
from sandbox.demo import OPEN_FORM
from sandbox.local_bot import start_local_bot


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{name:<40} median {statistics.median(ordered):7.1f} ms   p99 {p99:7.1f} ms   (n={len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clicks", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every Web API call")
    args = parser.parse_args()
    engine = make_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'approve.sqlite'}")
    upgrade(engine)
    bot = start_local_bot(SqlUnitOfWorkFactory(engine), latency=args.latency)
    try:
        bot.command("opener", "open Bench", "general")
        bot.submit("opener", bot.sandbox.views_opened()[-1]["id"], OPEN_FORM)
        channel = next(c.response["channel"]["id"] for c in bot.sandbox.calls_to("conversations.create"))
        acks, updated = [], []
        for _ in range(args.clicks):
            bot.command("lead", "draft", channel)
            bot.submit("lead", bot.sandbox.views_opened()[-1]["id"], {
                ids.TARGET_BLOCK: {ids.TARGET_INPUT: {"type": "static_select", "selected_option": {"value": "x"}}},
                ids.TEXT_BLOCK: {ids.TEXT_INPUT: "We are sorry and have pulled the ad."}})
            card = next(m for m in reversed(bot.sandbox.messages(channel)) if ids.APPROVE in str(m.get("blocks")))
            body = bot.slack.click_body(bot.users["legal"], channel, card["ts"], ids.APPROVE)
            start = time.perf_counter()
            status, _ = bot.slack.post(body)
            acks.append((time.perf_counter() - start) * 1000)
            bot.settle()
            updated.append((time.perf_counter() - start) * 1000)
            assert status == 200
        print(f"Approve in HTTP mode against the sandbox ({args.latency * 1000:.0f} ms added per Web API call)")
        print(summary("click -> ack (HTTP response)", acks))
        print(summary("click -> card updated (chat.update done)", updated))
    finally:
        bot.stop()


if __name__ == "__main__":
    main()
