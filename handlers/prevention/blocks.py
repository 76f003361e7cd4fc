"""Block Kit for prevention: the admin modal of the account register, and reading its submission."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crisis.i18n import msg
from crisis.prevention.model import PLATFORMS, Account
from crisis.prevention.rules import MAX_CREDENTIAL, MAX_HANDLE
from crisis.prevention.views import person
from handlers import ids
from handlers.block_kit import input_block, modal, option, plain, section, slack_text

MAX_LISTED = 20
"""Accounts listed at the top of the modal (a modal holds at most 100 blocks)."""


def account_modal(register: Sequence[Account], meta: dict[str, Any]) -> dict[str, Any]:
    """The register so far, then the fields of one account (entering an account's platform and handle again
    replaces its entry)."""
    lines = [msg("prevention.modal.register_line", account=a.label, owner=person(a.owner),
                 two_factor=msg("word.yes" if a.two_factor else "word.no"), count=len(a.access))
             for a in register[:MAX_LISTED]]
    listed = "\n".join(slack_text(line) for line in lines) if lines else None
    blocks: list[dict[str, Any]] = [
        section(msg("prevention.modal.register")),
        section(listed) if listed else section(msg("prevention.modal.register_empty")),
        section(msg("prevention.modal.intro")),
        input_block(ids.PLATFORM_BLOCK, msg("prevention.modal.platform"), {
            "type": "static_select", "action_id": ids.PLATFORM_INPUT,
            "options": [option(key, name) for key, name in PLATFORMS.items()]}),
        input_block(ids.HANDLE_BLOCK, msg("prevention.modal.handle"), {
            "type": "plain_text_input", "action_id": ids.HANDLE_INPUT, "max_length": MAX_HANDLE}),
        input_block(ids.OWNER_BLOCK, msg("prevention.modal.owner"), {"type": "users_select",
                                                                     "action_id": ids.OWNER_INPUT}),
        input_block(ids.TWO_FACTOR_BLOCK, msg("prevention.modal.two_factor"), {
            "type": "checkboxes", "action_id": ids.TWO_FACTOR_INPUT,
            "options": [option("on", plain(msg("prevention.modal.two_factor_on")))]},
            optional=True),
        input_block(ids.CREDENTIAL_BLOCK, msg("prevention.modal.credential"), {
            "type": "plain_text_input", "action_id": ids.CREDENTIAL_INPUT, "max_length": MAX_CREDENTIAL},
            hint=msg("prevention.modal.credential_hint")),
        input_block(ids.ACCESS_BLOCK, msg("prevention.modal.access"), {"type": "multi_users_select",
                                                                       "action_id": ids.ACCESS_INPUT}, optional=True),
    ]
    return modal(ids.ACCOUNT_MODAL, msg("prevention.modal.title"), json.dumps(meta), blocks,
                 submit=msg("prevention.modal.submit"), close=msg("prevention.modal.close"))


def account_from(values: dict[str, Any]) -> Account:
    """The account a submitted modal describes (checked by the use case)."""
    def field(block: str, action: str) -> dict[str, Any]:
        return (values.get(block) or {}).get(action) or {}

    platform = (field(ids.PLATFORM_BLOCK, ids.PLATFORM_INPUT).get("selected_option") or {}).get("value") or ""
    two_factor = bool(field(ids.TWO_FACTOR_BLOCK, ids.TWO_FACTOR_INPUT).get("selected_options"))
    return Account(platform, field(ids.HANDLE_BLOCK, ids.HANDLE_INPUT).get("value") or "",
                   field(ids.OWNER_BLOCK, ids.OWNER_INPUT).get("selected_user") or "", two_factor,
                   field(ids.CREDENTIAL_BLOCK, ids.CREDENTIAL_INPUT).get("value") or "",
                   tuple(field(ids.ACCESS_BLOCK, ids.ACCESS_INPUT).get("selected_users") or ()))
