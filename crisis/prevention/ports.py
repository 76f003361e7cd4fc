"""What prevention's use cases need: the account register, notices, offboardings and reviews, and its chat slice."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from crisis.prevention.model import AccessReview, Account, Notice, Offboarding
from crisis.views import Card


class PreventionChat(Protocol):
    """Prevention's messages are neutral views (crisis.prevention.views), posted once by their key."""

    def send_view(self, to: str, card: Card, key: str) -> tuple[str, str]:
        """Post the view to a channel, or to a person directly when `to` is a person's id; a post with the same
        key already made is found, not repeated. Returns (the conversation's id, the message's reference)."""

    def edit_view(self, channel_id: str, ref: str, card: Card) -> None: ...


class AccountRegister(Protocol):
    """Accounts entered in the admin modal (the plan's are in the plan)."""

    def all(self) -> list[Account]: ...

    def put(self, account: Account) -> Account:
        """Store the entry, replacing the one for the same account (platform and handle)."""


class Notices(Protocol):
    def add(self, notice: Notice) -> bool:
        """False when a notice with the key exists (said before, or by another replica)."""

    def keys(self, prefix: str) -> set[str]: ...
    def lock(self, key: str) -> Notice | None: ...
    def save(self, notice: Notice) -> None: ...
    def due(self, now: datetime, limit: int) -> list[str]:
        """Keys of unsent notices whose due_at has come, oldest first; rows being worked on are skipped."""


class Offboardings(Protocol):
    def add(self, offboarding: Offboarding) -> Offboarding | None:
        """None when the person's departure of that number is recorded already (unique user and departure)."""

    def of_user(self, user: str) -> list[Offboarding]:
        """The person's departures recorded, first first."""

    def get(self, offboarding_id: int) -> Offboarding | None: ...
    def lock(self, offboarding_id: int) -> Offboarding | None: ...
    def save(self, offboarding: Offboarding) -> None: ...
    def all(self) -> list[Offboarding]: ...
    def cards_due(self, now: datetime, limit: int) -> list[int]: ...
    def reminders_due(self, now: datetime, limit: int) -> list[int]: ...


class AccessReviews(Protocol):
    def add(self, review: AccessReview) -> AccessReview | None:
        """None when the account's review of that round exists."""

    def get(self, review_id: int) -> AccessReview | None: ...
    def lock(self, review_id: int) -> AccessReview | None: ...
    def save(self, review: AccessReview) -> None: ...
    def last_rounds(self) -> dict[str, datetime]:
        """Account key -> when its latest review started."""

    def cards_due(self, now: datetime, limit: int) -> list[int]: ...
    def late(self, now: datetime, limit: int) -> list[AccessReview]:
        """Reviews not completed whose due_at has passed (escalated or not), longest overdue first."""
        ...

    def overdue(self, now: datetime, limit: int) -> list[int]:
        """Reviews not completed whose due_at has passed."""
