"""What the crisis room's use cases need: its repositories and the chat room it talks to."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from crisis.events import TimelineEvent
from crisis.i18n import Msg
from crisis.plan import CrisisPlan
from crisis.room.model import (
    CardFacts,
    ChannelRef,
    Crisis,
    InviteFailure,
    Page,
    PageDelivery,
)


class RoomChat(Protocol):
    """What the crisis room needs from a chat platform: people, the crisis channel, its card, pages and
    messages. Texts come from the message catalog; the platform renders the room's views (crisis.room.views)."""

    def resolve_user(self, ref: str) -> str | None:
        """The platform's id of a person the plan names (by id or email); None when nobody matches."""

    def resolve_channel(self, ref: str) -> str | None:
        """The id of a channel the plan names (by id or #name); None when there is none."""

    def create_channel(self, name: str, *, private: bool) -> ChannelRef:
        """A new channel, `private`: seen only by the people in it; ChannelNameTaken when the name is in use."""

    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        """Add people to the channel; those the platform refuses are reported, the rest are added."""

    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> str:
        """Show the crisis card in its channel; return the message's reference."""

    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> None: ...
    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery:
        """Page the person directly and in the crisis channel, with an Acknowledge button; one of the two suffices."""

    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None:
        """Edit the page's messages to say its role is acknowledged; again is harmless."""

    def post(self, channel_id: str, message: Msg, key: str | None = None) -> None:
        """Post a text to a channel, or to a person when given a person's id. `key` names one logical post
        (`escalated:<page id>` ...): sent again after a crash or a lost answer, it is not shown twice."""

    def channel_members(self, channel_id: str) -> list[str]:
        """People in the channel (bots left out)."""

    def archive(self, channel_id: str) -> None: ...
    def names(self, ids: Sequence[str]) -> dict[str, str]:
        """Display names of people and channels by id; ids the platform does not know are left out."""


@runtime_checkable
class People(Protocol):
    """Optional: whether an id is a person who can hold a role. Without it, any id named is taken as one."""

    def is_person(self, user_id: str) -> bool | None:
        """False for an id the workspace does not know, a deactivated account or a bot; None when it cannot tell
        now (the platform did not answer): a crisis is not held up by that."""


@runtime_checkable
class Topics(Protocol):
    """Optional: a channel topic. Without it the crisis channel has none."""

    def set_topic(self, channel_id: str, topic: Msg) -> None: ...


@runtime_checkable
class MadeChannels(Protocol):
    """Optional: finding a channel the bot made. With it, a set-up run again after its runner died while creating
    the room adopts the channel that runner made instead of making a second one."""

    def made_since(self, name: str, since: datetime) -> ChannelRef | None:
        """The unarchived channel called `name` that the bot created at or after `since`, if any."""
        ...


@runtime_checkable
class Pins(Protocol):
    """Optional: pinning a message. Without it the crisis card is only posted."""

    def pin(self, channel_id: str, ref: str) -> None: ...


class CrisisRepository(Protocol):
    def add(self, crisis: Crisis) -> Crisis: ...
    def get(self, crisis_id: int) -> Crisis | None: ...
    def by_channel(self, channel_id: str) -> Crisis | None: ...
    def by_channel_name(self, name: str) -> Crisis | None: ...
    def save(self, crisis: Crisis) -> None: ...
    def lock(self, crisis_id: int) -> Crisis | None:
        """Read the crisis and hold a row lock on it until commit: every change of a crisis,
        its roles and its pages takes this lock first, so replicas and double clicks serialise."""
    def opened_by(self, request_key: str) -> Crisis | None:
        """The crisis the request with this key opened."""

    def setups_due(self, now: datetime, silent_since: datetime) -> list[int]:
        """Open crises not set up whose set_up_retry_at has passed or whose set-up runner has been silent since
        `silent_since`; rows being worked on are skipped."""

    def open_for_term(self, term: str) -> Crisis | None:
        """The most recently opened open crisis about this watched term."""

    def open_with_term(self) -> list[Crisis]: ...

    def open(self) -> list[Crisis]:
        """Every open crisis, oldest first."""

    def updates_due(self, now: datetime) -> list[int]:
        """Open crises whose next_update_due_at has passed."""

    def cards_due(self, now: datetime, limit: int) -> list[int]:
        """Crises whose stale card is due to be shown (card_due_at has passed); rows being worked on are skipped."""


class PageRepository(Protocol):
    def add(self, page: Page) -> Page: ...
    def get(self, page_id: int) -> Page | None: ...
    def for_crisis(self, crisis_id: int) -> list[Page]: ...
    def save(self, page: Page) -> None: ...
    def due_escalations(self, now: datetime, limit: int) -> list[int]: ...
    def due_deliveries(self, now: datetime, silent_since: datetime, limit: int) -> list[int]:
        """Pages whose delivery is not recorded, given up or escalated (acknowledged ones too), due at `now` or held
        by a runner silent since `silent_since`."""
    def acks_due(self, now: datetime, limit: int) -> list[int]: ...
    def notices_due(self, now: datetime, limit: int) -> list[int]: ...


class Timeline(Protocol):
    def append(self, crisis_id: int, event: TimelineEvent) -> None: ...
    def for_crisis(self, crisis_id: int) -> list[TimelineEvent]: ...


class RequestLog(Protocol):
    """Retried requests and double clicks: a request key is claimed once; a second claim is False."""

    def claim(self, key: str, at: datetime) -> bool: ...

    def prune(self, before: datetime) -> int:
        """Forget keys claimed before `before`; returns how many."""
        ...
