"""While a crisis is open, brand posts scheduled after it opened are paused too: the room's tick reads the
schedules again every SWEEP_EVERY (one read per source then, not every tick) and tells the room which posts it
paused, once per post."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from crisis.due import run_each
from crisis.errors import ChatFailure
from crisis.i18n import Msg, Time, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room.model import Crisis
from crisis.room.showing import refresh_card
from crisis.schedules.services import pause_brand_posts
from crisis.statements.model import PausedPost

log = logging.getLogger(__name__)

SWEEP_EVERY = timedelta(minutes=5)
TOLD_POSTS = 10
"""Posts named in the room's notice; the card counts them all."""


def sweep_tick(*, ports: Ports) -> int:
    """Pause what was scheduled since the last sweep, for each open crisis (not a drill) whose sweep is due; how
    many posts were paused now."""
    now = ports.clock.now()
    with ports.uow() as uow:
        due = [c.id for c in uow.crises.open() if _due(c, now)]
    if not due:
        return 0
    return sum(run_each(ports, "sweeping scheduled brand posts", due,
                        lambda uow, crisis_id: _claim(uow, crisis_id, now),
                        lambda crisis_id: _sweep(crisis_id, ports)))


def _due(crisis: Crisis, now: datetime) -> bool:
    """Its set-up paused what was scheduled at the open; the sweeps follow, one per SWEEP_EVERY."""
    last = crisis.posts_swept_at or crisis.set_up_at
    return crisis.is_open and not crisis.drill and last is not None and last + SWEEP_EVERY <= now


def _claim(uow: UnitOfWork, crisis_id: int, now: datetime) -> int | None:
    """Under the crisis's row lock, so one replica sweeps; a sweep that fails waits for the next turn."""
    crisis = uow.crises.lock(crisis_id)
    if crisis is None or not _due(crisis, now):
        return None
    crisis.posts_swept_at = now
    uow.crises.save(crisis)
    return crisis_id


def _sweep(crisis_id: int, ports: Ports) -> int:
    with ports.uow() as uow:
        before = {p.id for p in uow.paused_posts.for_crisis(crisis_id)}
    try:
        pause_brand_posts(crisis_id, ports=ports, sweeping=True)
    except ChatFailure as failure:  # logged; the other sources were swept, the next sweep reads this one again
        log.warning("sweeping the scheduled posts of crisis %s: %s", crisis_id, failure.reason)
    with ports.uow() as uow:
        crisis = uow.crises.get(crisis_id)
        new = [p for p in uow.paused_posts.for_crisis(crisis_id) if p.id not in before]
    if new and crisis is not None and crisis.channel_id:
        refresh_card(crisis_id, ports=ports)
        # keyed by the first new post: a notice whose answer was lost is not posted twice
        ports.chat.post(crisis.channel_id, _notice(new), key=f"posts-paused-later-{crisis_id}-{new[0].id}")
    return len(new)


def _notice(posts: list[PausedPost]) -> Msg:
    return msg("schedule.paused_later", n=len(posts), posts=_named(posts[:TOLD_POSTS]))


def _named(posts: list[PausedPost]) -> Msg:
    post = posts[0]
    named = msg("schedule.paused_later_post", account=post.account or post.channel_id, at=Time(post.post_at),
                text=post.text[:80])
    return named if len(posts) == 1 else msg("schedule.paused_later_more", post=named, more=_named(posts[1:]))
