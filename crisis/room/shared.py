"""Pieces every use case shares: finding the crisis of a channel, a locked change of a crisis (its card shown
after it), chat calls in parallel, and follow-up messages that must not undo a recorded change."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, TypeVar

from crisis.errors import ChatFailure, UnknownCrisis
from crisis.i18n import Msg
from crisis.ports import Ports
from crisis.room import permissions
from crisis.room.model import Crisis
from crisis.room.permissions import Authority
from crisis.room.ports import People
from crisis.room.rules import ensure_open
from crisis.room.showing import card_changed, show_card
from crisis.room.showing import refresh_card as refresh_card

log = logging.getLogger(__name__)


def crisis_for_channel(channel_id: str, *, ports: Ports) -> Crisis:
    with ports.uow() as uow:
        crisis = uow.crises.by_channel(channel_id)
    if crisis is None:
        raise UnknownCrisis("error.not_a_crisis_channel")
    return crisis


def change_crisis(channel_id: str, user: str, request_key: str, ports: Ports, apply, with_uow: bool = False
                  ) -> Crisis | None:
    """Apply a change to the open crisis of a channel under its lock, record the event `apply` returns,
    and show the change on the card. None for a duplicate request or when `apply` says nothing changed."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis = uow.crises.lock(crisis.id)
        ensure_open(crisis)
        event = apply(crisis, now, uow) if with_uow else apply(crisis, now)
        if event is None:
            return None
        card_changed(crisis, now)
        uow.crises.save(crisis)
        uow.timeline.append(crisis.id, event)
        uow.commit()
    show_card(crisis.id, ports=ports)
    return crisis


def post_quietly(ports: Ports, channel_id: str | None, message: Msg) -> None:
    if channel_id:
        quietly(lambda: ports.chat.post(channel_id, message), f"posting {message.key} to {channel_id}")


def quietly(action: Callable[[], object], what: str) -> None:
    """For follow-up messages that must not undo a recorded change: log the failure and go on."""
    try:
        action()
    except ChatFailure as failure:
        log.warning("%s failed: %s", what, failure.reason)


PARALLEL = 8
"""Chat calls made at once (threads)."""

T = TypeVar("T")

def authority(ports: Ports) -> Authority:
    """The plan's admins and monitor responders as chat user ids (resolved outside any transaction)."""
    return permissions.authority(ports.plan, ports.chat.resolve_user)


def get_crisis(crisis_id: int, ports: Ports) -> Crisis:
    with ports.uow() as uow:
        crisis = uow.crises.get(crisis_id)
    if crisis is None:
        raise UnknownCrisis("error.unknown_crisis")
    return crisis

def run_parallel(steps: list[Callable[[], object]], what: str) -> list[ChatFailure]:
    """Run the steps side by side; the chat failures among them are logged and returned."""
    errors = [r for r in map_parallel(_capture, steps) if isinstance(r, ChatFailure)]
    if errors:
        log.warning("%s: %d step(s) failed: %s", what, len(errors), ", ".join(e.reason for e in errors))
    return errors

def _capture(step: Callable[[], object]) -> object:
    try:
        return step()
    except ChatFailure as failure:
        return failure

def map_parallel(fn: Callable[[T], object], items: Iterable[T]) -> list:
    items = list(items)
    if len(items) <= 1:
        return [fn(i) for i in items]
    with ThreadPoolExecutor(max_workers=min(PARALLEL, len(items))) as pool:
        return list(pool.map(fn, items))


def announce(crisis: Crisis, notice: Msg, what: str, ports: Ports) -> None:
    """Tell the plan's announce channel of the crisis (`what`: opened, closed); a drill's participants (role
    holders, backups, whoever acknowledged, the opener) hear of it by direct message instead, so nobody outside
    the practice is alarmed; people who left (deactivated in chat) are skipped."""
    if crisis.drill:
        people = sorted({u for r in crisis.roles for u in (r.user_id, r.backup_id, r.acked_by) if u}
                        | {crisis.opened_by})
        if isinstance(ports.chat, People):
            left = map_parallel(lambda person: ports.chat.is_person(person) is False, people)
            people = [person for person, gone in zip(people, left) if not gone]
        for person in people:
            ports.chat.post(person, notice, key=f"announce:{crisis.id}:{what}:{person}")
        return
    channel = ports.chat.resolve_channel(ports.plan.announce_channel)
    if channel is None:
        log.error("announce channel %s not found; crisis %s not announced as %s", ports.plan.announce_channel,
                  crisis.id, what)
    else:
        ports.chat.post(channel, notice, key=f"announce:{crisis.id}:{what}")
