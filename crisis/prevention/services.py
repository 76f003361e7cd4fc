"""Use cases of prevention's account register: the accounts in force, an admin's entry from the modal, hygiene
findings flagged to the security channel once each, and the tick that runs all of prevention's due work."""
from __future__ import annotations

from dataclasses import dataclass, replace

from crisis.errors import NotAuthorised
from crisis.ports import Ports, UnitOfWork
from crisis.prevention import offboarding, reviews, showing, views
from crisis.prevention.guards import accounts, guardians, where
from crisis.prevention.model import Account, Notice, NoticeKind
from crisis.prevention.rules import check_account, finding_key, findings


def check_may_manage(user: str, ports: Ports) -> None:
    if user not in guardians(ports).people:
        raise NotAuthorised("error.prevention_not_allowed")


def save_account(account: Account, *, user: str, request_key: str, ports: Ports) -> Account | None:
    """An admin's or the security lead's entry (new, or replacing the account's): checked first, never a
    password; None when the request was handled before. Its findings are flagged at the next tick."""
    check_may_manage(user, ports)
    check_account(account)
    now = ports.clock.now()
    with ports.uow() as uow:
        if not uow.requests.claim(request_key, now):
            return None
        stored = uow.accounts.put(replace(account, handle=account.handle.strip(), credential=account.credential.strip(),
                                          access=tuple(dict.fromkeys(account.access)), updated_by=user, updated_at=now))
        uow.commit()
    return stored


def flag_findings(*, ports: Ports) -> int:
    """Accounts without 2FA, owners who left, access holders without a current role: each a notice to the
    security channel, recorded once (its key), so a finding is said once, not at every tick."""
    channel = ports.plan.prevention.security_channel
    if channel is None:
        return 0
    resolve = ports.chat.resolve_user
    now = ports.clock.now()
    with ports.uow() as uow:
        found = hygiene(uow, ports)
        known = uow.notices.keys("finding:")
        added = 0
        for kind, account, person in found:
            key = finding_key(kind, account, person)
            if key in known:
                continue
            params = {"account": account.label, "owner": resolve(account.owner) or account.owner}
            if person is not None:
                params["person"] = resolve(person) or person
            added += uow.notices.add(Notice(key, kind.value, channel, params, due_at=now))
        uow.commit()
    return added


def hygiene(uow: UnitOfWork, ports: Ports) -> list[tuple[NoticeKind, Account, str | None]]:
    """The register's findings now (crisis.prevention.rules.findings): what the security channel is told, and
    what the guardians' Home tab lists."""
    resolve = ports.chat.resolve_user
    in_force = accounts(uow, ports)
    people = staff(ports) | {resolve(a.owner) or a.owner for a in in_force}
    return findings(in_force, departures=uow.offboardings.all(), staff=people, resolve=resolve)


def staff(ports: Ports) -> set[str]:
    """People with a current role: the plan's role holders (primary and backup) and admins, as chat ids."""
    plan, resolve = ports.plan, ports.chat.resolve_user
    refs = [r for role in plan.roles for r in (role.primary, role.backup) if r] + list(plan.admins)
    return {resolve(ref) or ref for ref in refs}


def notice_to(notice: Notice, ports: Ports) -> str | None:
    return where(notice.recipient, ports)


@dataclass
class PreventionTickReport:
    findings: int
    notices: int
    alerts: int
    reminders: int
    reviews_started: int
    review_cards: int
    escalations: int


def tick(*, ports: Ports) -> PreventionTickReport:
    """Everything timed in prevention. Without a security channel in the plan there is nothing to do."""
    if ports.plan.prevention.security_channel is None:
        return PreventionTickReport(0, 0, 0, 0, 0, 0, 0)
    lead = guardians(ports).lead
    return PreventionTickReport(
        findings=flag_findings(ports=ports),
        alerts=showing.cards_tick(offboarding.ALERT, ports),
        reminders=offboarding.reminders_tick(ports=ports),
        reviews_started=reviews.start_rounds(ports=ports, accounts=lambda uow: accounts(uow, ports)),
        review_cards=showing.cards_tick(reviews.REVIEW, ports),
        escalations=reviews.escalate_overdue(ports=ports, lead=lead),
        notices=showing.notices_tick(ports, views.notice_card, notice_to),
    )

