"""A clock read from a file, for tests that drive a real `crisisbot serve` process's timers with a fixed time.

`crisisbot serve --clock-file PATH` (a hidden, test-only option; docs/operations.md) makes the bot's "now" the
ISO-8601 time written in PATH, re-read on every look; the test moves time by rewriting the file.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path


class FileClock:
    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        moment = datetime.fromisoformat(self.path.read_text(encoding="utf-8").strip())
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
