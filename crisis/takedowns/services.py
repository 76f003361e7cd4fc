"""Use cases of take-downs: ask for one (`/crisis takedown <url>`: the post is read and archived first), approve or
reject it under the statements' rule, remove the post once, and the tick that retries removals and shows cards.
The only layer that commits for them; every change takes the crisis lock first, then the take-down's."""
from __future__ import annotations

import logging

from crisis.due import given_up, retry_in
from crisis.errors import BadInput, IllegalTransition, PublishFailed, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import msg
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.showing import CardKind, cards_tick, changed, show_now
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.room.shared import crisis_for_channel, quietly
from crisis.takedowns import rules
from crisis.takedowns.model import Takedown, TakedownState
from crisis.takedowns.ports import PostRemover, PostUnavailable
from crisis.takedowns.views import outcome_notice, takedown_card
from crisis.views import Card

log = logging.getLogger(__name__)
BATCH = 20


def request_takedown(channel_id: str, url: str, *, user: str, request_key: str, ports: Ports) -> Takedown | None:
    """Any channel member asks for a post to be taken down: the URL must name a post of one of the plan's accounts
    (BadInput "error.takedown_unknown_platform"); the post is read and its copy archived with the request, or the
    request is refused when it is gone, another account's, or cannot be read ("error.takedown_gone",
    "error.takedown_not_ours", "error.takedown_cannot", "error.takedown_unreachable"); nothing is stored then.
    The approval card goes to the crisis room. None for a duplicate request."""
    crisis = crisis_for_channel(channel_id, ports=ports)
    ensure_open(crisis)  # before the platform is asked anything
    url = rules.check_url(url)
    target, account, remover, post_id = _remover_for(url, ports)
    try:
        copy = remover.fetch(post_id)
    except PostUnavailable as refused:
        raise IllegalTransition(f"error.takedown_{refused.why}", account=account, detail=refused.detail or "–") \
            from None
    except PublishFailed as failure:
        log.warning("reading the post %s of %s failed: %s", post_id, account, failure.reason)
        raise IllegalTransition("error.takedown_unreachable", account=account, reason=failure.reason) from None
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis = uow.crises.lock(crisis.id)
        takedown = rules.new_takedown(crisis, target=target, account=account, post_id=post_id, copy=copy, user=user,
                                      now=now, others=uow.takedowns.for_crisis(crisis.id))
        takedown.card.due_at = now
        takedown = uow.takedowns.add(takedown)
        uow.timeline.append(crisis.id, TimelineEvent(EventKind.TAKEDOWN_REQUESTED, now, user, {
            "takedown": takedown.id, "target": account, "url": copy.url}))
        uow.commit()
    show_now(card_kind(ports), takedown.id, ports)
    return takedown


def request_link_takedown(crisis_id: int, *, user: str, request_key: str, ports: Ports) -> Takedown | None:
    """[Take down] under the link on the crisis card: `request_takedown` of the crisis's own link (the offending
    post named when it was opened)."""
    with ports.uow() as uow:
        crisis = uow.crises.get(crisis_id)
    if crisis is None or not crisis.channel_id:
        raise UnknownCrisis("error.unknown_crisis")
    return request_takedown(crisis.channel_id, crisis.link, user=user, request_key=request_key, ports=ports)


def decide(takedown_id: int, *, approve: bool, user: str, request_key: str, ports: Ports
           ) -> rules.TakedownDecision | None:
    """Approve or reject (crisis.takedowns.rules.decide says who may); the post is removed when the rule is met.
    None for a duplicate request."""
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        crisis, takedown = _locked(uow, takedown_id)
        result = rules.decide(takedown, crisis, ports.plan, user=user, approve=approve, now=now)
        if result.approval is not None:
            kind = EventKind.TAKEDOWN_APPROVED if approve else EventKind.TAKEDOWN_REJECTED
            uow.timeline.append(crisis.id, TimelineEvent(kind, now, user, {
                "takedown": takedown_id, "role": result.approval.role}))
            changed(takedown.card, now)
        uow.takedowns.save(takedown)
        uow.commit()
    if result.approved:
        remove(takedown_id, ports=ports)
    else:
        show_now(card_kind(ports), takedown_id, ports)
    return result


def remove(takedown_id: int, *, ports: Ports) -> bool:
    """Remove an approved take-down's post once: claimed under the row lock with a lease (the tick resumes a claim
    whose remover died), the post's copy stored long before. A post found gone after an earlier attempt of ours
    that may have landed counts as taken down, never as a second removal. A failure is retried by the tick after
    a back-off (never sooner than Retry-After) until a refusal is final. True when the outcome is recorded."""
    now = ports.clock.now()
    with ports.uow() as uow:
        crisis, takedown = _locked(uow, takedown_id)
        state = takedown.state
        claimed = rules.claim_removal(takedown, crisis, ports.plan, now)
        if takedown.state is not state:
            changed(takedown.card, now)
        uow.takedowns.save(takedown)
        uow.commit()
    if not claimed:
        show_now(card_kind(ports), takedown_id, ports)
        return False
    try:
        removed_now = _remover(takedown, ports).remove(takedown.post_id)
    except PostUnavailable as refused:
        if refused.why != "gone":
            return _failed(takedown_id, PublishFailed(f"{refused.why}: {refused.detail}".strip(": "), permanent=True),
                           ports, final=True)
        removed_now = False
    except PublishFailed as failure:
        return _failed(takedown_id, failure, ports)
    with ports.uow() as uow:
        crisis, takedown = _locked(uow, takedown_id)
        done = rules.removed(takedown, removed_now, now)
        if done:
            kind = EventKind.TAKEN_DOWN if takedown.state is TakedownState.TAKEN_DOWN else EventKind.TAKEDOWN_GONE
            uow.timeline.append(crisis.id, TimelineEvent(kind, now, None, {
                "takedown": takedown_id, "target": takedown.account, "url": takedown.copy.url}))
            changed(takedown.card, now)
        uow.takedowns.save(takedown)
        uow.commit()
    if done:
        _tell(crisis, takedown, ports)
    show_now(card_kind(ports), takedown_id, ports)
    return True


def _failed(takedown_id: int, failure: PublishFailed, ports: Ports, final: bool = False) -> bool:
    """The claim released and the next try set after a back-off, or none when the refusal is final; the room hears
    of the first failure and of giving up."""
    now = ports.clock.now()
    ambiguous = not failure.permanent and failure.retry_after is None  # no answer, a server error: it may have landed
    with ports.uow() as uow:
        crisis, takedown = _locked(uow, takedown_id)
        rules.removal_failed(takedown, failure.reason, ambiguous=ambiguous)
        gave_up = final or given_up(failure, takedown.remove_attempts)
        takedown.remove_due_at = None if gave_up else now + retry_in(takedown.remove_attempts, failure)
        tell = gave_up or takedown.remove_attempts <= 1
        if tell:
            uow.timeline.append(crisis.id, TimelineEvent(EventKind.TAKEDOWN_FAILED, now, None, {
                "takedown": takedown_id, "target": takedown.account, "error": failure.reason}))
        changed(takedown.card, now)
        uow.takedowns.save(takedown)
        uow.commit()
    log.warning("taking down %s (take-down %s) failed: %s", takedown.post_id, takedown_id, failure.reason)
    if tell:
        _tell(crisis, takedown, ports)
    show_now(card_kind(ports), takedown_id, ports)
    return False


def tick(*, ports: Ports) -> int:
    """Remove the approved posts whose removal is due again (a back-off ended, or a claim's remover died), then show
    the cards that are due. Returns how many outcomes were recorded."""
    now = ports.clock.now()
    with ports.uow() as uow:
        due = uow.takedowns.removals_due(now, BATCH)
    done = 0
    for takedown_id in due:
        try:
            done += remove(takedown_id, ports=ports)
        except Exception:  # one take-down's trouble never stops the others
            log.exception("taking down %s failed", takedown_id)
    cards_tick(card_kind(ports), ports)
    return done


def card_kind(ports: Ports) -> CardKind:
    """How the approval card is shown and kept up to date (crisis.prevention.showing)."""
    return CardKind("take-down card", lambda uow: uow.takedowns, lambda takedown: _card(takedown, ports),
                    lambda takedown, _: takedown.channel_id, lambda takedown: f"takedown:{takedown.id}")


def _card(takedown: Takedown, ports: Ports) -> Card:
    with ports.uow() as uow:
        crisis = uow.crises.get(takedown.crisis_id)
    return takedown_card(takedown, crisis, ports.plan)


def _remover_for(url: str, ports: Ports) -> tuple[str, str, PostRemover, str]:
    for target, (account, remover) in ports.removers.items():
        post_id = remover.recognise(url)
        if post_id:
            return target, account, remover, post_id
    accounts = ", ".join(account for account, _ in ports.removers.values())
    raise BadInput("error.takedown_unknown_platform", field="url", accounts=accounts or msg("word.none"))


def _remover(takedown: Takedown, ports: Ports) -> PostRemover:
    entry = ports.removers.get(takedown.target)
    if entry is None:
        raise PostUnavailable("cannot", f"the plan has no account for {takedown.target} any more")
    return entry[1]


def _tell(crisis: Crisis, takedown: Takedown, ports: Ports) -> None:
    key = f"takedown:{takedown.id}:{takedown.state.value}:{takedown.remove_attempts}"
    if crisis.channel_id:
        quietly(lambda: ports.chat.post(crisis.channel_id, outcome_notice(takedown), key=key),
                f"telling the outcome of take-down {takedown.id}")


def _locked(uow: UnitOfWork, takedown_id: int) -> tuple[Crisis, Takedown]:
    """The take-down and its crisis under their locks, crisis first."""
    found = uow.takedowns.get(takedown_id)
    if found is None:
        raise UnknownCrisis("error.unknown_takedown")
    crisis = uow.crises.lock(found.crisis_id)
    return crisis, uow.takedowns.lock(takedown_id)
