"""The language of one reader: the Slack locale a person chose (users.info with include_locale), for what only they
see — replies, modals, direct messages. Everything the team sees together speaks the plan's language.

The rule: a reply, a modal or a DM is written in the person's Slack language when crisisbot ships it ('nl-NL' ->
nl), else in the plan's. Slack sends the locale only when asked, so it is looked up once per person and kept for
an hour (a failed or slow lookup for five minutes: the plan's language meanwhile); the lookup has a short timeout
and no retries, so a slow Slack costs a reply at most LOOKUP_TIMEOUT, and a modal's trigger (3 s) survives. Replies
to one person that need the lookup at the same time (a burst of their clicks) share it: one users.info call."""
from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from crisis.i18n import shipped, voice

log = logging.getLogger(__name__)
LOOKUP_TIMEOUT = 1.5
"""Seconds a locale lookup may take (users.info is Tier 4, usually tens of milliseconds)."""
KNOWN_FOR = 3600.0
UNKNOWN_FOR = 300.0
MAX_PEOPLE = 10_000
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")


class ReaderLocales:
    """Each person's shipped language (or None: the plan's), looked up in Slack and kept for a while."""

    def __init__(self, client: WebClient, clock: Callable[[], float] = time.monotonic) -> None:
        token = getattr(client, "token", None)
        self._lookups = WebClient(token=token, base_url=client.base_url, timeout=LOOKUP_TIMEOUT,
                                  retry_handlers=[]) if token else None
        self._clock = clock
        self._known: dict[str, tuple[str | None, float]] = {}
        self._asking: dict[str, Future[str | None]] = {}
        self._lock = threading.Lock()

    def locale(self, user_id: str | None, *, ask: bool = True) -> str | None:
        """The person's language if shipped; `ask=False` answers only from what is kept (on an ack's path)."""
        if not user_id or not _USER_ID.match(user_id) or self._lookups is None:
            return None
        now = self._clock()
        with self._lock:
            kept = self._known.get(user_id)
            if kept and kept[1] > now:
                return kept[0]
            if not ask:
                return None
            asked = self._asking.get(user_id)
            if asked is None:
                asked = self._asking[user_id] = Future()
                mine = True
            else:
                mine = False
        if not mine:  # the first one's call ends within its timeout (connecting and reading): wait for it
            try:
                return asked.result(timeout=2 * LOOKUP_TIMEOUT)
            except TimeoutError:
                return None
        found, ok = None, False
        try:
            found, ok = self._ask(user_id)
        finally:
            with self._lock:
                if len(self._known) >= MAX_PEOPLE:
                    self._known.clear()
                self._known[user_id] = (found, now + (KNOWN_FOR if ok else UNKNOWN_FOR))
                del self._asking[user_id]
            asked.set_result(found)
        return found

    def _ask(self, user_id: str) -> tuple[str | None, bool]:
        try:
            user = self._lookups.users_info(user=user_id, include_locale=True)["user"]
        except (SlackApiError, OSError) as error:
            log.info("locale of %s unknown (%s): the plan's language", user_id, type(error).__name__)
            return None, False
        return shipped(user.get("locale")), True


_BY_CLIENT: dict[tuple[str | None, str], ReaderLocales] = {}
_BY_CLIENT_LOCK = threading.Lock()


def readers_of(client: WebClient) -> ReaderLocales:
    """The one ReaderLocales of a workspace (Bolt copies the client per request: its token and URL stay)."""
    key = (getattr(client, "token", None), getattr(client, "base_url", ""))
    with _BY_CLIENT_LOCK:
        found = _BY_CLIENT.get(key)
        if found is None:
            found = _BY_CLIENT[key] = ReaderLocales(client)
        return found


@contextmanager
def speaking_to(client: WebClient, user_id: str | None, *, ask: bool = True) -> Iterator[None]:
    """Texts rendered inside the block are in `user_id`'s language (see the module's rule)."""
    with voice.reader(readers_of(client).locale(user_id, ask=ask)):
        yield


@contextmanager
def speaking_to_all() -> Iterator[None]:
    """Texts rendered inside the block are in the plan's language: posts the whole channel reads."""
    with voice.reader(None):
        yield
