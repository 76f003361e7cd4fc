"""What a card's data carries is read strictly (teams/card_data.py): an id made of digits Python reads differently
('²' passes str.isdigit, int() refuses it) is refused with the verb's own message, never "something went wrong"."""
from __future__ import annotations

import logging

import pytest

from crisis.errors import BadInput
from crisis.i18n import t
from teams.actions import VERBS
from teams.card_data import maybe_number, number, number_pair
from teams_sandbox.cards import card_lines
from tests.teams.test_flows import _open, _room

ODD = ["²", "1:²", "²:1", "1²", "٣"]


@pytest.mark.parametrize("value", [*ODD, "", "-1", "1.0", " 1", "1 ", "9" * 19, None, True, 1.0, [1], {"a": 1}])
def test_anything_but_ascii_digits_is_no_id(value):
    assert maybe_number(value) is None
    with pytest.raises(BadInput):
        number(value, "error.unknown_statement")


def test_an_id_and_a_pair():
    assert (maybe_number("0"), maybe_number("9" * 18), maybe_number(7)) == (0, 10**18 - 1, 7)
    assert number_pair("12:3", "error.unknown_statement") == (12, 3)
    for value in ("12", "12:", ":3", "1:2:3", "1:²", 12):
        with pytest.raises(BadInput):
            number_pair(value, "error.unknown_statement")


@pytest.mark.one_database
def test_no_verb_answers_odd_digits_with_an_internal_error(local_teams, caplog):
    _open(local_teams)
    room = _room(local_teams.sandbox.state)
    person = local_teams.person("social")
    failed = []
    for verb in sorted(VERBS):
        for value in ODD:
            caplog.clear()
            with caplog.at_level(logging.ERROR):
                answer = person.send({"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {
                    "type": "Action.Execute", "verb": verb, "data": {"value": value, "alert": value}}}}, room.id)
            shown = " ".join(card_lines(answer.json()["value"])) if answer.content else ""
            if answer.status_code != 200 or t("error.internal") in shown or caplog.records:
                failed.append((verb, value, shown[:80]))
    assert failed == []
