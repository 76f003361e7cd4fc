"""What the Home tab's use cases need: the people who opened it, and a chat that has one (an optional capability:
a platform without a Home tab, such as Teams, simply does not implement it)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from crisis.home.model import HomeViewer
from crisis.monitor.views import Chart
from crisis.views import Card


@runtime_checkable
class HomeTabs(Protocol):
    """Optional: a page of the bot's own that each person sees (Slack's App Home). Without it there is no Home."""

    def show_home(self, user_id: str, card: Card, charts: Sequence[Chart] = ()) -> None:
        """Show `card` as the person's Home tab, replacing what it showed, with the watched terms' charts (each
        term's last day: mentions, the normal band and the reputation per hour) under it where the platform can."""
        ...


class HomeViewers(Protocol):
    """People who opened the Home tab (one row each)."""

    def put(self, viewer: HomeViewer) -> None:
        """Store the viewer, replacing their row."""
        ...

    def lock(self, user: str) -> HomeViewer | None: ...
    def save(self, viewer: HomeViewer) -> None: ...

    def due(self, now: datetime, opened_since: datetime, limit: int) -> list[str]:
        """Viewers who opened the tab since `opened_since` and whose check_at has come, soonest first; rows being
        worked on are skipped."""
        ...

    def forget(self, opened_before: datetime) -> int:
        """Drop the viewers who last opened the tab before `opened_before`; how many."""
        ...
