"""A small synthetic mention stream for the monitor's end-to-end tests: two calm days, then a burst."""
from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
SPIKE_AT = START + timedelta(days=2, hours=14)
CALM = ["Lovely flat white at acme today", "acme is open late, nice", "Queue at acme was long but ok",
        "Trying the new acme seasonal latte", "acme app crashed again, annoying", "Meeting friends at acme"]
ANGRY = ["This acme ad is disgusting, boycott", "Never again acme, delete that video",
         "acme mocking nurses?! shameful", "Unsubscribing from acme forever, terrible ad"]


def write_stream(path: Path, calm_per_bucket: int = 4, spike_per_bucket: int = 60, spike_buckets: int = 12) -> Path:
    rng = random.Random(7)
    rows: list[dict[str, Any]] = []
    moment, end = START, SPIKE_AT + timedelta(minutes=5 * spike_buckets)
    while moment < end:
        burst = moment >= SPIKE_AT
        for i in range(spike_per_bucket if burst else calm_per_bucket + rng.randint(-1, 1)):
            text = rng.choice(ANGRY if burst else CALM) + f" #{rng.randint(1, 10**6)}"
            at = moment + timedelta(seconds=rng.randint(0, 299))
            rows.append({"id": f"{moment:%Y%m%d%H%M}-{i}", "created_at": at.isoformat().replace("+00:00", "Z"),
                         "author": f"@user{rng.randint(1, 5000)}", "text": text,
                         "url": f"https://social.example/p/{moment:%Y%m%d%H%M}{i}", "language": "en"})
        moment += timedelta(minutes=5)
    rows.sort(key=lambda r: r["created_at"])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def monitor_plan_section(path: Path) -> dict[str, Any]:
    return {"terms": ["acme"], "crisis_update_every": "30m",
            "sources": [{"name": "replay", "type": "file", "term": "acme", "path": str(path), "every": "1m"},
                        {"name": "push", "type": "webhook", "term": "acme", "token_env": "PUSH_TOKEN"}],
            "spikes": {"warmup_days": 1}}
