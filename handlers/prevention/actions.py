"""Prevention in Slack: `/crisis accounts` (the register modal) and its submission, the Revoked button of an
offboarding alert, Keep / Remove of an access review, and Slack's `user_change` / `team_join` events."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Msg, msg
from crisis.ports import Ports
from crisis.prevention import offboarding, reviews, services
from crisis.prevention.guards import accounts
from crisis.prevention.rules import check_account
from crisis.prevention.views import person
from handlers import ids
from handlers.block_kit import plain
from handlers.errors import acked, request_key
from handlers.prevention import blocks
from handlers.replies import reply

FIELD_BLOCKS = {"platform": ids.PLATFORM_BLOCK, "handle": ids.HANDLE_BLOCK, "owner": ids.OWNER_BLOCK,
                "credential": ids.CREDENTIAL_BLOCK}


def register(app: App) -> None:
    app.view(ids.ACCOUNT_MODAL)(acked(account_submitted, check=_account_errors, kept=True))
    app.action(ids.REVOKE_ACCESS)(acked(revoked, kept=True))
    app.action(ids.KEEP_ACCESS)(acked(keep, kept=True))
    app.action(ids.REMOVE_ACCESS)(acked(remove, kept=True))
    app.event("user_change")(acked(user_changed, kept=True))
    app.event("team_join")(acked(user_changed, kept=True))


def open_register(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """`/crisis accounts`: the plan's admins and the security lead get the register modal."""
    services.check_may_manage(body["user_id"], ports)
    with ports.uow() as uow:
        register_in_force = accounts(uow, ports)
    meta = {"response_url": body.get("response_url"), "channel": body.get("channel_id")}
    client.views_open(trigger_id=body["trigger_id"], view=blocks.account_modal(register_in_force, meta))


def _account_errors(body: dict[str, Any], ports: Ports) -> dict[str, str] | None:
    try:
        check_account(blocks.account_from(body["view"]["state"]["values"]))
    except BadInput as error:
        return {FIELD_BLOCKS.get(error.field or "", ids.CREDENTIAL_BLOCK): plain(Msg(error.key, error.params))}
    return None


def account_submitted(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    account = blocks.account_from(body["view"]["state"]["values"])
    if services.save_account(account, user=body["user"]["id"], request_key=request_key(body), ports=ports):
        reply(body, client, msg("notice.account_saved", account=account.label))


def _pair(action: dict[str, Any]) -> tuple[int, str]:
    """A button's value: "<id>|<account or person>"."""
    first, _, second = str(action.get("value") or "").partition("|")
    number = ids.number(first)
    if number is None or not second:
        raise BadInput("error.unknown_offboarding")
    return number, second


def revoked(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    offboarding_id, account = _pair(action)
    record = offboarding.revoke(offboarding_id, account, user=body["user"]["id"], request_key=request_key(body),
                                ports=ports)
    reply(body, client, msg("notice.access_revoked", account=record.labels.get(account, account)))


def keep(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    _decide(body, action, client, ports, keep=True)


def remove(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    _decide(body, action, client, ports, keep=False)


def _decide(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports, *, keep: bool) -> None:
    review_id, holder = _pair(action)
    review = reviews.decide(review_id, holder, keep, user=body["user"]["id"], request_key=request_key(body),
                            ports=ports)
    decision = msg("review.decision.keep" if keep else "review.decision.remove")
    reply(body, client, msg("notice.review_recorded", person=person(holder), decision=decision, account=review.label))


def user_changed(body: dict[str, Any], ports: Ports) -> None:
    """A deactivated person (user_change, or team_join carrying a deactivated user): their access is revoked."""
    user = (body.get("event") or {}).get("user")
    if not isinstance(user, dict) or not user.get("deleted") or not isinstance(user.get("id"), str):
        return
    email = (user.get("profile") or {}).get("email")
    offboarding.person_left(user["id"], email if isinstance(email, str) else None,
                            is_bot=bool(user.get("is_bot") or user.get("is_app_user")), ports=ports)
