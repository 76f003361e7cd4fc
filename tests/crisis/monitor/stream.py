"""Mentions of "acme" for the monitor's use-case tests: two calm days, then an angry burst."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from crisis.monitor.mentions import Mention

START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
SPIKE_AT = START + timedelta(days=2, hours=14)
CALM = ["Lovely flat white at acme today", "acme is open late, nice", "Queue at acme was long but ok"]
ANGRY = ["This acme ad is disgusting, boycott", "Never again acme, delete that video", "acme mocking nurses? shameful"]


def mention(source_id: str, at: datetime, text: str = "acme is fine", author: str = "@someone") -> Mention:
    return Mention(source="mastodon", source_id=source_id, author=author, text=text,
                   url=f"https://social.example/{source_id}", created_at=at, language="en", term="acme", feed="replay")


def stream(until: datetime, calm: int = 4, burst: int = 60) -> list[Mention]:
    """Every mention created before `until`, oldest first: `calm` per 5 minutes, `burst` from SPIKE_AT on."""
    rng, found, moment = random.Random(7), [], START
    while moment < until:
        angry = moment >= SPIKE_AT
        for i in range(burst if angry else calm + rng.randint(-1, 1)):
            at = moment + timedelta(seconds=rng.randint(0, 299))
            if at < until:
                text = f"{rng.choice(ANGRY if angry else CALM)} #{rng.randint(1, 10**6)}"
                found.append(mention(f"{moment:%Y%m%d%H%M}-{i}", at, text, f"@user{rng.randint(1, 5000)}"))
        moment += timedelta(minutes=5)
    return sorted(found, key=lambda m: m.created_at)
