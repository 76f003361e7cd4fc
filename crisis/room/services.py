"""Use cases of the crisis room: open, page, acknowledge, escalate, note, assign, close, tick.

The only layer that commits. The chat platform is called outside transactions, and
what must happen once is decided inside one, under the crisis row lock.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from crisis.debrief import closing
from crisis.due import retry_in, run_due, silent_since, taken_for_dead
from crisis.errors import (BadInput, ChannelNameTaken, ChatFailure, IllegalTransition, NotYet, UnknownCrisis,
                           failure_reason)
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Channel, User, msg
from crisis.monitor.model import AlertStatus, SpikeAlert
from crisis.plan import CrisisPlan
from crisis.playbooks import services as playbooks
from crisis.ports import Ports, UnitOfWork
from crisis.room import permissions, rules
from crisis.schedules import services as schedules
from crisis.schedules.sweep import sweep_tick
from crisis.room.model import ChannelRef, Crisis, OpenCrisisForm, Page, PageLevel, RoleAssignment
from crisis.room.pages import deliver, deliver_due, escalate
from crisis.statements import rule_changes
from crisis.room.ports import MadeChannels, People, Pins, Topics
from crisis.room.rules import clean_text, clean_title, room_name
from crisis.room.shared import (
    announce,
    authority,
    change_crisis,
    crisis_for_channel,
    get_crisis,
    post_quietly,
    refresh_card,
    run_parallel,
)
from crisis.room.showing import card_facts, card_outcome, catch_up
from crisis.room.views import opened_notice

log = logging.getLogger(__name__)

MAX_DESCRIPTION = 3000
MAX_NOTE = 3000
MAX_RESOLUTION = 3000
MAX_CHANNEL_ATTEMPTS = 20
_URL = re.compile(r"^https?://[^\s<>]+$")


@dataclass(frozen=True)
class Opened:
    crisis: Crisis
    title_trimmed: bool


@dataclass
class TickReport:
    delivered: int = 0
    escalated: int = 0
    rooms_finished: int = 0
    shown: int = 0
    """Cards, acknowledged marks and escalation notices shown again."""
    failures: list[str] = field(default_factory=list)


# --- open -----------------------------------------------------------------------------------

def validate_open(form: OpenCrisisForm, plan: CrisisPlan) -> tuple[OpenCrisisForm, bool]:
    """The open-crisis form cleaned up, and whether the title had to be shortened."""
    try:
        title, trimmed = clean_title(form.title)
    except BadInput as error:
        raise BadInput(error.key, field="title") from None
    if plan.severity(form.severity) is None:
        raise BadInput("error.bad_severity", field="severity", severity=form.severity,
                       choices=", ".join(s.key for s in plan.severities))
    if form.kind not in plan.crisis_types:
        raise BadInput("error.bad_kind", field="kind", kind=form.kind, choices=", ".join(plan.crisis_types))
    link = form.link.strip()
    if link and not _URL.match(link):
        raise BadInput("error.bad_link", field="link")
    description = clean_text(form.description, MAX_DESCRIPTION)[0]
    return OpenCrisisForm(title, form.severity, form.kind, description, link), trimmed


def open_crisis(form: OpenCrisisForm, *, actor: str, request_key: str, ports: Ports,
                drill: bool = False, from_alert: int | None = None) -> Opened | None:
    """Validate the modal, record the crisis (a practice one when `drill`), then set up its room. The same request
    again finds the crisis it opened (see _opened_before). Opened `from_alert` (a spike warning), the crisis is
    linked to it in the same transaction, under the warning's row lock: a warning already in a crisis opens no
    second one (IllegalTransition saying which)."""
    plan = ports.plan
    form, trimmed = validate_open(form, plan)
    roles = [RoleAssignment(r.key, ports.chat.resolve_user(r.primary),
                            ports.chat.resolve_user(r.backup) if r.backup else None) for r in plan.roles]
    now = ports.clock.now()
    crisis = Crisis(title=form.title, severity=form.severity, kind=form.kind, opened_by=actor, opened_at=now,
                    description=form.description, link=form.link, roles=roles,
                    next_update_due_at=now + plan.severity(form.severity).update_every,
                    private=plan.private_rooms.cover(form.kind, form.severity), drill=drill,
                    set_up_retry_at=now + rules.SET_UP_LEASE, set_up_runner=ports.runner, opened_request=request_key)
    with ports.uow() as uow:
        first = uow.requests.claim(request_key, now)
        alert = _alert_to_link(uow, from_alert) if first and from_alert is not None else None
        if first:
            crisis.term = alert.term if alert is not None else crisis.term
            crisis = uow.crises.add(crisis)
            if alert is not None:
                alert.status, alert.crisis_id, alert.answered_by = AlertStatus.CRISIS, crisis.id, actor
                uow.alerts.save(alert)
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.OPENED, now, actor, {
                "title": crisis.title, "severity": crisis.severity, "kind": crisis.kind}))
            playbooks.record_checklist(uow, crisis, plan, now)
        uow.commit()
    if not first:
        return _opened_before(request_key, ports)
    return Opened(set_up_room(crisis.id, ports=ports), trimmed)


def _alert_to_link(uow: UnitOfWork, alert_id: int) -> SpikeAlert:
    """The spike warning a crisis is being opened from, locked; raises if it is unknown or already in a crisis."""
    alert = uow.alerts.lock(alert_id)
    if alert is None:
        raise UnknownCrisis("error.unknown_alert")
    if alert.crisis_id is not None:
        crisis = uow.crises.get(alert.crisis_id)
        raise IllegalTransition("error.alert_in_crisis", title=crisis.title, channel=Channel(crisis.channel_id))
    return alert


def _opened_before(request_key: str, ports: Ports) -> Opened | None:
    """The crisis a request seen before opened (Slack sent it twice, or the inbox runs it again after its replica
    died), its set-up finished here when its runner is silent or its lease over, so the opener hears of it once
    more. None if the request opened nothing. NotYet while another replica holds the set-up: it tells the opener if
    it lives; if it died, the request runs again once its set-up is taken over."""
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis = uow.crises.opened_by(request_key)
        claimed = crisis is not None and _claim_set_up(uow, crisis.id, now, ports.runner) is not None
        uow.commit()
    if crisis is None:
        return None
    if claimed:
        return Opened(set_up_room(crisis.id, ports=ports), False)
    crisis = get_crisis(crisis.id, ports)
    if crisis.set_up_at is None:
        raise NotYet(f"crisis {crisis.id} is being set up by {crisis.set_up_runner}")
    return Opened(crisis, False)


def set_up_room(crisis_id: int, *, ports: Ports) -> Crisis:
    """Channel, topic, invites, (pinned) card, announcement, first pages and the playbook checklist; resumable step
    by step."""
    crisis = get_crisis(crisis_id, ports)
    if crisis.channel_id is None:
        crisis = _create_channel(crisis, ports)
    channel = crisis.channel_id
    assert channel is not None
    chat, plan = ports.chat, ports.plan
    steps: list[Callable[[], object]] = [lambda: _invite_everyone(crisis, ports)]
    if isinstance(chat, Topics):
        steps.insert(0, lambda: chat.set_topic(channel, msg("room.topic", severity=crisis.severity, title=crisis.title)))
    if crisis.card_ts is None:
        steps.append(lambda: _post_and_pin_card(crisis, ports))
    if not crisis.announced:
        steps.append(lambda: _announce_opened(crisis, ports))
    paused: list[int] = []
    if crisis.set_up_at is None:
        steps.append(lambda: paused.append(schedules.pause_brand_posts(crisis.id, ports=ports)))
    failures = run_parallel(steps, f"setting up crisis {crisis_id}")
    if any(paused):  # the card may have been posted while they were being paused
        refresh_card(crisis_id, ports=ports)
    with ports.uow() as uow:
        stored = uow.crises.lock(crisis_id)
        now = ports.clock.now()
        new_pages = []
        if not uow.pages.for_crisis(crisis_id):
            new_pages = [uow.pages.add(page) for page in rules.first_pages(stored, plan, now, ports.runner)]
        checklist = playbooks.checklist_due(uow, crisis_id, now)
        if stored.card_ts and stored.announced and not failures:
            stored.set_up_at = now
        else:  # a step failed (the topic, invites ...): run the set-up again after a back-off
            stored.set_up_attempts += 1
            stored.set_up_retry_at = now + retry_in(stored.set_up_attempts, _slowest(failures))
            stored.set_up_runner = None  # a back-off, held by no one
        uow.crises.save(stored)
        uow.commit()
    deliver(new_pages, ports)
    playbooks.show_checklist(checklist, ports=ports)  # after the pages: they are more urgent
    return get_crisis(crisis_id, ports)


def _create_channel(crisis: Crisis, ports: Ports) -> Crisis:
    for attempt in range(1, MAX_CHANNEL_ATTEMPTS + 1):
        name = room_name(crisis, ports.plan, attempt)
        try:
            ref = ports.chat.create_channel(name, private=crisis.private)
            break
        except ChannelNameTaken:
            ref = _made_for_it(crisis, name, ports)
            if ref is not None:
                break
    else:
        raise ChatFailure("name_taken")
    with ports.uow() as uow:
        stored = uow.crises.lock(crisis.id)
        assert stored is not None
        stored.channel_id, stored.channel_name = ref.id, ref.name
        uow.crises.save(stored)
        uow.timeline.append(stored.id, TimelineEvent(EventKind.CHANNEL_CREATED, ports.clock.now(), None,
                                                     {"channel": ref.id, "name": ref.name}))
        uow.commit()
    return stored


def _made_for_it(crisis: Crisis, name: str, ports: Ports) -> ChannelRef | None:
    """The channel called `name` an earlier run of this set-up made (its runner died before recording it): made
    by the bot since the crisis opened, and no crisis's room."""
    chat = ports.chat
    if not isinstance(chat, MadeChannels):
        return None
    ref = chat.made_since(name, crisis.opened_at)
    if ref is None:
        return None
    with ports.uow() as uow:
        return ref if uow.crises.by_channel(ref.id) is None else None


def _invite_everyone(crisis: Crisis, ports: Ports) -> None:
    """Invite the role holders and the opener; a refusal is recorded and said once (a set-up run again, or a
    role handed on, invites everyone again)."""
    people = sorted(crisis.holders() | {crisis.opened_by})
    failures = ports.chat.invite(crisis.channel_id, people)
    if not failures:
        return
    now = ports.clock.now()
    with ports.uow() as uow:
        uow.crises.lock(crisis.id)
        told = {(e.data.get("user"), e.data.get("reason")) for e in uow.timeline.for_crisis(crisis.id)
                if e.kind is EventKind.INVITE_FAILED}
        failures = [f for f in failures if (f.user_id, f.reason) not in told]
        for failure in failures:
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.INVITE_FAILED, now, None, {
                "user": failure.user_id, "reason": failure.reason}))
        uow.commit()
    for failure in failures:
        post_quietly(ports, crisis.channel_id, msg("room.invite_failed", user=User(failure.user_id),
                                                     reason=failure_reason(failure.reason)))


def _post_and_pin_card(crisis: Crisis, ports: Ports) -> None:
    with ports.uow() as uow:
        shown = uow.crises.get(crisis.id)
        facts = card_facts(uow, crisis.id)
    ref = ports.chat.post_card(shown, ports.plan, facts)
    with ports.uow() as uow:
        stored = uow.crises.lock(crisis.id)
        stored.card_ts = ref
        uow.crises.save(stored)
        card_outcome(uow, crisis.id, shown.card_claims, None, ports.clock.now())
        uow.commit()
    if isinstance(ports.chat, Pins):
        ports.chat.pin(crisis.channel_id, ref)


def _announce_opened(crisis: Crisis, ports: Ports) -> None:
    announce(crisis, opened_notice(crisis), "opened", ports)
    with ports.uow() as uow:
        stored = uow.crises.lock(crisis.id)
        stored.announced = True
        uow.crises.save(stored)
        uow.commit()


# --- paging ---------------------------------------------------------------------------------


def tick(*, ports: Ports, limit: int = 50) -> TickReport:
    """Do what is due: finish interrupted room set-ups, retry undelivered pages, escalate, and show again what
    failed to show (cards, acknowledged marks, escalation notices)."""
    report = TickReport()
    now = ports.clock.now()
    silent = silent_since(now)
    unfinished = run_due(ports, "claiming room set-ups", lambda uow: uow.crises.setups_due(now, silent),
                         lambda uow, crisis_id: _claim_set_up(uow, crisis_id, now, ports.runner),
                         lambda crisis_id: crisis_id)
    with ports.uow() as uow:
        due_deliveries = uow.pages.due_deliveries(now, silent, limit)
        due_escalations = uow.pages.due_escalations(now, limit)
    for crisis_id in unfinished:
        try:
            set_up_room(crisis_id, ports=ports)
            report.rooms_finished += 1
        except ChatFailure as failure:
            report.failures.append(f"crisis {crisis_id}: {failure.reason}")
            log.warning("finishing set-up of crisis %s failed: %s", crisis_id, failure.reason)
    report.delivered += deliver_due(due_deliveries, ports)
    report.escalated += escalate(due_escalations, now, ports)
    report.shown += catch_up(ports=ports, limit=limit)
    sweep_tick(ports=ports)
    return report


def _claim_set_up(uow: UnitOfWork, crisis_id: int, now: datetime, runner: str) -> int | None:
    crisis = uow.crises.lock(crisis_id)
    if crisis.set_up_at is not None or not crisis.is_open:
        return None
    if crisis.set_up_retry_at > now and not taken_for_dead(uow, crisis.set_up_runner, now, runner):
        return None
    crisis.set_up_retry_at, crisis.set_up_runner = now + rules.SET_UP_LEASE, runner
    uow.crises.save(crisis)
    return crisis_id


def _slowest(failures: list[ChatFailure]) -> ChatFailure:
    """The failure to wait for: the one whose platform asked the longest wait."""
    return max(failures, key=lambda f: f.retry_after or 0, default=ChatFailure("set_up_unfinished"))


# --- in the room ----------------------------------------------------------------------------

def timeline(channel_id: str, *, ports: Ports) -> tuple[Crisis, list[TimelineEvent]]:
    crisis = crisis_for_channel(channel_id, ports=ports)
    with ports.uow() as uow:
        return crisis, uow.timeline.for_crisis(crisis.id)


def add_note(channel_id: str, text: str, *, user: str, request_key: str, ports: Ports) -> bool:
    note, trimmed = clean_text(text, MAX_NOTE)
    if not note:
        raise BadInput("error.note_empty")
    return change_crisis(channel_id, user, request_key, ports, lambda crisis, now: TimelineEvent(
        EventKind.NOTE, now, user, {"text": note, "trimmed": trimmed})) is not None


def change_severity(channel_id: str, severity: str, *, user: str, request_key: str, ports: Ports) -> bool:
    wanted = severity.strip().upper()
    if ports.plan.severity(wanted) is None:
        raise BadInput("error.bad_severity", severity=severity, choices=", ".join(s.key for s in ports.plan.severities))
    who = authority(ports)

    def apply(crisis: Crisis, now: datetime) -> TimelineEvent | None:
        permissions.check_may_change_severity(crisis, ports.plan, user, who)
        if crisis.severity == wanted:
            return None
        old, crisis.severity = crisis.severity, wanted
        crisis.next_update_due_at = rules.update_due_at(crisis.next_update_due_at, ports.plan.severity(old).update_every,
                                                        ports.plan.severity(wanted).update_every, now)
        return TimelineEvent(EventKind.SEVERITY_CHANGED, now, user, {"from": old, "to": wanted})

    changed = change_crisis(channel_id, user, request_key, ports, apply)
    if changed is not None:  # another rule is in force: statements it now approves go out, others wait again
        rule_changes.after_change(changed.id, user=user, ports=ports)
    return changed is not None


def assign_role(channel_id: str, role: str, assignee: str, *, user: str, request_key: str, ports: Ports) -> bool:
    """Give a role to someone (the crisis lead or an admin, or its holder handing it on): the new holder is
    invited and paged; open pages of the role end."""
    plan = ports.plan
    if plan.role(role) is None:
        raise BadInput("error.unknown_role", role=role, roles=", ".join(r.key for r in plan.roles))
    who = authority(ports)
    if isinstance(ports.chat, People) and ports.chat.is_person(assignee) is False:
        raise BadInput("error.assignee_not_a_person", user=User(assignee))
    new_page: list[Page] = []

    def apply(crisis: Crisis, now: datetime, uow: UnitOfWork) -> TimelineEvent | None:
        assignment = crisis.role(role)
        if assignment.user_id == assignee:
            return None
        permissions.check_may_assign(crisis, plan, user, role, assignee, who)
        previous = assignment.user_id
        assignment.user_id, assignment.acked_by, assignment.acked_at, assignment.unanswered = assignee, None, None, False
        _cancel_open_pages(uow, crisis.id, now, role)
        new_page.append(uow.pages.add(rules.new_page(crisis, plan, role, assignee, PageLevel.PRIMARY, now,
                                                                ports.runner)))
        return TimelineEvent(EventKind.ROLE_ASSIGNED, now, user, {"role": role, "from": previous, "to": assignee})

    changed = change_crisis(channel_id, user, request_key, ports, apply, with_uow=True) is not None
    if changed:
        crisis = crisis_for_channel(channel_id, ports=ports)
        _invite_everyone(crisis, ports)
        deliver(new_page, ports)
        rule_changes.after_change(crisis.id, user=user, ports=ports)  # approvals count for today's holders only
    return changed


def close_crisis(channel_id: str, resolution: str, *, user: str, request_key: str, ports: Ports) -> Crisis | None:
    """Close the crisis; what the close says (the notice, the paused posts, the debrief invitations, the
    announcement) is recorded with it and sent after the commit, or by the tick if this process dies."""
    text, _ = clean_text(resolution, MAX_RESOLUTION)
    if not text:
        raise BadInput("error.resolution_required")
    crisis = crisis_for_channel(channel_id, ports=ports)
    who = authority(ports)
    people = closing.participants(crisis, ports)
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis = uow.crises.lock(crisis.id)
        rules.ensure_open(crisis)
        permissions.check_may_close(crisis, ports.plan, user, who)
        event = rules.close(crisis, user, text, now)
        _cancel_open_pages(uow, crisis.id, now)
        uow.crises.save(crisis)
        uow.timeline.append(crisis.id, event)
        closing.record_close(uow, crisis, people, now, ports.plan)
        uow.commit()
    refresh_card(crisis.id, ports=ports)
    closing.tell_close(crisis.id, ports=ports)
    return crisis


def check_may_close(channel_id: str, *, user: str, ports: Ports) -> Crisis:
    """Before the close modal opens: refuse early so nobody types a resolution for nothing."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    rules.ensure_open(crisis)
    permissions.check_may_close(crisis, ports.plan, user, authority(ports))
    return crisis


# --- helpers --------------------------------------------------------------------------------

def _cancel_open_pages(uow: UnitOfWork, crisis_id: int, now: datetime, role: str | None = None) -> None:
    for page in uow.pages.for_crisis(crisis_id):
        if page.is_open and role in (None, page.role):
            page.cancelled_at = now
            uow.pages.save(page)


def first_time(request_key: str, *, ports: Ports) -> bool:
    """Claim a request key for work that has no other record (e.g. opening a modal)."""
    with ports.uow() as uow:
        claimed = uow.requests.claim(request_key, ports.clock.now())
        uow.commit()
    return claimed
