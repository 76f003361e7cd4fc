"""TeamsChat is the whole crisis Chat port: every method, with the port's parameters (a changed port cannot leave
the Teams adapter behind), and none of the optional capabilities Teams has no equivalent for."""
from __future__ import annotations

import inspect

import pytest

from crisis.ports import Chat
from crisis.room.ports import Pins, Topics
from crisis.statements.ports import ScheduledMessages
from teams.chat import TeamsChat
from tests.crisis.test_fakes import _members

METHODS, _ = _members(Chat)


@pytest.mark.parametrize("name", sorted(METHODS))
def test_teams_chat_has_every_method_of_the_port(name):
    ours = getattr(TeamsChat, name, None)
    assert ours is not None, f"TeamsChat lacks {name}"
    assert list(inspect.signature(ours).parameters) == list(inspect.signature(METHODS[name]).parameters)


def test_teams_chat_offers_no_slack_only_capability():
    assert not any(issubclass(TeamsChat, capability) for capability in (Topics, Pins, ScheduledMessages))
