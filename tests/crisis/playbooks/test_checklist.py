"""The checklist of a crisis: posted in the room at open, ticked and unticked with who and when on the message and
the timeline; a replayed click acts once, a step ticked twice or by someone outside the crisis changes nothing;
a message that failed to show is shown by the tick."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.errors import BadInput, IllegalTransition, NotAuthorised
from crisis.events import EventKind
from crisis.i18n import render
from crisis.i18n.voice import format_time
from crisis.playbooks import services
from crisis.playbooks.steps import shipped_steps
from crisis.room import services as room
from crisis.room.model import OpenCrisisForm
from crisis.timeline import describe
from crisis.views import Action, Check
from tests.crisis.fakes import FakeChat
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, open_one


def checklist_of(ports, crisis):
    with ports.uow() as uow:
        return uow.checklists.for_crisis(crisis.id)


def shown(chat, crisis):
    return chat.last_view(f"playbook:{crisis.id}")


def checks(card):
    return [part for part in card.parts if isinstance(part, Check)]


def step_events(ports, crisis):
    with ports.uow() as uow:
        return [e for e in uow.timeline.for_crisis(crisis.id)
                if e.kind in (EventKind.PLAYBOOK_STEP_DONE, EventKind.PLAYBOOK_STEP_UNDONE)]


def tick(ports, crisis, number, done=True, user="ULEAD", key=None):
    return services.tick_step(checklist_of(ports, crisis).id, number, done, user=user,
                              request_key=key or f"tick:{number}:{done}:{user}", ports=ports)


def test_the_types_checklist_is_posted_in_the_crisis_room_at_open(ports, chat):
    crisis = open_one(ports)
    (sent,) = chat.named("send_view")
    assert sent[1] == crisis.channel_id and sent[3] == f"playbook:{crisis.id}"
    boxes = checks(sent[2])
    assert [b.text.params["text"].key for b in boxes] == shipped_steps("offensive_post")
    assert all(b.action is Action.TICK_STEP and not b.done and b.note is None for b in boxes)
    assert [b.value for b in boxes][:2] == [f"{checklist_of(ports, crisis).id}|1", f"{checklist_of(ports, crisis).id}|2"]
    assert render(sent[2].summary) == "Playbook: Offensive post, 0 of 7 steps done"


def test_a_plan_with_its_own_steps_gets_them(ports, chat):
    plan = make_plan(playbooks={"outage": ["Call the NOC", "Post on status.acme.example"]})
    crisis = open_one(replace(ports, plan=plan), form=OpenCrisisForm("Checkout down", "SEV1", "outage"))
    assert [render(b.text) for b in checks(shown(chat, crisis))] == ["*1.* Call the NOC",
                                                                     "*2.* Post on status.acme.example"]


def test_a_tick_shows_who_and_when_and_goes_on_the_timeline_and_so_does_an_untick(ports, chat, clock, plan):
    crisis = open_one(ports)
    clock.advance(minutes=3)
    tick(ports, crisis, 2, user="ULEAD")
    box = checks(shown(chat, crisis))[1]
    assert box.done and render(box.note) == f":white_check_mark: done by @ULEAD, {format_time(clock.now())}"
    assert render(shown(chat, crisis).summary).endswith("1 of 7 steps done")
    clock.advance(minutes=1)
    tick(ports, crisis, 2, done=False, user="UCOMMS")
    assert not checks(shown(chat, crisis))[1].done
    done, undone = step_events(ports, crisis)
    assert (done.kind, done.actor, done.at, undone.kind, undone.actor) == (
        EventKind.PLAYBOOK_STEP_DONE, "ULEAD", clock.now() - timedelta(minutes=1), EventKind.PLAYBOOK_STEP_UNDONE,
        "UCOMMS")
    assert render(describe(done, plan)) == ("@ULEAD ticked playbook step 2: Pause all scheduled brand posts, "
                                            "on every channel.")


def test_a_replayed_click_does_nothing_twice(ports, chat):
    crisis = open_one(ports)
    assert tick(ports, crisis, 1, key="action:1") is not None
    assert tick(ports, crisis, 1, key="action:1") is None
    assert len(step_events(ports, crisis)) == 1 and len(chat.named("edit_view")) == 1


def test_a_step_ticked_twice_says_who_ticked_it_and_changes_nothing(ports, chat):
    crisis = open_one(ports)
    tick(ports, crisis, 1, user="ULEAD")
    with pytest.raises(BadInput) as refused:
        tick(ports, crisis, 1, user="UCOMMS")
    assert refused.value.key == "error.step_already_done" and refused.value.params["user"].id == "ULEAD"
    with pytest.raises(BadInput) as refused:
        tick(ports, crisis, 3, done=False)
    assert refused.value.key == "error.step_not_done"
    assert checklist_of(ports, crisis).done["1"]["by"] == "ULEAD" and len(step_events(ports, crisis)) == 1


@pytest.mark.parametrize("number", [0, 8, -1])
def test_a_step_the_checklist_does_not_have_is_refused(ports, number):
    crisis = open_one(ports)
    with pytest.raises(BadInput, match="error.unknown_step"):
        tick(ports, crisis, number)
    assert checklist_of(ports, crisis).done == {}


def test_someone_outside_the_crisis_is_refused_and_nothing_is_stored(ports, chat):
    crisis = open_one(ports)
    with pytest.raises(NotAuthorised, match="error.playbook_not_on_crisis"):
        tick(ports, crisis, 1, user="USTRANGER")
    assert checklist_of(ports, crisis).done == {} and step_events(ports, crisis) == []
    chat.members[crisis.channel_id] = ["USTRANGER"]  # joined the crisis channel
    assert tick(ports, crisis, 1, user="USTRANGER").done["1"]["by"] == "USTRANGER"


@pytest.mark.parametrize("user", ["UOPENER", "ULEGAL", "ULEADB", "UADMIN"])
def test_the_opener_role_holders_backups_and_admins_tick_without_joining(ports, user):
    ports = replace(ports, plan=make_plan(admins=["UADMIN"]))
    crisis = open_one(ports)
    assert tick(ports, crisis, 4, user=user).done["4"]["by"] == user


def test_a_closed_crisis_keeps_its_checklist_as_it_was(ports):
    crisis = open_one(ports)
    close(ports, crisis)
    with pytest.raises(IllegalTransition):
        tick(ports, crisis, 1)


def test_a_checklist_that_failed_to_post_is_posted_by_the_tick(ports, chat, clock):
    chat.fail["send_view"] = ["ratelimited"]
    crisis = open_one(ports)
    assert chat.named("send_view") == []
    assert services.tick(ports=ports) == 0  # waits for its back-off
    clock.advance(seconds=10)
    assert services.tick(ports=ports) == 1
    assert len(chat.named("send_view")) == 1 and checklist_of(ports, crisis).card.ref is not None
    assert services.tick(ports=ports) == 0


def test_a_tick_whose_edit_failed_is_shown_by_the_tick(ports, chat, clock):
    crisis = open_one(ports)
    chat.fail["edit_view"] = ["timeout"]
    tick(ports, crisis, 1)
    assert chat.named("edit_view") == []
    clock.advance(seconds=10)
    services.tick(ports=ports)
    assert checks(shown(chat, crisis))[0].done


class SlowFirstEdit(FakeChat):
    """Its first edit is slow: `meanwhile` (another person's whole click) runs before it lands."""

    def __init__(self):
        super().__init__()
        self.meanwhile = None

    def edit_view(self, channel_id, ref, card):
        run, self.meanwhile = self.meanwhile, None
        if run is not None:
            run()
        super().edit_view(channel_id, ref, card)


def test_two_ticks_at_once_end_with_both_shown_though_the_first_edit_lands_last(ports):
    """A ticks step 1, B ticks step 2 while A's edit is on its way: B's click does not edit over A's (one sender at
    a time); A's sender shows B's tick right after its own, so the message ends with both."""
    chat = SlowFirstEdit()
    ports = replace(ports, chat=chat)
    crisis = open_one(ports)
    chat.meanwhile = lambda: tick(ports, crisis, 2, user="ULEGAL")
    tick(ports, crisis, 1)
    assert [[c.done for c in checks(call[3])][:2] for call in chat.named("edit_view")] == [[True, False], [True, True]]
    card = checklist_of(ports, crisis).card
    assert (card.changes, card.shown, card.due_at) == (3, 3, None)


def test_the_same_open_again_makes_no_second_checklist(ports, db):
    crisis = open_one(ports, key="view:V1")
    room.open_crisis(OpenCrisisForm("Offensive ad video", "SEV2", "offensive_post"), actor="UOPENER",
                     request_key="view:V1", ports=ports)
    assert [c.crisis_id for c in db.rows("checklists")] == [crisis.id]


class Killed(BaseException):
    """The process dies (kill -9) in the middle of a call."""


def test_a_checklist_whose_sender_died_is_posted_by_the_tick_once_its_lease_ends(ports, chat, clock):
    chat.fail["send_view"] = [Killed()]
    with pytest.raises(Killed):
        open_one(ports)
    crisis = open_one(ports)  # the same request again finds the crisis; its set-up was recorded done
    assert chat.named("send_view") == [] and services.tick(ports=ports) == 0
    clock.advance(minutes=10)
    assert services.tick(ports=ports) == 1
    assert [c[3] for c in chat.named("send_view")] == [f"playbook:{crisis.id}"]


def test_a_set_up_killed_after_recording_the_room_leaves_the_checklist_due_for_the_tick(ports, chat):
    chat.fail["page:UCOMMS"] = [Killed()]  # dies while paging, after the set-up was recorded
    with pytest.raises(Killed):
        open_one(ports)
    assert chat.named("send_view") == []
    assert services.tick(ports=ports) == 1
    assert len(chat.named("send_view")) == 1
