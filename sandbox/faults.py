"""Random faults the sandbox injects into a share of calls, seeded, and the record of each one injected.

Two families, as in production:
- the call fails BEFORE Slack applies it (nothing changed; a retry is safe): `ratelimited` (429 with
  Retry-After), `server_error` (500), `timeout` (the connection is held past the client's timeout, then
  closed unanswered) and `dropped` (closed unanswered at once);
- the call is applied and only the ANSWER is lost (a retry makes a duplicate unless the caller checks first):
  `lost_timeout` and `lost_dropped`.
"""
from __future__ import annotations

import random
import re
import threading
from collections import Counter
from dataclasses import dataclass

BEFORE_APPLYING = ("ratelimited", "server_error", "timeout", "dropped")
ANSWER_LOST = ("lost_timeout", "lost_dropped")
KINDS = BEFORE_APPLYING + ANSWER_LOST
STATUS = {"ratelimited": 429, "server_error": 500}
"""The kinds that are answered (with this HTTP status); the others close the connection unanswered."""
HELD = ("timeout", "lost_timeout")
SLACK_TS = re.compile(r"\d{9,10}\.\d{6}")


@dataclass(frozen=True)
class InjectedFault:
    """One fault the sandbox injected: on which route (a Web API method, `upload` or `response`), of which
    kind, whether the call had been applied before its answer was lost, and when (sandbox clock)."""

    route: str
    kind: str
    applied: bool
    at: float


class RandomFaults:
    """Decides, seeded, which calls fail and how.

    `share` of the calls on `routes` (default: every route) fail, the kind drawn evenly from `kinds`. Each
    draw is seeded by the call itself (route, content with Slack timestamps left out, and how often the same
    call came before), not by arrival order: calls sent in parallel meet the same faults in every run, and
    a retry of a call draws anew.
    `hold_seconds` is how long a `timeout` holds the connection (make it longer than the client's timeout);
    `retry_after` is the Retry-After a `ratelimited` answer carries.
    """

    def __init__(self, share: float, seed: int, kinds: tuple[str, ...] = BEFORE_APPLYING, *,
                 routes: frozenset[str] | None = None, hold_seconds: float = 1.0, retry_after: int = 0) -> None:
        unknown = set(kinds) - set(KINDS)
        if unknown or not kinds or not 0 <= share <= 1:
            raise ValueError(f"faults need 0 <= share <= 1 and kinds among {KINDS}, not {sorted(unknown)}")
        self.share = share
        self.kinds = kinds
        self.routes = routes
        self.hold_seconds = hold_seconds
        self.retry_after = retry_after
        self.seed = seed
        self._seen: Counter[str] = Counter()
        self._guard = threading.Lock()

    def draw(self, route: str, content: str = "") -> str | None:
        """The fault this call (on `route`, carrying `content`) gets, or None."""
        if self.routes is not None and route not in self.routes:
            return None
        call = f"{route}|{SLACK_TS.sub('ts', content)}"
        with self._guard:
            repeat = self._seen[call]
            self._seen[call] += 1
        draw = random.Random(f"{self.seed}|{call}|{repeat}")
        return draw.choice(self.kinds) if draw.random() < self.share else None
