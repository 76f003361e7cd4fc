"""Write examples/drill-recording.jsonl: a small recorded mention stream for `/crisis drill replay=complaint-wave`.

Generated (fixed seed, standard library only), with texts written for this project. Each row's `at` is its time in
seconds from the drill's start: three and a half quiet days before it (negative: the history the spike detector
learns "normal" from, fed at once when the drill starts), ten quiet minutes, then a wave of complaints about a
cancelled loyalty scheme that peaks about 25 minutes in and fades by the hour.

Run `python examples/make_drill_recording.py [OUTPUT]`: the same bytes every time.
"""
from __future__ import annotations

import json
import math
import random
import sys
from pathlib import Path

SEED = 13
OUTPUT = Path(__file__).with_name("drill-recording.jsonl")
HISTORY_SECONDS = 84 * 3600  # 3.5 days: more than the detector's default warm-up (warmup_days: 3)
CALM_EVERY = 600  # about one ordinary mention every ten minutes
WAVE_START, WAVE_END = 600, 3600
CALM = ["Flat white at acme this morning, still the best", "acme on the corner is busy again",
        "Working from acme today, good wifi", "New autumn menu at acme looks nice", "acme barista remembered my name",
        "Queue at acme was long but it moved", "Grabbing an acme oat latte before the train"]
ANGRY = ["acme just cancelled my loyalty points without warning, terrible", "Years of stamps gone? shameful, acme",
         "acme loyalty app wiped my rewards, never again", "Boycott acme until they give the points back",
         "acme support on hold for an hour about my points, disgusting", "Is acme seriously scrapping the card?"]


def rows() -> list[dict[str, object]]:
    rng = random.Random(SEED)
    made: list[dict[str, object]] = []
    at = -HISTORY_SECONDS
    while at < WAVE_END:
        at += rng.randint(CALM_EVERY // 2, CALM_EVERY * 3 // 2)
        made.append(_row(len(made), at, rng.choice(CALM), rng))
    for second in range(WAVE_START, WAVE_END, 15):  # the wave: up to 9 mentions per 15 s at its peak
        height = math.exp(-((second - 1500) / 700) ** 2)
        for _ in range(sum(rng.random() < height for _ in range(9))):
            made.append(_row(len(made), second + rng.randint(0, 14), rng.choice(ANGRY), rng))
    return sorted(made, key=lambda r: (r["at"], r["id"]))


def _row(number: int, at: int, text: str, rng: random.Random) -> dict[str, object]:
    return {"id": f"r{number}", "at": at, "author": f"@fan{rng.randint(1, 900)}", "text": text, "language": "en"}


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else OUTPUT
    path.write_text("".join(json.dumps(row, separators=(",", ":")) + "\n" for row in rows()), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
