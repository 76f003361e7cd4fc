"""crisisbot's own queue of brand posts: `/crisis schedule`, a CSV content calendar, published by the target's
publishers when due and held while a crisis is open; at open its posts are paused like any scheduler's."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from crisis.due import lease, retry_in, run_due
from crisis.errors import BadInput, CrisisError, IllegalTransition, NotAuthorised, OutsideFailure, PublishFailed
from crisis.i18n import Msg, Time, msg, render
from crisis.i18n.zones import read_time
from crisis.ports import Ports
from crisis.room.rules import clean_text
from crisis.schedules.model import MediaCopy, PausedPost, PlannedPost, QueuedPost
from crisis.statements.model import Statement, StatementState, StatementVersion

log = logging.getLogger(__name__)
MAX_TEXT = 5000
PUBLISHES_PER_TICK = 20
MAX_FAILURES = 8
CARRIER_IDS = 10**9
"""A queued post is published as a statement whose id is this plus its own, apart from every real statement's."""


class WentOut(OutsideFailure):
    """The queued post was published before it could be paused (its publish was under way when the crisis
    opened): it is no longer anyone's to resume or discard."""


class QueueSchedule:
    """The queue as one more scheduler: paused posts leave the queue and come back to it when resumed. A post being
    published (state `publishing`) is listed but not paused: its removal waits for the publish to end."""

    def __init__(self, ports: Ports) -> None:
        self._ports = ports

    def planned(self) -> list[PlannedPost]:
        with self._ports.uow() as uow:
            return [PlannedPost(str(p.id), p.text, p.post_at, author=p.target) for p in uow.queued_posts.queued()]

    def remove(self, post_id: str) -> bool:
        with self._ports.uow() as uow:
            post = uow.queued_posts.lock(int(post_id))
            if post is not None and post.state == "publishing":
                left = (post.publish_due_at - self._ports.clock.now()).total_seconds() if post.publish_due_at else 0
                raise PublishFailed(msg("publish_reason.queued_post_publishing"), retry_after=max(left, 1))
            if post is not None and post.state == "published":
                raise WentOut(render(msg("publish_reason.queued_post_went_out")))
            if post is None or post.state != "queued":
                return False
            post.state, post.publish_due_at = "paused", None
            uow.queued_posts.save(post)
            uow.commit()
        return True

    def copy_media(self, post: PlannedPost) -> list[MediaCopy]:
        return []  # a queued post has text only

    def restore(self, paused: PausedPost, post_at: datetime, key: str, files: Sequence[MediaCopy] = ()) -> str:
        with self._ports.uow() as uow:
            post = uow.queued_posts.lock(int(paused.scheduled_id))
            if post is None:
                raise PublishFailed(msg("publish_reason.queued_post_gone"), permanent=True)
            post.state, post.post_at, post.publish_due_at, post.publish_attempts = "queued", post_at, post_at, 0
            uow.queued_posts.save(post)
            uow.commit()
        return str(post.id)


def take_off(uow, post_id: int) -> bool:
    """At a discard: the post leaves the queue for good, under its row lock (paused or still queued: its removal
    at open may have failed). False when it went out before the pause; one being published is refused."""
    post = uow.queued_posts.lock(post_id)
    if post is not None and post.state == "publishing":
        raise IllegalTransition("error.paused_post_publishing")
    if post is not None and post.state == "published":
        return False
    if post is not None and post.state in ("queued", "paused"):
        post.state, post.publish_due_at = "discarded", None
        uow.queued_posts.save(post)
    return True


def check_may_queue(user: str, ports: Ports) -> None:
    """The crisis team queues brand posts: the plan's admins and every role's primary and backup."""
    plan, resolve = ports.plan, ports.chat.resolve_user
    refs = [*plan.admins, *(r.primary for r in plan.roles), *(r.backup for r in plan.roles if r.backup)]
    if user not in {resolve(ref) for ref in refs}:
        raise NotAuthorised("error.schedule_not_allowed")


def _checked(target: str, when: str, text: str, ports: Ports) -> tuple[datetime, str]:
    if target not in ports.publishers or not ports.publishers[target]:
        raise BadInput("error.schedule_unknown_target", target=target[:40],
                       targets=", ".join(k for k, p in ports.publishers.items() if p) or "–")
    now = ports.clock.now()
    post_at = read_time(when, now, ports.plan.zone, "error.schedule_usage")
    if post_at <= now:
        raise BadInput("error.schedule_in_past", field="post_at")
    clean, cut = clean_text(text, MAX_TEXT)
    found = ports.plan.statements.target(target)
    limit = found.limit if found and found.limit else MAX_TEXT
    if not clean or cut or len(clean) > limit:
        raise BadInput("error.schedule_text", limit=limit)
    return post_at, clean


def schedule_command(words: str, *, user: str, request_key: str, ports: Ports) -> Msg:
    """`/crisis schedule <target> <YYYY-MM-DD HH:MM> <text>` as typed after the command, on any chat: the post queued
    (schedule_post) and what to tell the person who queued it."""
    parts = words.split(maxsplit=3)
    if len(parts) < 4:
        raise BadInput("error.schedule_usage", zone=ports.plan.zone.key)
    target, day, hour, text = parts
    post = schedule_post(target, f"{day} {hour}", text, user=user, request_key=request_key, ports=ports)
    return msg("schedule.queued", target=ports.plan.statements.target_name(post.target), at=Time(post.post_at))


def schedule_post(target: str, when: str, text: str, *, user: str, request_key: str, ports: Ports) -> QueuedPost:
    """`/crisis schedule <target> <YYYY-MM-DD HH:MM> <text>` (the team's time zone): queued once per request."""
    check_may_queue(user, ports)
    post_at, clean = _checked(target, when, text, ports)
    with ports.uow() as uow:
        post, _ = uow.queued_posts.add(QueuedPost(f"command:{request_key}", target, clean, post_at, user,
                                                  ports.clock.now(), publish_due_at=post_at))
        uow.commit()
    return post


@dataclass
class Imported:
    added: int = 0
    known: int = 0
    """Rows queued by an earlier import of the same calendar."""
    refused: list[tuple[int, str]] = field(default_factory=list)
    """(line, why) per row that was not queued."""


def import_calendar(rows: Iterable[Mapping[str, str]], *, user: str, ports: Ports) -> Imported:
    """A content calendar's rows (target, date, time, text; line 2 onwards): each valid row queued once, so the
    same calendar imported again adds only its new rows. `user` is who imports (an operator: recorded, not
    checked, as the command line is the operator's)."""
    result = Imported()
    for line, row in enumerate(rows, start=2):
        target, text = (row.get("target") or "").strip(), row.get("text") or ""
        when = f"{(row.get('date') or '').strip()} {(row.get('time') or '').strip()}".strip()
        try:
            post_at, clean = _checked(target, when, text, ports)
        except CrisisError as error:
            result.refused.append((line, render(msg(error.key, **error.params))))
            continue
        digest = hashlib.sha256(f"{target}\n{post_at.isoformat()}\n{clean}".encode()).hexdigest()[:24]
        with ports.uow() as uow:
            _, new = uow.queued_posts.add(QueuedPost(f"csv:{digest}", target, clean, post_at, user, ports.clock.now(),
                                                     publish_due_at=post_at))
            uow.commit()
        result.added += new
        result.known += not new
    return result


def publish_tick(*, ports: Ports) -> int:
    """Publish the queued posts that are due, through their target's publishers; none while a crisis (not a drill)
    is open: they wait, and at open they were paused. How many went out."""
    with ports.uow() as uow:
        if any(not c.drill for c in uow.crises.open()):
            return 0
    if _crisis_open(ports):
        return 0
    now = ports.clock.now()
    done = run_due(ports, "queued posts", lambda uow: uow.queued_posts.publishes_due(now, PUBLISHES_PER_TICK),
                   lambda uow, post_id: _claim(uow, post_id, now, ports), lambda post: _publish(post, ports))
    return sum(1 for published in done if published)


def _crisis_open(ports: Ports) -> bool:
    with ports.uow() as uow:
        return any(not c.drill for c in uow.crises.open())


def _claim(uow, post_id: int, now: datetime, ports: Ports) -> QueuedPost | None:
    """Claim a due post (state `publishing`, so a pause at open waits for it); a claim whose replica died before
    its lease ended is taken over."""
    post = uow.queued_posts.lock(post_id)
    if post is None or post.state not in ("queued", "publishing") or post.publish_due_at is None \
            or post.publish_due_at > now:
        return None
    post.state = "publishing"
    post.publish_attempts += 1
    post.publish_due_at = now + lease(len(ports.publishers.get(post.target, ())))  # held while it is published
    uow.queued_posts.save(post)
    return post


def carrier(post: QueuedPost) -> Statement:
    """The queued post as the approved statement the publishers take: its own id range, so keys and markers never
    meet a real statement's; a retry (publish_attempts > 1) looks for what went out first, as a statement's does."""
    assert post.id is not None
    return Statement(0, post.target, post.created_by, post.created_at,
                     [StatementVersion(1, post.text, post.created_by, post.created_at)], state=StatementState.APPROVED,
                     publish_attempts=post.publish_attempts, id=CARRIER_IDS + post.id)


def _publish(post: QueuedPost, ports: Ports) -> bool:
    """Publish the claimed post; its outcome is written only while the claim is still this one's. A crisis opened
    meanwhile stops it before the next publisher: the post waits in the queue (the open pauses it)."""
    done = dict(line.split("=", 1) for line in post.published_ref.splitlines() if "=" in line)
    failure: PublishFailed | None = None
    held = False
    for label, publisher in ports.publishers.get(post.target, ()):
        if label in done:
            continue  # went out on an earlier try
        if _crisis_open(ports):
            held = True
            break
        try:
            done[label] = publisher.publish(carrier(post), post.text)
        except PublishFailed as error:
            log.warning("queued post %s to %s: %s", post.id, label, error.reason)
            failure = error
            break
    now = ports.clock.now()
    with ports.uow() as uow:
        stored = uow.queued_posts.lock(post.id)
        if stored.state != "publishing" or stored.publish_attempts != post.publish_attempts:
            log.warning("queued post %s: claim lost while publishing (now %s)", post.id, stored.state)
            return False
        stored.published_ref = "\n".join(f"{k}={v}" for k, v in done.items())
        if held:
            stored.state, stored.publish_due_at = "queued", now
            stored.publish_attempts -= 1
        elif failure is None:
            stored.state, stored.publish_due_at, stored.publish_error = "published", None, ""
        else:
            stored.publish_error = failure.reason[:300]
            given_up = failure.permanent or stored.publish_attempts >= MAX_FAILURES
            stored.state = "failed" if given_up else "queued"
            stored.publish_due_at = None if given_up else now + retry_in(stored.publish_attempts, failure)
        uow.queued_posts.save(stored)
        uow.commit()
    return failure is None and not held
