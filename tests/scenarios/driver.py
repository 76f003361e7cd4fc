"""The driver interface the scenarios are written against: people act by name (plan role keys), and what they see
comes back as `Shown` messages (text as a person reads it, the buttons offered) and `Told` answers; each platform's
driver (slack_driver, teams_driver) implements it on that platform's loopback fake."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from crisis.debrief.model import Debrief
from crisis.monitor.model import SpikeAlert
from crisis.ports import Ports
from crisis.room.model import Crisis, Page
from crisis.statements.model import PressInquiry, Statement
from sandbox.local_bot import SettableClock
from tests.scenarios.monitoring import raise_spike

PEOPLE = {"lead": "Dana Reyes", "lead_backup": "Omar Haddad", "comms": "Lea Novak", "comms_backup": "Sam Carter",
          "legal": "Maria Rossi", "social": "Jo Kim", "opener": "Alex Moreau"}
"""Who plays in every scenario: plan keys and the names both fakes give them."""
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

PINS, TOPIC, SCHEDULED_POSTS, PER_VIEWER_CARDS, ROOM_FALLBACK = (
    "pins", "topic", "scheduled_posts", "per_viewer_cards", "room_fallback")
"""Abilities only one platform has: a scenario that needs one asks `driver.require(...)`."""


@dataclass(frozen=True)
class Shown:
    """One message as a person sees it: its text (cards read line by line, mentions as names) and its buttons.
    `conversation` and `ref` say where it is; `raw` is the platform's message as it was when seen, so a Shown
    kept while the message changes is a stale card a person may still click."""

    text: str
    buttons: tuple[str, ...]
    conversation: str
    ref: str
    raw: Any = field(repr=False, compare=False, default=None)

    def __contains__(self, words: str) -> bool:
        return words in self.text


@dataclass(frozen=True)
class Told:
    """What the person who acted was shown in answer (Slack: ephemeral replies and modal errors; Teams: the
    card an Action.Execute answers with, or the bot's replies to a message)."""

    text: str

    def __contains__(self, words: str) -> bool:
        return words in self.text


class Driver:
    """What every platform's driver offers. Subclasses implement the methods that raise NotImplementedError."""

    platform = ""
    capabilities: frozenset[str] = frozenset()
    clock: SettableClock
    ports: Ports

    # --- abilities --------------------------------------------------------------------------------------------

    def require(self, capability: str, why: str) -> None:
        """Skip the scenario, saying why, where this platform has no such ability (never a silent pass)."""
        if capability not in self.capabilities:
            pytest.skip(f"{self.platform} has no {capability}: {why}")

    # --- people and time --------------------------------------------------------------------------------------

    def id_of(self, who: str) -> str:
        raise NotImplementedError

    def name_of(self, who: str) -> str:
        return PEOPLE[who]

    def assignee(self, who: str) -> str:
        """How a person is named in a command (`assign <role> <person>`)."""
        raise NotImplementedError

    def tick(self, **delta: float) -> None:
        """Move the clock and run the timers once (pages, escalations, reminders, debrief), as the scheduler does."""
        self.clock.advance(**delta)
        self.run_tick()

    def run_tick(self) -> None:
        raise NotImplementedError

    # --- what the database holds ------------------------------------------------------------------------------

    def crisis(self) -> Crisis:
        with self.ports.uow() as uow:
            return uow.crises.get(1)

    def pages(self) -> list[Page]:
        with self.ports.uow() as uow:
            return uow.pages.for_crisis(1)

    def statements(self) -> list[Statement]:
        with self.ports.uow() as uow:
            return uow.statements.for_crisis(1)

    def inquiries(self) -> list[PressInquiry]:
        with self.ports.uow() as uow:
            return uow.inquiries.for_crisis(1)

    def debrief(self) -> Debrief | None:
        with self.ports.uow() as uow:
            return uow.debriefs.for_crisis(1)

    def timeline(self) -> list[str]:
        with self.ports.uow() as uow:
            return [e.kind.value for e in uow.timeline.for_crisis(1)]

    def timeline_data(self) -> list[dict[str, Any]]:
        with self.ports.uow() as uow:
            return [e.data for e in uow.timeline.for_crisis(1)]

    def alerts(self) -> list[SpikeAlert]:
        with self.ports.uow() as uow:
            return sorted(uow.alerts.recent(EPOCH, 50), key=lambda a: a.id)

    # --- what people see --------------------------------------------------------------------------------------

    def message(self, conversation: str, ref: str) -> Shown:
        raise NotImplementedError

    def messages(self, conversation: str) -> list[Shown]:
        raise NotImplementedError

    def dm(self, who: str) -> list[Shown]:
        """The bot's messages in its 1:1 chat with a person."""
        raise NotImplementedError

    def room(self) -> list[Shown]:
        return self.messages(self.crisis().channel_id)

    def card(self) -> Shown:
        crisis = self.crisis()
        return self.message(crisis.channel_id, crisis.card_ts)

    def page_to(self, who: str, role: str | None = None) -> Shown:
        """The (latest) page to `who` (for `role`) in their 1:1 chat, else in the room."""
        page = next(p for p in reversed(self.pages()) if p.user_id == self.id_of(who) and role in (None, p.role))
        if page.dm_channel and page.dm_ts:
            return self.message(page.dm_channel, page.dm_ts)
        return self.message(self.crisis().channel_id, page.channel_ts)

    def statement_card(self, number: int = 1) -> Shown:
        statement = self.statements()[number - 1]
        return self.message(statement.channel_id, statement.message_ts)

    def inquiry_card(self) -> Shown:
        inquiry = self.inquiries()[-1]
        return self.message(self.crisis().channel_id, inquiry.channel_ts)

    def warning(self) -> Shown:
        """The volume spike's warning as it is now."""
        shown = [self.message(a.channel_id, a.message_ts) for a in self.alerts() if a.message_ts]
        return next(s for s in shown if "Spike in mentions" in s.text)

    def warned(self) -> bool:
        return any("Spike in mentions" in self.message(a.channel_id, a.message_ts) for a in self.alerts()
                   if a.message_ts)

    def announcements(self) -> list[Shown]:
        """The messages in the plan's announce channel (where the whole organisation hears of a crisis)."""
        raise NotImplementedError

    def images(self, conversation: str) -> list[bytes]:
        """The PNG images shown in a conversation (Slack: files shared to it; Teams: images inside cards)."""
        raise NotImplementedError

    def report_files(self) -> list[str]:
        """The names of the report's files shared in the crisis room."""
        raise NotImplementedError

    def room_says(self, words: str) -> list[Shown]:
        return [m for m in self.room() if words in m.text]

    def seen_by(self, who: str, shown: Shown) -> str:
        """The message as `who` sees it, where the platform shows a message per viewer."""
        raise NotImplementedError

    # --- acting -----------------------------------------------------------------------------------------------

    def click(self, who: str, shown: Shown, button: str) -> Told:
        """`who` presses the button labelled `button` on the message as `shown` (which may be out of date)."""
        raise NotImplementedError

    def forge(self, shown: Shown, button: str, value: str) -> Shown:
        """The message with `button` carrying another value (an old or tampered card)."""
        raise NotImplementedError

    def command(self, who: str, text: str, *, in_room: bool = True) -> Told:
        """`/crisis <text>` on Slack, a message `crisis <text>` to the bot on Teams: in the room, or elsewhere."""
        raise NotImplementedError

    def open_crisis(self, who: str = "opener", title: str = "Printer fire", severity: str = "SEV2",
                    kind: str = "other") -> Told:
        raise NotImplementedError

    def acknowledge_page(self, who: str, paged: str | None = None, role: str | None = None) -> Told:
        """`who` presses Acknowledge on the page sent to `paged` (themselves by default) for `role`."""
        return self.click(who, self.page_to(paged or who, role), "Acknowledge")

    def draft_statement(self, who: str, text: str, target: str = "x") -> Told:
        raise NotImplementedError

    def approve(self, who: str, card: Shown | None = None) -> Told:
        return self.click(who, card or self.statement_card(), "Approve")

    def request_changes(self, who: str, note: str) -> Told:
        raise NotImplementedError

    def reject(self, who: str, note: str) -> Told:
        raise NotImplementedError

    def edit_statement(self, who: str, text: str) -> Told:
        raise NotImplementedError

    def close(self, who: str, resolution: str) -> Told:
        raise NotImplementedError

    def answer_debrief(self, who: str, went_well: str, speed: str = "4") -> Told:
        raise NotImplementedError

    def press_request(self, who: str, outlet: str, question: str, due_in: timedelta) -> Told:
        raise NotImplementedError

    def answer_press(self, who: str) -> Told:
        """Answer the last inquiry with the first approved statement offered."""
        raise NotImplementedError

    def update(self, who: str, text: str) -> Told:
        return self.command(who, f"update {text}")

    # --- the monitor (monitored drivers only) -----------------------------------------------------------------

    def spike_warning(self) -> Shown:
        """Replay two calm days then a burst of angry mentions, tick the monitor; the spike warning posted."""
        raise_spike(self.clock, lambda: self.poll("replay"), self.monitor_tick, self.warned)
        return self.warning()

    def poll(self, source: str) -> Any:
        """Poll a mention source once, as its scheduler job does."""
        raise NotImplementedError

    def monitor_tick(self) -> Any:
        raise NotImplementedError

    def false_alarm(self, who: str, reason: str, card: Shown | None = None) -> Told:
        raise NotImplementedError

    def open_from_warning(self, who: str, card: Shown | None = None) -> Told:
        raise NotImplementedError

    # --- faults -----------------------------------------------------------------------------------------------

    def make_unreachable(self, who: str) -> None:
        """Before the crisis opens: `who` has no usable account (Slack: deactivated; Teams: no Teams licence)."""
        raise NotImplementedError

    def rate_limit_dm(self, who: str, seconds: int) -> None:
        """The platform answers the next message to `who`'s 1:1 chat with 429 and Retry-After."""
        raise NotImplementedError

    def send_forged(self, who: str, text: str) -> int:
        """`who`'s command `text` sent with a forged signature or token; the HTTP status the bot answers."""
        raise NotImplementedError

    def calls_to_platform(self) -> int:
        """How many calls the bot has made to the platform's API so far."""
        raise NotImplementedError

    def deny_room_creation(self) -> None:
        """The app may not create the crisis room (Teams: no Channel.Create consent)."""
        raise NotImplementedError
