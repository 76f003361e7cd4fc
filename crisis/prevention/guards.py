"""Who looks after the brand's accounts (the plan's admins and the security lead), where prevention's messages
go, and the register in force."""
from __future__ import annotations

import re
from dataclasses import dataclass

from crisis.ports import Ports, UnitOfWork
from crisis.prevention.model import Account
from crisis.prevention.rules import register
from crisis.room.shared import authority

_CHANNEL = re.compile(r"^(#.+|[CG][A-Z0-9]{2,}|\d+:\S+)$")
"""A channel as the plan names it: a Slack #name or id (C..., G...), or a Teams conversation id (19:...)."""


@dataclass(frozen=True)
class Guardians:
    """The plan's admins and the security lead (a role: its primary and backup) as chat user ids; `lead` is
    whom overdue reviews escalate to."""

    people: frozenset[str]
    lead: str | None


def guardians(ports: Ports) -> Guardians:
    plan, resolve = ports.plan, ports.chat.resolve_user
    ref = plan.prevention.security_lead
    role = plan.role(ref) if ref else None
    refs = ([role.primary] + ([role.backup] if role.backup else [])) if role else ([ref] if ref else [])
    leads = [user for r in refs if (user := resolve(r))]
    return Guardians(authority(ports).admins | frozenset(leads), leads[0] if leads else None)


def where(ref: str, ports: Ports) -> str | None:
    """A channel or a person as the plan names them, as the chat's id (None: unknown)."""
    return ports.chat.resolve_channel(ref) if _CHANNEL.match(ref) else ports.chat.resolve_user(ref)


def accounts(uow: UnitOfWork, ports: Ports) -> list[Account]:
    """The register in force: the plan's accounts, with the admins' entries over them."""
    return register(ports.plan.prevention.accounts, uow.accounts.all())
