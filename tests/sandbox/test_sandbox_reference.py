"""The embedded table of required arguments agrees with Slack's method reference (when shared/ is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox.arguments import ONE_OF_ARGS, REQUIRED_ARGS
from sandbox.methods import METHODS

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "slack-web-api" / "slack-api-ref-methods"
NOT_IN_REFERENCE = {"conversations.history": ({"channel"}, {"channel_not_found", "invalid_cursor", "invalid_ts_latest",
                                                            "invalid_ts_oldest", "not_in_channel"}),
                     "chat.delete": ({"channel", "ts"}, {"cant_delete_message", "channel_not_found",
                                                         "compliance_exports_prevent_deletion",
                                                         "message_not_found"})}
"""Served methods shared/data lacks (it is a subset): their required arguments and documented errors as Slack's
reference (slack-ruby/slack-api-ref, methods/conversations/conversations.history.json, methods/chat/chat.delete.json)
lists them."""


def test_every_served_method_has_a_required_args_entry():
    assert set(METHODS) == set(REQUIRED_ARGS)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="Slack's method reference (shared/data) is not here")
@pytest.mark.parametrize("method", sorted(REQUIRED_ARGS))
def test_required_args_match_slacks_reference(method):
    if method in NOT_IN_REFERENCE:
        assert not (REFERENCE / f"{method}.json").exists(), "now in shared/data: drop it from NOT_IN_REFERENCE"
        required, errors = NOT_IN_REFERENCE[method]
        assert set(REQUIRED_ARGS[method]) == required and set(REQUIRED_ARGS[method].values()) <= errors
        return
    reference = json.loads((REFERENCE / f"{method}.json").read_text())
    assert set(REQUIRED_ARGS[method]) == {name for name, arg in reference["args"].items() if arg.get("required")}
    groups = {frozenset(names) for names, _ in ONE_OF_ARGS.get(method, [])}
    needed = {frozenset(g["args"]) for g in reference.get("arg_groups", []) if g.get("required", True)}
    assert needed <= groups
    errors = [e for e in REQUIRED_ARGS[method].values()] + [e for _, e in ONE_OF_ARGS.get(method, [])]
    assert set(errors) <= set(reference["errors"]) | {"invalid_arguments"}
