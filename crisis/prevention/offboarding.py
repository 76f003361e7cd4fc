"""Offboarding: a person deactivated in chat who had access to brand accounts gets an alert in the security
channel, one Revoked button per account (who and when recorded), and a daily reminder until all is revoked.
The same departure twice, a bot, or a person with no access does nothing; someone who came back and leaves again
holding access their earlier departures do not cover gets a new alert for that access."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.due import run_due
from crisis.errors import BadInput, NotAuthorised, UnknownCrisis
from crisis.ports import Ports, UnitOfWork
from crisis.prevention import showing, views
from crisis.prevention.guards import accounts, guardians, where
from crisis.prevention.model import Notice, NoticeKind, Offboarding, Shown
from crisis.prevention.rules import not_covered, touched

REMIND_EVERY = timedelta(days=1)

ALERT = showing.CardKind(
    "offboarding alert", lambda uow: uow.offboardings, views.offboarding_card,
    lambda item, ports: where(ports.plan.prevention.security_channel or "", ports),
    lambda item: f"offboarding:{item.id}")


def person_left(user: str, email: str | None, *, is_bot: bool = False, ports: Ports) -> Offboarding | None:
    """Chat says `user` was deactivated: when they had access to (or owned) brand accounts that no earlier
    departure of theirs covers (crisis.prevention.rules.covers), record it with those accounts to revoke and
    alert the security channel. None when there is nothing to do: a bot, nobody with access, or a departure
    recorded before (the event delivered again, or out of order, or by two replicas at once)."""
    if is_bot or ports.plan.prevention.security_channel is None:
        return None
    now = ports.clock.now()
    with ports.uow() as uow:
        earlier = uow.offboardings.of_user(user)
        hit = not_covered(touched(accounts(uow, ports), user, email), earlier)
        if not hit:
            return None
        record = uow.offboardings.add(Offboarding(
            user, email, now, [a.key for a in hit], {a.key: a.label for a in hit},
            card=Shown(due_at=now), remind_at=now + REMIND_EVERY,
            departure=max((o.departure for o in earlier), default=0) + 1))
        uow.commit()
    if record is not None:
        showing.show_now(ALERT, record.id, ports)
    return record


def revoke(offboarding_id: int, account: str, *, user: str, request_key: str, ports: Ports) -> Offboarding:
    """The access to one account is revoked: by the security lead, an admin or the account's owner; who and
    when go on the alert. Pressed again (or by two people at once), the first one counts."""
    people = guardians(ports).people
    with ports.uow() as uow:
        owner_ref = _owner(uow, ports, account)
    owner = ports.chat.resolve_user(owner_ref) if owner_ref else None
    now = ports.clock.now()
    with ports.uow() as uow:
        record = uow.offboardings.lock(offboarding_id)
        if record is None:
            raise UnknownCrisis("error.unknown_offboarding")
        if account not in record.accounts:
            raise BadInput("error.unknown_offboarding")
        if user not in people and user != owner:
            raise NotAuthorised("error.revoke_not_allowed", owner=views.person(owner or owner_ref))
        if not uow.requests.claim(request_key, now) or account in record.revoked:
            return record
        record.revoked[account] = {"by": user, "at": now.isoformat()}
        showing.changed(record.card, now)
        if not record.unrevoked:
            record.remind_at = None
        uow.offboardings.save(record)
        uow.commit()
    showing.show_now(ALERT, offboarding_id, ports)
    return record


def _owner(uow: UnitOfWork, ports: Ports, key: str) -> str | None:
    return next((a.owner for a in accounts(uow, ports) if a.key == key), None)


def reminders_tick(*, ports: Ports) -> int:
    """Once a day per departure with access still unrevoked: a reminder notice to the security channel."""
    now, channel = ports.clock.now(), ports.plan.prevention.security_channel or ""
    return len(run_due(ports, "offboarding reminders", lambda uow: uow.offboardings.reminders_due(now, 20),
                       lambda uow, item_id: _remind(uow, item_id, now, channel), lambda added: added))


def _remind(uow: UnitOfWork, offboarding_id: int, now: datetime, channel: str) -> bool | None:
    record = uow.offboardings.lock(offboarding_id)
    if record is None or record.remind_at is None or record.remind_at > now:
        return None
    if not record.unrevoked:
        record.remind_at = None
        uow.offboardings.save(record)
        return None
    record.reminders += 1
    record.remind_at = now + REMIND_EVERY
    uow.offboardings.save(record)
    labels = ", ".join(record.labels.get(key, key) for key in record.unrevoked)
    days = max(1, (now - record.left_at).days)
    return uow.notices.add(Notice(f"offboarding:{record.id}:reminder:{record.reminders}", NoticeKind.UNREVOKED.value,
                                  channel, {"user": record.user, "accounts": labels, "days": days}, due_at=now))
