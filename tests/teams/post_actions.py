"""What the Teams end-to-end tests of actions on a post (take-downs, webcare replies) share: the crisis room they
happen in, a post asked about there, the card holding a text, the two approving roles and the crisis's records."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from teams_sandbox.people import TeamsPerson
from teams_sandbox.state import Conversation
from tests.teams.conftest import LocalTeams
from tests.teams.test_flows import _open, _room


def crisis_room(local: LocalTeams) -> tuple[TeamsPerson, Conversation]:
    """Opens a crisis as the opener; returns the opener and the crisis room."""
    opener, _ = _open(local)
    return opener, _room(local.sandbox.state)


def asked_in_room(local: LocalTeams, mastodon, command: str, text: str,
                  **status: str) -> tuple[TeamsPerson, Conversation, dict[str, Any]]:
    """Opens a crisis, then puts `text` on the fake Mastodon and says `crisis <command> <its url>` in the room;
    returns the opener, the room and the status."""
    opener, room = crisis_room(local)
    posted = mastodon.add_status(text, **status)
    assert opener.say(f"crisis {command} {posted['url']}", room.id).status_code == 200
    return opener, room, posted


def card_holding(room: Conversation, text: str) -> str:
    """The id of the room's first card whose content holds `text`."""
    return next(i for i, a in room.activities.items() if a.get("attachments") and text in str(a))


def approvers(local: LocalTeams) -> tuple[TeamsPerson, TeamsPerson]:
    """The comms lead and legal: the statements' rule, which take-downs and replies follow."""
    return local.person("comms"), local.person("legal")


def of_crisis(local: LocalTeams, records: Callable[[Any], Any]) -> list[Any]:
    """`records(uow)`'s rows for the crisis `crisis_room` opened (the first), e.g. `lambda uow: uow.takedowns`."""
    with local.bot.ports.uow() as uow:
        return records(uow).for_crisis(1)
