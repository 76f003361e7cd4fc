"""How long a spike's drivers take on a full window (20,000 mentions) against a full baseline (20,000), next to
a baseline measured in the same run: one pass of the scorer's text cleaning over the same 40,000 texts.

Synthetic mentions (no data files): a vocabulary of made-up words, hashtags and links, reposts in the window.
Run: .venv/bin/python benchmarks/drivers_speed.py
"""
from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

from crisis.monitor.drivers import drivers
from crisis.monitor.explain import BASELINE_LIMIT, WINDOW_LIMIT
from crisis.monitor.mention_text import clean
from crisis.monitor.mentions import Mention

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
WORDS = [f"word{i}" for i in range(3000)] + ["refund", "delayed", "boycott", "lost", "baggage", "rude", "crew"]


def mentions(n: int, start: datetime, angry: bool, rng: random.Random) -> list[Mention]:
    found = []
    for i in range(n):
        words = rng.choices(WORDS, k=rng.randint(6, 20))
        if angry and rng.random() < 0.4:
            words += ["refund", "boycott", "#BoycottAcme", "https://news.example/story?utm_source=x"]
        text = " ".join(words) + f" #tag{rng.randint(1, 200)} https://t.co/{rng.randint(1, 500)}"
        if angry and rng.random() < 0.2:
            text = "RT @anna: acme lost my baggage again, refund now"
        found.append(Mention(source=rng.choice(["x", "bluesky", "mastodon"]), source_id=f"{start:%d}-{i}",
                             author=f"@u{rng.randint(1, 9000)}", text=text, url="", term="acme",
                             created_at=start + timedelta(seconds=i), feed=rng.choice(["search", "push"]),
                             label=rng.choice(["negative", "neutral", "positive"])))
    return found


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    rng = random.Random(11)
    window = mentions(WINDOW_LIMIT, T0, True, rng)
    baseline = mentions(BASELINE_LIMIT, T0 - timedelta(days=7), False, rng)
    texts = [m.text for m in window + baseline]
    floor = best_of(3, lambda: [clean(text) for text in texts])
    took = best_of(3, lambda: drivers("acme", T0, T0 + timedelta(hours=1), window, baseline))
    found = drivers("acme", T0, T0 + timedelta(hours=1), window, baseline)
    print(f"clean() over {len(texts):,} texts (baseline): {floor * 1000:.0f} ms")
    print(f"drivers() on {len(window):,} + {len(baseline):,} mentions: {took * 1000:.0f} ms "
          f"({took / floor:.1f}x the baseline)")
    print("top terms:", [r.text for r in found.terms], "hashtags:", [r.text for r in found.hashtags],
          "links:", [r.text for r in found.links])


if __name__ == "__main__":
    main()
