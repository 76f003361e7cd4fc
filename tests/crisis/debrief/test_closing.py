"""What a close says is due work recorded with the close: a process killed right after the close's commit
loses none of it (the tick sends it once the sender's lease ended), and nothing is said twice."""
from __future__ import annotations

from crisis.debrief import closing
from crisis.due import lease
from tests.crisis.rooms import close, open_one

PEOPLE = ["ULEAD", "UCOMMS", "ULEGAL", "UOPENER"]


class Killed(RuntimeError):
    """The process dies here (kill -9)."""


def said(chat, crisis):
    return {"room": chat.posted(crisis.channel_id).count("room.closed"),
            "announce": chat.posted("CANNOUNCE").count("announce.closed"),
            "invited": sorted(c[1] for c in chat.named("invite_to_debrief"))}


def test_a_close_killed_after_its_commit_is_told_by_the_tick_once_its_lease_ends(ports, chat, clock):
    crisis = open_one(ports)
    chat.fail["post"] = [Killed()]
    close(ports, crisis)
    with ports.uow() as uow:
        record = uow.debriefs.for_crisis(crisis.id)
    assert record is not None and record.told == []
    assert said(chat, crisis) == {"room": 0, "announce": 0, "invited": []}
    assert closing.closes_tick(ports=ports) == 0  # the sender's lease holds: it might still be sending
    clock.advance(seconds=lease(calls=len(PEOPLE) + 4).total_seconds())
    assert closing.closes_tick(ports=ports) == 1
    assert said(chat, crisis) == {"room": 1, "announce": 1, "invited": sorted(PEOPLE)}
    assert {f"closed:{crisis.id}", f"announce:{crisis.id}:closed"} <= set(chat.post_keys)  # found, if it landed
    clock.advance(hours=1)
    assert closing.closes_tick(ports=ports) == 0
    with ports.uow() as uow:
        record = uow.debriefs.for_crisis(crisis.id)
    assert (record.told, record.close_due_at) == (sorted(["room", "paused_posts", "announce"]
                                                         + [f"invite:{p}" for p in PEOPLE]), None)


def test_a_failed_invitation_is_sent_again_after_a_back_off_and_only_it(ports, chat, clock):
    crisis = open_one(ports)
    chat.fail["invite_to_debrief:ULEGAL"] = ["timeout"]
    close(ports, crisis)
    assert said(chat, crisis) == {"room": 1, "announce": 1, "invited": sorted(set(PEOPLE) - {"ULEGAL"})}
    with ports.uow() as uow:
        assert uow.debriefs.for_crisis(crisis.id).invite_failures == {"ULEGAL": "timeout"}
    clock.advance(seconds=10)
    assert closing.closes_tick(ports=ports) == 1
    assert said(chat, crisis) == {"room": 1, "announce": 1, "invited": sorted(PEOPLE)}
    with ports.uow() as uow:
        assert uow.debriefs.for_crisis(crisis.id).invite_failures == {}
