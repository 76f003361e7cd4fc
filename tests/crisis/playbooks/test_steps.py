"""The steps a crisis type starts with: shipped in English and Dutch, or the plan's own; a plan naming an unknown
crisis type or a malformed step is refused as a whole, naming the key path."""
import pytest

from crisis.errors import PlanError
from crisis.i18n import CATALOGS, t
from crisis.playbooks.steps import MAX_STEP_LENGTH, MAX_STEPS, SHIPPED, shipped_steps, steps_for
from tests.crisis.plans import make_plan

TYPES = ["offensive_post", "complaint_wave", "account_leak", "outage", "employee_misconduct", "data_leak", "other"]


@pytest.mark.parametrize("kind", sorted(SHIPPED))
def test_every_shipped_type_has_its_steps_in_every_language(kind):
    keys = shipped_steps(kind)
    assert len(keys) >= 5
    for catalog in CATALOGS.values():
        assert all(catalog[key] for key in keys)


def test_the_shipped_steps_follow_common_practice():
    texts = {kind: " ".join(t(key) for key in shipped_steps(kind)).lower() for kind in SHIPPED}
    assert "take the offending post down" in texts["offensive_post"]
    for kind in SHIPPED:
        assert "pause" in texts[kind], kind
    assert "do not argue with hostile accounts" in texts["complaint_wave"]
    assert "take responsibility" in texts["offensive_post"] and "regular updates" in texts["outage"]


def test_an_account_leak_starts_with_the_access_steps_for_the_account():
    first = [t(key).lower() for key in shipped_steps("account_leak")[:3]]
    assert "password" in first[0] and "session" in first[0]
    assert "two-factor" in first[1]
    assert "access to the account" in first[2]


def test_a_type_without_shipped_steps_gets_the_general_ones():
    plan = make_plan(crisis_types=TYPES)
    assert steps_for(plan, "other") == (shipped_steps("general"), False)
    assert steps_for(plan, "outage") == (shipped_steps("outage"), False)


def test_the_plans_own_steps_replace_the_shipped_ones_for_their_type_only():
    plan = make_plan(crisis_types=TYPES, playbooks={"outage": ["  Call the NOC  ", "Post on status.acme.example"]})
    assert steps_for(plan, "outage") == (["Call the NOC", "Post on status.acme.example"], True)
    assert steps_for(plan, "offensive_post") == (shipped_steps("offensive_post"), False)


@pytest.mark.parametrize("playbooks,path,problem", [
    ({"weather": ["Check the forecast"]}, "playbooks.weather", "not one of the crisis_types"),
    (["outage"], "playbooks", "mapping"),
    ({"outage": "Call the NOC"}, "playbooks.outage", "list of 1 to"),
    ({"outage": []}, "playbooks.outage", "list of 1 to"),
    ({"outage": [f"Step {n}" for n in range(MAX_STEPS + 1)]}, "playbooks.outage", "list of 1 to"),
    ({"outage": ["Call the NOC", {"text": "Post"}]}, "playbooks.outage.1", "line of text"),
    ({"outage": ["Call the NOC", 42]}, "playbooks.outage.1", "line of text"),
    ({"outage": ["Call the NOC", "   "]}, "playbooks.outage.1", "line of text"),
    ({"outage": ["Call the NOC\nand the press"]}, "playbooks.outage.0", "one line"),
    ({"outage": ["x" * (MAX_STEP_LENGTH + 1)]}, "playbooks.outage.0", f"at most {MAX_STEP_LENGTH}"),
    ({"outage": ["Call the NOC", "Call the NOC "]}, "playbooks.outage.1", "listed twice"),
])
def test_unknown_types_and_malformed_steps_are_one_clear_error_with_the_key_path(playbooks, path, problem):
    with pytest.raises(PlanError) as refused:
        make_plan(crisis_types=TYPES, playbooks=playbooks)
    assert refused.value.path == path
    assert problem in refused.value.problem
