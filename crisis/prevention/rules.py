"""Pure decisions of prevention: what an account entry must be (never a password), the register as the plan and
the admins' entries make it, the hygiene findings, who is touched by a departure, and when a review round is due."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from crisis.errors import BadInput
from crisis.prevention.model import PLATFORMS, Account, NoticeKind, Offboarding

MAX_CREDENTIAL = 120
MAX_HANDLE = 100
_HANDLE = re.compile(r"^[^\s<>&]{1,100}$")
_TOKEN_PREFIXES = re.compile(
    r"(xox[abposr]-|xapp-|ghp_|gho_|github_pat_|glpat-|sk-|sk_live_|pk_live_|AKIA[0-9A-Z]{8}|AIza|EAA[A-Za-z0-9]{10}|"
    r"ya29\.|eyJ[A-Za-z0-9_-]{8,}\.|bearer\s|-----BEGIN)", re.IGNORECASE)
_SECRET_WORDS = re.compile(r"\b(password|passwort|wachtwoord|pwd|passcode|secret|token)\s*[:=]", re.IGNORECASE)
_STRONG = re.compile(r"[!#$%^&*+=?~`'\"\\;,<>{}|]")
"""Symbols passwords are made with and entry names are not (handles have @, paths / - _ . :)."""
_MANAGERS = {"1password", "bitwarden", "lastpass", "keepass", "keepassxc", "dashlane", "keeper", "vault", "nordpass"}
"""Password managers' names: words that mix letters and digits and are still no secret."""
_SEPARATORS = re.compile(r"[\s/:|>·,()\[\]]+|(?<=\w)[-_.](?=\w)")


def looks_like_secret(text: str) -> bool:
    """A password or token rather than the name of a password-manager entry: a known token prefix, `password:`,
    a word of eight or more characters mixing three of lowercase, uppercase, digits and symbols (a symbol such as
    ! or # anywhere in it; else - _ . : split it in parts first), or a long run of letters and digits (a key).
    Entry names are words: "1Password / Social / X @acme"."""
    if _TOKEN_PREFIXES.search(text) or _SECRET_WORDS.search(text):
        return True
    if any(len(token) >= 8 and _STRONG.search(token) and _classes(token) >= 3 for token in text.split()):
        return True
    for word in _SEPARATORS.split(text):
        if word.lower() in _MANAGERS:
            continue
        if len(word) >= 8 and _classes(word) >= 3:
            return True
        if len(word) >= 20 and re.search(r"\d", word) and re.search(r"[A-Za-z]", word):
            return True
    return False


def _classes(word: str) -> int:
    """How many of lowercase, uppercase, digits and other characters the word mixes."""
    return sum(bool(re.search(pattern, word)) for pattern in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z\d]"))


def check_account(account: Account) -> None:
    """An entry people submit (or the plan holds): a BadInput naming the field for the first thing wrong."""
    if account.platform not in PLATFORMS:
        raise BadInput("error.account_platform", field="platform", choices=", ".join(PLATFORMS))
    if not _HANDLE.match(account.handle.strip()):
        raise BadInput("error.account_handle", field="handle")
    if not account.owner:
        raise BadInput("error.account_owner", field="owner")
    credential = account.credential.strip()
    if not credential or len(credential) > MAX_CREDENTIAL:
        raise BadInput("error.account_credential", field="credential", limit=MAX_CREDENTIAL)
    if looks_like_secret(credential):
        raise BadInput("error.account_secret", field="credential")


def register(planned: Sequence[Account], stored: Sequence[Account]) -> list[Account]:
    """The accounts in force: the plan's, each replaced by an admin's entry for the same account, then the
    entries for accounts the plan does not list; in that order."""
    entered = {account.key: account for account in stored}
    accounts = [entered.pop(account.key, account) for account in planned]
    return accounts + sorted(entered.values(), key=lambda a: a.key)


def same_person(ref: str, user: str, email: str | None) -> bool:
    """Whether a plan's reference (chat id or email) names this person."""
    return ref == user or (email is not None and ref.lower() == email.lower())


def findings(accounts: Iterable[Account], *, departures: Sequence[Offboarding], staff: set[str],
             resolve) -> list[tuple[NoticeKind, Account, str | None]]:
    """What the security channel must hear about: accounts without two-factor authentication, owners who left
    (an account their departure listed), people the chat does not know (`resolve` finds nobody), and access
    holders with no current role (not in `staff`: the plan's role holders and admins, and the owners), leaving
    out each access a departure took care of (`covers`). Access someone was given after they left (back again,
    say) is judged like anyone's."""
    found: list[tuple[NoticeKind, Account, str | None]] = []
    for account in accounts:
        if not account.two_factor:
            found.append((NoticeKind.NO_TWO_FACTOR, account, None))
        if any(owner_left(d, account) for d in departures):
            found.append((NoticeKind.OWNER_LEFT, account, account.owner))
        for person in dict.fromkeys((account.owner, *account.access)):
            if departed(person, account, departures):
                continue
            if resolve(person) is None:
                found.append((NoticeKind.UNKNOWN_PERSON, account, person))
            elif person != account.owner and resolve(person) not in staff and person not in staff:
                found.append((NoticeKind.NO_ROLE, account, person))
    return found


def covers(departure: Offboarding, account: Account) -> bool:
    """Whether a departure takes care of its person's access to the account: it lists the account, and the access
    is still to be revoked there, or was revoked and the admins have not entered the account again since (an
    entry saved after the revocation that still names the person is access given anew). The plan's entries have
    no time: their access revoked stays revoked."""
    if account.key not in departure.accounts:
        return False
    revoked = departure.revoked.get(account.key)
    return (revoked is None or account.updated_at is None
            or account.updated_at <= datetime.fromisoformat(revoked["at"]))


def departed(person: str, account: Account, departures: Iterable[Offboarding]) -> bool:
    """Whether the person's access to the account was taken care of by one of their departures (`covers`):
    revoked, or on its way to be; nobody reviews or flags it any more."""
    return any(same_person(person, d.user, d.email) and covers(d, account) for d in departures)


def owner_left(departure: Offboarding, account: Account) -> bool:
    """The account's owner is the person who left, their departure listed it, and nobody entered it since."""
    return (same_person(account.owner, departure.user, departure.email) and account.key in departure.accounts
            and (account.updated_at is None or account.updated_at <= departure.left_at))


def finding_key(kind: NoticeKind, account: Account, person: str | None) -> str:
    return f"finding:{kind.value}:{account.key}" + (f":{person}" if person else "")


def touched(accounts: Iterable[Account], user: str, email: str | None) -> list[Account]:
    """The accounts a person who left had access to (or owned)."""
    return [a for a in accounts if same_person(a.owner, user, email) or any(same_person(p, user, email)
                                                                            for p in a.access)]


def not_covered(hit: Iterable[Account], earlier: Iterable[Offboarding]) -> list[Account]:
    """Of the accounts a person who leaves holds, those none of their earlier departures takes care of: the new
    departure's. Empty when the same departure is told again (an event delivered twice or out of order)."""
    before = list(earlier)
    return [account for account in hit if not any(covers(d, account) for d in before)]


def review_round_due(last_start: datetime | None, now: datetime, every: timedelta) -> bool:
    """An account is reviewed when it never was, and then every `every` (a quarter by default)."""
    return last_start is None or now >= last_start + every
