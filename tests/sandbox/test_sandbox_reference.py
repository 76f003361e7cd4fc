"""The embedded table of required arguments agrees with Slack's method reference (when shared/ is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox.arguments import ONE_OF_ARGS, REQUIRED_ARGS
from sandbox.methods import METHODS

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "slack-web-api" / "slack-api-ref-methods"


def test_every_served_method_has_a_required_args_entry():
    assert set(METHODS) == set(REQUIRED_ARGS)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="Slack's method reference (shared/data) is not here")
@pytest.mark.parametrize("method", sorted(REQUIRED_ARGS))
def test_required_args_match_slacks_reference(method):
    reference = json.loads((REFERENCE / f"{method}.json").read_text())
    assert set(REQUIRED_ARGS[method]) == {name for name, arg in reference["args"].items() if arg.get("required")}
    groups = {frozenset(names) for names, _ in ONE_OF_ARGS.get(method, [])}
    needed = {frozenset(g["args"]) for g in reference.get("arg_groups", []) if g.get("required", True)}
    assert needed <= groups
    errors = [e for e in REQUIRED_ARGS[method].values()] + [e for _, e in ONE_OF_ARGS.get(method, [])]
    assert set(errors) <= set(reference["errors"]) | {"invalid_arguments"}
