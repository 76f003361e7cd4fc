"""Use cases of scheduled brand posts: at open, every post the plan's schedulers hold is stored, then removed
(stored first, so nothing is lost); failed removals are retried by the tick and shown on the card; at close the
lead resumes (at its time or a new one) or discards each post, once: the decision is claimed before its provider is
called."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from crisis.due import run_due, taken_for_dead
from crisis.errors import (
    BadInput,
    ChatFailure,
    IllegalTransition,
    OutsideFailure,
    UnknownCrisis,
)
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Time, User, msg, render
from crisis.ports import Ports, UnitOfWork
from crisis.room import permissions
from crisis.room.model import Crisis
from crisis.room.permissions import Authority
from crisis.room.shared import authority, get_crisis
from crisis.room.showing import refresh_card
from crisis.schedules import rules
from crisis.schedules.model import CHAT, QUEUE, MediaCopy, PausedPost, PlannedPost, media_json
from crisis.schedules.ports import Scheduler
from crisis.schedules.queue import QueueSchedule, WentOut, take_off
from crisis.statements.ports import ScheduledMessages

log = logging.getLogger(__name__)
REMOVALS_PER_TICK = 50


class ChatSchedule:
    """A chat channel's scheduled messages (Slack) as one more scheduler."""

    def __init__(self, chat: ScheduledMessages, channel_id: str) -> None:
        self._chat, self._channel = chat, channel_id

    def planned(self) -> list[PlannedPost]:
        return [PlannedPost(s.id, s.text, s.post_at) for s in self._chat.list_scheduled(self._channel)]

    def remove(self, post_id: str) -> bool:
        self._chat.delete_scheduled(self._channel, post_id)  # a message gone already counts as deleted
        return True

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        return []  # Slack lists a scheduled message's text only

    def restore(self, post: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        return self._chat.schedule(self._channel, post.text, post_at)


def _sources(ports: Ports) -> list[tuple[str, str, str, Scheduler]]:
    """(source, channel_id, account label, scheduler): the plan's brand channels in chat, then its schedulers."""
    found: list[tuple[str, str, str, Scheduler]] = []
    if isinstance(ports.chat, ScheduledMessages):
        for ref in ports.plan.statements.brand_channels:
            channel = ports.chat.resolve_channel(ref)
            if channel is None:
                log.error("brand channel %s not found; its scheduled posts stay scheduled", ref)
                continue
            found.append((CHAT, channel, channel, ChatSchedule(ports.chat, channel)))
    found += [(key, key, label, scheduler) for key, (label, scheduler) in ports.schedulers.items()]
    return [*found, (QUEUE, QUEUE, render(msg("schedule.queue")), QueueSchedule(ports))]


def _scheduler(post: PausedPost, ports: Ports) -> Scheduler | None:
    if post.source == CHAT:
        return ChatSchedule(ports.chat, post.channel_id) if isinstance(ports.chat, ScheduledMessages) else None
    if post.source == QUEUE:
        return QueueSchedule(ports)
    found = ports.schedulers.get(post.source)
    return found[1] if found else None


def pause_brand_posts(crisis_id: int, *, ports: Ports, sweeping: bool = False) -> int:
    """Record every scheduled post of the plan's accounts, then take each off its schedule; copies of their media
    are taken once every post is off (copying never delays a removal). A drill pauses nothing. A schedule that
    cannot be read raises ChatFailure after the others are done, so the room's set-up (which calls this) runs
    again later; the caller refreshes the card. `sweeping` (crisis.schedules.sweep, while the crisis is open) leaves
    crisisbot's own queue alone (posts queued meanwhile wait for the close anyway), and a schedule it cannot read
    goes to the log, not the timeline: the next sweep reads it again."""
    if get_crisis(crisis_id, ports).drill:
        return 0
    paused, unread, with_media = 0, [], []
    for source, channel, account, scheduler in _sources(ports):
        if source == QUEUE and sweeping:
            continue
        try:
            planned = scheduler.planned()
        except OutsideFailure as failure:
            log.warning("could not read the scheduled posts of %s: %s", account, failure.reason)
            if not sweeping:
                _record(ports, crisis_id, EventKind.SCHEDULE_UNREAD, {"account": account,
                                                                      "reason": failure.reason[:200]})
            unread.append(failure)
            continue
        for item in planned:
            post, removed = _pause_one(crisis_id, source, channel, account, item, scheduler, ports)
            paused += removed
            if post is not None and item.media:
                with_media.append((post, item, scheduler))
    for post, item, scheduler in with_media:
        _keep_media(post, item, scheduler, ports)
    if paused:
        _record(ports, crisis_id, EventKind.POSTS_PAUSED, {"count": paused})
    if unread:
        raise ChatFailure(unread[0].reason, retry_after=max((f.retry_after or 0 for f in unread), default=0) or None)
    return paused


def _pause_one(crisis_id: int, source: str, channel: str, account: str, item: PlannedPost, scheduler: Scheduler,
               ports: Ports) -> tuple[PausedPost | None, int]:
    """(the stored post, when this call took it off its schedule; 1 if it did)."""
    now = ports.clock.now()
    with ports.uow() as uow:  # stored first: nothing is removed that is not kept
        post = uow.paused_posts.add(PausedPost(
            crisis_id, channel, item.text, item.post_at, item.id, author=item.author, paused_at=now, source=source,
            account=account, media_json=media_json(item.media), options_json=item.options_json))
        uow.commit()
    if post.deleted or post.outcome:
        return None, 0
    return post, 1 if _remove(post.id, scheduler, ports) else 0


def _keep_media(post: PausedPost, item: PlannedPost, scheduler: Scheduler, ports: Ports) -> None:
    """Copies of the post's files; a copy that cannot be taken leaves the links, which a resume tries, and is
    logged."""
    assert post.id is not None
    try:
        files = scheduler.copy_media(item)
    except OutsideFailure as failure:
        log.warning("could not keep a copy of the media of %s at %s: %s", post.scheduled_id, post.account,
                    failure.reason)
        return
    if files:
        with ports.uow() as uow:
            uow.paused_posts.keep_files(post.id, files)
            uow.commit()


def _remove(post_id: int | None, scheduler: Scheduler, ports: Ports) -> bool:
    """Remove the stored post at its provider and record how that went (a failure: shown and retried)."""
    assert post_id is not None
    with ports.uow() as uow:
        post = uow.paused_posts.get(post_id)
    gone = False
    try:
        scheduler.remove(post.scheduled_id)
        failure = None
    except WentOut:
        failure, gone = None, True
    except OutsideFailure as error:
        log.warning("could not unschedule %s at %s: %s", post.scheduled_id, post.account, error.reason)
        failure = error
    with ports.uow() as uow:
        stored = uow.paused_posts.lock(post_id)
        if gone:
            rules.went_out(stored, ports.clock.now())
        elif failure is None:
            rules.removed(stored)
        else:
            rules.removal_failed(stored, failure, ports.clock.now())
        uow.paused_posts.save(stored)
        uow.commit()
    return failure is None and not gone


def removal_tick(*, ports: Ports) -> int:
    """Try again the removals that failed; the card shows what is still scheduled. How many were removed now."""
    now = ports.clock.now()
    done = run_due(ports, "removals of paused posts", lambda uow: uow.paused_posts.removals_due(now, REMOVALS_PER_TICK),
                   lambda uow, post_id: _claim_removal(uow, post_id, now), lambda post: _retry(post, ports))
    return sum(1 for d in done if d)


def _claim_removal(uow: UnitOfWork, post_id: int, now: datetime) -> PausedPost | None:
    """Claim a due retry; one whose crisis has closed meanwhile stops: the post stays scheduled (the close offered
    only what was off its schedule), recorded so."""
    post = uow.paused_posts.lock(post_id)
    if post is None or post.deleted or post.outcome or post.remove_due_at is None or post.remove_due_at > now:
        return None
    if not uow.crises.get(post.crisis_id).is_open:
        rules.left_scheduled(post, render(msg("publish_reason.closed_before_removal")))
        uow.paused_posts.save(post)
        return None
    post.remove_due_at = None  # held by this try; a failure sets the next one
    uow.paused_posts.save(post)
    return post


def _retry(post: PausedPost, ports: Ports) -> bool:
    scheduler = _scheduler(post, ports)
    if scheduler is None:
        log.error("no scheduler for %s any more; post %s stays as it is", post.source, post.id)
        return False
    done = _remove(post.id, scheduler, ports)
    if done:
        refresh_card(post.crisis_id, ports=ports)
        _offer_if_closed(post, ports)
    return done


def _offer_if_closed(post: PausedPost, ports: Ports) -> None:
    """A removal that ended after the crisis closed (it was under way at the close) missed the close offer: the
    post is offered on its own."""
    crisis = get_crisis(post.crisis_id, ports)
    if crisis.is_open:
        return
    with ports.uow() as uow:
        stored = uow.paused_posts.get(post.id)
    try:
        offer_paused_posts(crisis, ports=ports, only=[stored])
    except ChatFailure as failure:
        log.error("paused post %s, removed after the close, could not be offered: %s", post.id, failure.reason)


def offer_paused_posts(crisis: Crisis, *, ports: Ports, only: Sequence[PausedPost] | None = None) -> None:
    """At close: the crisis lead (or the opener) gets each paused post (or those of `only`) with Resume /
    Reschedule / Discard (a ChatFailure is the caller's: crisis.debrief.closing tries again)."""
    with ports.uow() as uow:
        posts = rules.to_offer(list(only) if only is not None else uow.paused_posts.for_crisis(crisis.id))
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
    """Resume (at its time, or `new_time`: a reschedule, or one whose time has passed) or discard a paused post,
    once. The decision is claimed under the row lock before the provider is called, so another Resume or a Discard
    meanwhile is refused while the claim lives (a dead replica's claim is taken over). A resume schedules the post
    again before it is recorded; a provider that fails releases the claim and leaves the post paused (the lead tries
    again), and a try after a lost answer first looks whether the post is back. A discard after any resume try
    first removes what that try may have scheduled."""
    who = authority(ports)
    now = ports.clock.now()
    outcome = "resumed" if resume else "discarded"
    with ports.uow() as uow:
        post = _undecided(uow, post_id, user, who, now, ports)
        if resume:
            _check_no_crisis_open(uow, post)
        when = new_time or post.post_at
        if resume and when <= now:
            raise BadInput("error.paused_post_time_passed", field="post_at", at=Time(post.post_at))
        scheduler = _scheduler(post, ports)
        if not resume and post.source == QUEUE and not take_off(uow, int(post.scheduled_id)):
            rules.went_out(post, now)
            uow.paused_posts.save(post)
            uow.commit()
            raise _decided_already(post)
        if resume and scheduler is None:
            raise IllegalTransition("error.paused_post_no_scheduler", account=_account(post))
        if scheduler is None or not (resume or post.restore_attempts):
            _record_outcome(uow, post, outcome, user, now, when)  # no resume tried, or its account left the plan
            uow.commit()
            return post
        rules.claim(post, outcome, user, ports.runner, now)
        if resume:
            post.restore_attempts, post.new_post_at = post.restore_attempts + 1, when
        uow.paused_posts.save(post)
        uow.commit()
    try:
        restored = _restore(post, when, scheduler, ports) if resume else _take_back_tries(post, scheduler)
    except OutsideFailure as failure:
        _release(post_id, now, ports)
        raise IllegalTransition("error.paused_post_restore_failed" if resume else "error.paused_post_discard_failed",
                                account=_account(post), reason=failure.reason[:200]) from None
    return _finish(post_id, outcome, user, when, restored, scheduler, now, ports)


def _undecided(uow: UnitOfWork, post_id: int, user: str, who: Authority, now: datetime, ports: Ports
               ) -> PausedPost:
    """The post under its lock, when `user` may decide it and no decision is recorded or under way."""
    post = uow.paused_posts.lock(post_id)
    if post is None:
        raise UnknownCrisis("error.unknown_paused_post")
    crisis = uow.crises.get(post.crisis_id)
    if crisis.is_open:
        raise IllegalTransition("error.paused_post_crisis_open")
    permissions.check_may_wrap_up(crisis, ports.plan, user, who, "error.paused_post_not_lead")
    if post.outcome:
        raise _decided_already(post)
    if rules.under_way(post, now, taken_for_dead(uow, post.deciding_runner, now, ports.runner)):
        raise _under_way(post)
    return post


def _check_no_crisis_open(uow: UnitOfWork, post: PausedPost) -> None:
    """A post goes back on its schedule only while no crisis (not a drill) is open; a Discard is always possible."""
    other = next((c for c in uow.crises.open() if not c.drill and c.id != post.crisis_id), None)
    if other is not None:
        raise IllegalTransition("error.paused_post_other_crisis_open", title=other.title)


def _decided_already(post: PausedPost) -> IllegalTransition:
    return IllegalTransition("error.paused_post_decided", outcome=msg(f"paused.outcome.{post.outcome}"))


def _under_way(post: PausedPost) -> IllegalTransition:
    key = "error.paused_post_being_resumed" if post.deciding == "resumed" else "error.paused_post_being_discarded"
    return IllegalTransition(key, user=User(post.deciding_by))


def _restore(post: PausedPost, when: datetime, scheduler: Scheduler, ports: Ports) -> str:
    """Schedule the post again at its provider: its id there (a try after an earlier one finds that one's post)."""
    if post.restore_attempts > 1:
        found = next((p for p in scheduler.planned() if rules.same_post(p, post, when)), None)
        if found is not None:
            return found.id  # an earlier try made it; its answer was lost
    with ports.uow() as uow:
        files = uow.paused_posts.files(post.id) if post.media and post.id is not None else []
    return scheduler.restore(post, when, rules.resume_key(post), files)


def _take_back_tries(post: PausedPost, scheduler: Scheduler) -> str:
    """Before a discard: remove what an earlier resume may have scheduled after all (its answer lost, or its
    replica dead before recording it). "": nothing was restored."""
    when = post.new_post_at or post.post_at
    for planned in scheduler.planned():
        if rules.same_post(planned, post, when):
            scheduler.remove(planned.id)
    return ""


def _release(post_id: int, since: datetime, ports: Ports) -> None:
    with ports.uow() as uow:
        post = uow.paused_posts.lock(post_id)
        if post is not None and rules.holds(post, ports.runner, since):
            rules.release(post)
            uow.paused_posts.save(post)
            uow.commit()


def _finish(post_id: int, outcome: str, user: str, when: datetime, restored: str, scheduler: Scheduler,
            since: datetime, ports: Ports) -> PausedPost:
    """Record the claimed decision. One whose claim was taken over meanwhile (its replica taken for dead) records
    nothing; when the other decision is recorded, the post this one scheduled is taken back, unless that decision
    kept this very post."""
    with ports.uow() as uow:
        post = uow.paused_posts.lock(post_id)
        if not post.outcome and (post.deciding_since is None or rules.holds(post, ports.runner, since)):
            _record_outcome(uow, post, outcome, user, ports.clock.now(), when, restored)
            uow.commit()
            return post
    if not post.outcome:
        raise _under_way(post)  # its new holder finds this one's post at the provider
    if restored and not (post.outcome == "resumed" and post.restored_id == restored):
        try:
            scheduler.remove(restored)
        except OutsideFailure as failure:
            log.error("paused post %s was %s meanwhile; its copy %s at %s could not be taken back: %s", post_id,
                      post.outcome, restored, _account(post), failure.reason)
            raise IllegalTransition("error.paused_post_take_back_failed", outcome=msg(f"paused.outcome.{post.outcome}"),
                                    account=_account(post), reason=failure.reason[:200]) from None
    raise _decided_already(post)


def _record_outcome(uow: UnitOfWork, post: PausedPost, outcome: str, user: str, now: datetime, when: datetime,
                    restored: str = "") -> None:
    assert post.id is not None
    rules.decided(post, outcome, user, now, when, restored)
    uow.paused_posts.save(post)
    uow.paused_posts.drop_files(post.id)  # back at its provider, or not wanted: the copies have done their job
    uow.timeline.append(post.crisis_id, TimelineEvent(
        EventKind.POST_RESUMED if outcome == "resumed" else EventKind.POST_DISCARDED, now, user, _where(post)))


def _account(post: PausedPost) -> str:
    return post.account or post.channel_id


def _where(post: PausedPost) -> dict[str, object]:
    """Where a paused post was scheduled, for the timeline: a chat channel, else the account by its name."""
    return {"channel": post.channel_id} if post.source == CHAT else {"account": post.account or post.source}


def _record(ports: Ports, crisis_id: int, kind: EventKind, data: dict[str, object]) -> None:
    with ports.uow() as uow:
        uow.timeline.append(crisis_id, TimelineEvent(kind, ports.clock.now(), None, data))
        uow.commit()
