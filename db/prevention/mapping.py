"""Copying between prevention's dataclasses and their rows; a card's state (Shown) is kept in card_* columns."""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from crisis.prevention.model import AccessReview, Account, Notice, Offboarding, Shown
from db.mapping import assign, column_values, read
from db.prevention.rows import AccessReviewRow, OffboardingRow, PreventionNoticeRow, SocialAccountRow

_CARD = tuple(f.name for f in fields(Shown))


def account_from_row(row: SocialAccountRow) -> Account:
    return read(row, Account, access=tuple(row.access))


def account_values(account: Account) -> dict[str, Any]:
    return column_values(account, skip=frozenset({"access"})) | {"access": list(account.access), "key": account.key}


def account_to_row(account: Account, row: SocialAccountRow) -> None:
    assign(row, account_values(account))


def notice_from_row(row: PreventionNoticeRow) -> Notice:
    return read(row, Notice, params=dict(row.params))


def notice_values(notice: Notice) -> dict[str, Any]:
    return column_values(notice, skip=frozenset({"params"})) | {"params": dict(notice.params)}


def notice_to_row(notice: Notice, row: PreventionNoticeRow) -> None:
    assign(row, notice_values(notice))


def card_from_row(row: Any) -> Shown:
    """A card's state from the card_* columns of any row that has them (db.prevention.rows.CardColumns)."""
    return Shown(**{name: getattr(row, f"card_{name}") for name in _CARD})


def card_values(card: Shown) -> dict[str, Any]:
    return {f"card_{name}": getattr(card, name) for name in _CARD}


def offboarding_from_row(row: OffboardingRow) -> Offboarding:
    return read(row, Offboarding, accounts=list(row.accounts), labels=dict(row.labels),
                revoked={k: dict(v) for k, v in row.revoked.items()}, card=card_from_row(row))


def offboarding_to_row(offboarding: Offboarding, row: OffboardingRow) -> None:
    assign(row, column_values(offboarding, skip=frozenset({"accounts", "labels", "revoked", "card"})) | {
        "accounts": list(offboarding.accounts), "labels": dict(offboarding.labels),
        "revoked": {k: dict(v) for k, v in offboarding.revoked.items()}} | card_values(offboarding.card))


def review_from_row(row: AccessReviewRow) -> AccessReview:
    return read(row, AccessReview, holders=list(row.holders), decisions={k: dict(v) for k, v in row.decisions.items()},
                card=card_from_row(row))


def review_to_row(review: AccessReview, row: AccessReviewRow) -> None:
    assign(row, column_values(review, skip=frozenset({"holders", "decisions", "card"})) | {
        "holders": list(review.holders), "decisions": {k: dict(v) for k, v in review.decisions.items()}}
        | card_values(review.card))
