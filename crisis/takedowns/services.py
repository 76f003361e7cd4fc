"""Use cases of take-downs: ask for one (`/crisis takedown <url>`: the post is read and archived first), approve or
reject it under the statements' rule, remove the post once, and the tick that retries removals and shows cards.
The only layer that commits for them; every change takes the crisis lock first, then the take-down's."""
from __future__ import annotations

import logging
from datetime import datetime

from crisis.errors import BadInput, IllegalTransition, PublishFailed, UnknownCrisis
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import msg
from crisis.ports import Ports, UnitOfWork
from crisis.prevention.showing import CardKind, show_now
from crisis.room.model import Crisis
from crisis.room.rules import ensure_open
from crisis.room.shared import crisis_for_channel, quietly
from crisis.statements import post_actions
from crisis.statements.four_eyes import Decided
from crisis.takedowns import rules
from crisis.takedowns.model import Takedown, TakedownState
from crisis.takedowns.ports import PostRemover, PostUnavailable
from crisis.takedowns.views import outcome_notice, takedown_card
from crisis.views import Card

log = logging.getLogger(__name__)


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


def decide(takedown_id: int, *, approve: bool, user: str, request_key: str, ports: Ports) -> Decided | None:
    """Approve or reject (crisis.takedowns.rules.decide says who may); the post is removed when the rule is met.
    None for a duplicate request."""
    return post_actions.decide(TAKEDOWNS, takedown_id, approve=approve, user=user, request_key=request_key,
                               ports=ports)


def remove(takedown_id: int, *, ports: Ports) -> bool:
    """Remove an approved take-down's post once (crisis.statements.post_actions.carry_out), its copy stored long
    before. A post found gone after an earlier attempt of ours that may have landed counts as taken down, never as
    a second removal. True when this call recorded the outcome."""
    return post_actions.carry_out(TAKEDOWNS, takedown_id, ports=ports)


def tick(*, ports: Ports) -> int:
    """Remove the approved posts whose removal is due again (a back-off ended, or a claim's remover died), then show
    the cards that are due. Returns how many outcomes were recorded."""
    return post_actions.tick(TAKEDOWNS, ports=ports)


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


def _remove(takedown: Takedown, ports: Ports) -> bool:
    """True when the post was removed now, False when it was gone already."""
    try:
        return _remover(takedown, ports).remove(takedown.post_id)
    except PostUnavailable as refused:
        if refused.why != "gone":
            raise
        return False


def _removed(uow: UnitOfWork, takedown: Takedown, removed_now: bool, now: datetime) -> bool:
    if not rules.removed(takedown, removed_now, now):
        return False
    kind = EventKind.TAKEN_DOWN if takedown.state is TakedownState.TAKEN_DOWN else EventKind.TAKEDOWN_GONE
    _event(uow, takedown, kind, now, None, target=takedown.account, url=takedown.copy.url)
    return True


def _rehearsed(uow: UnitOfWork, takedown: Takedown, now: datetime) -> bool:
    """A drill's take-down, approved: recorded as taken down, the post left alone (skipped: drill)."""
    if not rules.removed(takedown, True, now):
        return False
    _event(uow, takedown, EventKind.TAKEDOWN_SKIPPED, now, None, target=takedown.account, url=takedown.copy.url)
    return True


def _event(uow: UnitOfWork, takedown: Takedown, kind: EventKind, now: datetime, actor: str | None, **more: str
           ) -> None:
    uow.timeline.append(takedown.crisis_id, TimelineEvent(kind, now, actor, {"takedown": takedown.id, **more}))


def _remover(takedown: Takedown, ports: Ports) -> PostRemover:
    entry = ports.removers.get(takedown.target)
    if entry is None:
        raise PostUnavailable("cannot", f"the plan has no account for {takedown.target} any more")
    return entry[1]


def _tell(crisis: Crisis | None, takedown: Takedown, ports: Ports) -> None:
    key = f"takedown:{takedown.id}:{takedown.state.value}:{takedown.remove_attempts}"
    if crisis is not None and crisis.channel_id:
        quietly(lambda: ports.chat.post(crisis.channel_id, outcome_notice(takedown, crisis.drill), key=key),
                f"telling the outcome of take-down {takedown.id}")


def _locked(uow: UnitOfWork, takedown_id: int) -> tuple[Crisis, Takedown]:
    """The take-down and its crisis under their locks, crisis first."""
    found = uow.takedowns.get(takedown_id)
    if found is None:
        raise UnknownCrisis("error.unknown_takedown")
    crisis = uow.crises.lock(found.crisis_id)
    return crisis, uow.takedowns.lock(takedown_id)


TAKEDOWNS: post_actions.PostAction[Takedown, bool] = post_actions.PostAction(
    noun="take-down", doing="taking down", rows=lambda uow: uow.takedowns, locked=_locked,
    due=lambda uow, now, limit: uow.takedowns.removals_due(now, limit), decide=rules.decide,
    approved=EventKind.TAKEDOWN_APPROVED, rejected=EventKind.TAKEDOWN_REJECTED, failed=EventKind.TAKEDOWN_FAILED,
    event=_event, claim=rules.claim_removal, act=_remove, record=_removed, rehearse=_rehearsed,
    fail=rules.removal_failed, tell=_tell, card=card_kind)
"""Take-downs as crisis.statements.post_actions carries them out."""
