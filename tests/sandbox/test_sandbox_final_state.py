"""Two runs' ends compared as the bot promises: posts for all to see exactly once, person-only notices at least
once (one more is no difference, one missing is)."""

from __future__ import annotations

from collections import Counter

from sandbox.final_state import FinalState


def state(said=(), told=()):
    return FinalState(Counter(said), frozenset(told), {}, [], {})


def test_a_post_for_all_to_see_is_compared_exactly():
    assert state(said=["#x | card"]).differences(state(said=["#x | card", "#x | card"])) == ["said +1x: #x | card"]
    assert state(said=["#x | card"]).differences(state()) == ["said -1x: #x | card"]


def test_a_person_only_notice_is_promised_at_least_once():
    thanks = "only @dana in DM @dana | Thanks, Legal is acknowledged."
    assert state(told=[thanks]).differences(state(told=[thanks, "only @dana in DM @dana | already acknowledged"])) == []
    assert state(told=[thanks]).differences(state()) == [f"told -1x: {thanks}"]
