"""Use cases of the update cadence and brand posts: `/crisis update`, reminders at the severity's
cadence, and scheduled brand posts paused at open and resumed or discarded at close."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from crisis.due import run_due
from crisis.errors import BadInput, ChatFailure, IllegalTransition, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Time, User, msg
from crisis.ports import Ports, UnitOfWork
from crisis.room import permissions
from crisis.room.model import Crisis
from crisis.room.rules import clean_text
from crisis.room.shared import authority, change_crisis, post_quietly
from crisis.statements.model import PausedPost
from crisis.statements.ports import ScheduledMessages

log = logging.getLogger(__name__)
MAX_UPDATE = 3000


def next_update_due(crisis: Crisis, ports: Ports, since: datetime) -> datetime:
    return since + ports.plan.severity(crisis.severity).update_every


def post_update(channel_id: str, text: str, *, user: str, request_key: str, ports: Ports) -> bool:
    """An update: in the crisis channel, on the timeline and in the stakeholder channel; resets the cadence."""
    update, _ = clean_text(text, MAX_UPDATE)
    if not update:
        raise BadInput("error.update_empty")
    def apply(crisis: Crisis, now: datetime) -> TimelineEvent:
        crisis.next_update_due_at = next_update_due(crisis, ports, now)
        return TimelineEvent(EventKind.UPDATE_POSTED, now, user, {"text": update})

    crisis = change_crisis(channel_id, user, request_key, ports, apply)
    if crisis is None:
        return False
    message = msg("update.posted", user=User(user), title=crisis.title, text=update)
    post_quietly(ports, crisis.channel_id, message)
    stakeholders = ports.plan.statements.stakeholder_channel
    if stakeholders:
        try:
            post_quietly(ports, ports.chat.resolve_channel(stakeholders), message)
        except ChatFailure as failure:
            log.warning("stakeholder channel %s: %s", stakeholders, failure.reason)
    return True


def cadence_tick(*, ports: Ports) -> int:
    """Remind the comms lead when no update or statement went out within the severity's cadence."""
    now = ports.clock.now()
    return len(run_due(ports, "update reminders", lambda uow: uow.crises.updates_due(now),
                       lambda uow, crisis_id: _update_overdue(uow, crisis_id, now, ports),
                       lambda overdue: _remind_update(*overdue, ports)))


def _update_overdue(uow: UnitOfWork, crisis_id: int, now: datetime, ports: Ports) -> tuple[Crisis, timedelta] | None:
    """The crisis and its cadence when its update is still overdue; the next one is then due a cadence later."""
    crisis = uow.crises.lock(crisis_id)
    if not crisis.is_open or crisis.next_update_due_at is None or crisis.next_update_due_at > now:
        return None
    every = ports.plan.severity(crisis.severity).update_every
    crisis.next_update_due_at = now + every
    uow.crises.save(crisis)
    return crisis, every


def _remind_update(crisis: Crisis, every: timedelta, ports: Ports) -> None:
    comms = crisis.role("comms_lead") or crisis.role(ports.plan.lead_role)
    post_quietly(ports, crisis.channel_id, msg("update.reminder", user=User(comms.user_id if comms else None),
                                               every=every, severity=crisis.severity))


# --- brand posts ------------------------------------------------------------------------------

def pause_brand_posts(crisis_id: int, *, ports: Ports) -> int:
    """Take scheduled posts in the plan's brand channels off the schedule; each is stored before deletion.
    A chat platform without scheduled messages has none to pause. The caller refreshes the card."""
    if not isinstance(ports.chat, ScheduledMessages):
        return 0
    paused = 0
    now = ports.clock.now()
    for ref in ports.plan.statements.brand_channels:
        channel = ports.chat.resolve_channel(ref)
        if channel is None:
            log.error("brand channel %s not found; its scheduled posts stay scheduled", ref)
            continue
        for scheduled in ports.chat.list_scheduled(channel):
            with ports.uow() as uow:
                post = uow.paused_posts.add(PausedPost(crisis_id, channel, scheduled.text, scheduled.post_at,
                                                       scheduled.id, paused_at=now))
                uow.commit()
            if post.deleted:
                continue
            try:
                ports.chat.delete_scheduled(channel, scheduled.id)
            except ChatFailure as failure:
                log.warning("could not unschedule %s in %s: %s", scheduled.id, channel, failure.reason)
                continue
            with ports.uow() as uow:
                stored = uow.paused_posts.lock(post.id)
                stored.deleted = True
                uow.paused_posts.save(stored)
                uow.commit()
            paused += 1
    if paused:
        with ports.uow() as uow:
            uow.timeline.append(crisis_id, TimelineEvent(EventKind.POSTS_PAUSED, now, None, {"count": paused}))
            uow.commit()
    return paused


def offer_paused_posts(crisis: Crisis, *, ports: Ports) -> None:
    """At close: the crisis lead (or the opener) gets each paused post with Resume / Discard (a ChatFailure is
    the caller's: crisis.debrief.closing tries again)."""
    with ports.uow() as uow:
        posts = [p for p in uow.paused_posts.for_crisis(crisis.id) if p.deleted and not p.outcome]
    if not posts:
        return
    lead = crisis.role(ports.plan.lead_role)
    user = lead.user_id if lead and lead.user_id else crisis.opened_by
    ports.chat.offer_paused_posts(user, crisis, posts)


def paused_post(post_id: int, *, ports: Ports) -> PausedPost:
    with ports.uow() as uow:
        post = uow.paused_posts.get(post_id)
    if post is None:
        raise UnknownCrisis("error.unknown_paused_post")
    return post


def check_new_time(when: datetime | None, *, ports: Ports) -> None:
    if when is None or when <= ports.clock.now():
        raise BadInput("error.paused_post_new_time", field="post_at")


def decide_paused_post(post_id: int, resume: bool, *, user: str, ports: Ports,
                       new_time: datetime | None = None) -> PausedPost:
    """Resume (at its time, or `new_time` when that has passed) or discard a paused post, once."""
    who = authority(ports)
    now = ports.clock.now()
    with ports.uow() as uow:
        post = uow.paused_posts.lock(post_id)
        if post is None:
            raise UnknownCrisis("error.unknown_paused_post")
        crisis = uow.crises.get(post.crisis_id)
        if crisis.is_open:
            raise IllegalTransition("error.paused_post_crisis_open")
        permissions.check_may_wrap_up(crisis, ports.plan, user, who, "error.paused_post_not_lead")
        if post.outcome:
            raise IllegalTransition("error.paused_post_decided", outcome=msg(f"paused.outcome.{post.outcome}"))
        when = new_time or post.post_at
        if resume and when <= now:
            raise BadInput("error.paused_post_time_passed", field="post_at", at=Time(post.post_at))
        if resume:
            ports.chat.schedule(post.channel_id, post.text, when)
        post.outcome, post.decided_by, post.resumed_at = ("resumed" if resume else "discarded"), user, now
        post.new_post_at = when if resume else None
        uow.paused_posts.save(post)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.POST_RESUMED if resume else EventKind.POST_DISCARDED,
                                                     now, user, {"channel": post.channel_id}))
        uow.commit()
    return post
