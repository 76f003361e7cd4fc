"""Prevention's messages as neutral views: the offboarding alert with a Revoked button per account, the access
review with Keep / Remove per person, and the notices (hygiene findings, reminders, escalations)."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from crisis.i18n import Msg, Time, User, msg
from crisis.prevention.model import AccessReview, Notice, Offboarding
from crisis.views import Action, Button, Buttons, Card, Emphasis, Notes, Text, Title

_PERSON_ID = re.compile(r"^([UW][A-Z0-9]{2,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")
"""A person's id on the chat: a Slack user id (U..., W...) or an Entra object id (Teams), as the plan takes them."""


def person(ref: str | None) -> User | str:
    """A person as a mention when the reference is a chat id, else as (escaped) text (an email)."""
    return User(ref) if ref is None or _PERSON_ID.match(ref) else ref


def people(refs: list[str]) -> Msg:
    """Several people, each a mention where possible, separated by commas."""
    if not refs:
        return msg("word.none")
    if len(refs) == 1:
        return msg("prevention.one", person=person(refs[0]))
    return msg("prevention.list", first=person(refs[0]), rest=people(refs[1:]))


def _done(record: dict[str, Any]) -> dict[str, Any]:
    return {"user": person(record.get("by")), "at": Time(datetime.fromisoformat(record["at"]))}


def offboarding_card(offboarding: Offboarding) -> Card:
    """Who left, and per account: revoked (by whom, when) or a Revoked button."""
    summary = msg("offboarding.summary", user=person(offboarding.user), count=len(offboarding.unrevoked))
    parts: list[Any] = [Title(msg("offboarding.title")), Text((msg("offboarding.intro", user=person(offboarding.user),
                                                                   at=Time(offboarding.left_at)),))]
    for index, key in enumerate(offboarding.accounts):
        label = offboarding.labels.get(key, key)
        if key in offboarding.revoked:
            parts.append(Text((msg("offboarding.revoked", account=label, **_done(offboarding.revoked[key])),)))
            continue
        parts.append(Text((msg("offboarding.to_revoke", account=label),)))
        parts.append(Buttons(f"revoke-{index}", (Button(Action.REVOKE_ACCESS, msg("offboarding.revoke_button"),
                                                         f"{offboarding.id}|{key}", Emphasis.DANGER),)))
    if not offboarding.unrevoked:
        parts.append(Notes((msg("offboarding.all_revoked"),)))
    return Card(summary, tuple(parts))


def review_card(review: AccessReview) -> Card:
    """The account's access holders, each with Keep / Remove, or the decision taken."""
    summary = msg("review.summary", account=review.label, due=Time(review.due_at))
    parts: list[Any] = [Title(msg("review.title", account=review.label)),
                        Text((msg("review.intro", account=review.label, count=len(review.holders),
                                  due=Time(review.due_at)),))]
    for index, holder in enumerate(review.holders):
        decision = review.decisions.get(holder)
        if decision is not None:
            key = "review.kept" if decision["keep"] else "review.removed"
            parts.append(Text((msg(key, person=person(holder), **_done(decision)),)))
            continue
        value = f"{review.id}|{holder}"
        parts.append(Text((msg("review.holder", person=person(holder)),)))
        parts.append(Buttons(f"review-{index}", (
            Button(Action.KEEP_ACCESS, msg("review.keep_button"), value, Emphasis.PRIMARY),
            Button(Action.REMOVE_ACCESS, msg("review.remove_button"), value, Emphasis.DANGER))))
    if review.completed_at is not None:
        parts.append(Notes((msg("review.completed_note", at=Time(review.completed_at)),)))
    if not review.holders:
        parts.append(Notes((msg("review.nobody"),)))
    return Card(summary, tuple(parts))


def notice_card(notice: Notice) -> Card:
    """A notice's message, from its kind and the plain values it keeps."""
    params = dict(notice.params)
    for name in ("person", "owner", "user"):
        if name in params:
            params[name] = person(params[name])
    if isinstance(params.get("removed"), list):
        params["removed"] = people(params["removed"])
    if "due" in params:
        params["due"] = Time(datetime.fromisoformat(params["due"]))
    text = Msg(f"prevention.notice.{notice.kind}", params)
    return Card(text, (Text((text,)),))
