"""Submitting the questionnaire again keeps its follow-ups: the same ids (a Done button already sent still works),
updated in place, their reminder kept unless the owner or due date changed; only removed rows are deleted."""
from dataclasses import replace
from datetime import timedelta


from crisis.debrief import services
from crisis.debrief.model import FollowUpEntry
from tests.crisis.fakes import FakeChat, FakeRenderer
from tests.crisis.fakes.outside import T0

ANSWERS = {"went_well": "Fast pages", "response_speed": "4"}
DUE = T0 + timedelta(hours=20)


def mine(ports, crisis):
    return services.questionnaire(crisis.id, user="UCOMMS", ports=ports).follow_ups


def reminders(chat):
    return [c[1] for c in chat.named("post") if c[2] == "followup.reminder"]


def test_saving_other_answers_again_keeps_the_follow_up_its_reminder_and_its_done_button(ports, chat, clock, crisis):
    services.submit(crisis.id, ANSWERS, [("Add an FAQ", "ULEGAL", DUE)], user="UCOMMS", ports=ports)
    clock.advance(hours=2)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminders(chat) == ["ULEGAL"]
    (before,) = mine(ports, crisis)
    clock.advance(hours=1)
    services.submit(crisis.id, {**ANSWERS, "went_well": "Fast pages!"}, [("Add an FAQ", "ULEGAL", DUE)],
                    user="UCOMMS", ports=ports)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminders(chat) == ["ULEGAL"]
    (after,) = mine(ports, crisis)
    assert after == before and after.reminded_at == T0 + timedelta(hours=2)
    assert services.mark_done(before.id, user="ULEGAL", ports=ports).done_by == "ULEGAL"


def test_a_row_that_showed_a_follow_up_edits_it_in_place_and_a_removed_row_deletes_only_its_own(ports, clock, crisis):
    services.submit(crisis.id, ANSWERS, [("Add an FAQ", "ULEGAL", DUE), ("Train backups", "ULEAD", None)],
                    user="UCOMMS", ports=ports)
    faq, training = mine(ports, crisis)
    clock.advance(hours=1)
    services.submit(crisis.id, ANSWERS, [FollowUpEntry("Add an FAQ page", "ULEGAL", DUE, faq.id),
                                         FollowUpEntry("Rehearse twice a year", None, None)],
                    user="UCOMMS", ports=ports)
    edited, new = mine(ports, crisis)
    assert (edited.id, edited.text, edited.created_at) == (faq.id, "Add an FAQ page", faq.created_at)
    assert new.id not in (faq.id, training.id) and new.text == "Rehearse twice a year"
    with ports.uow() as uow:
        assert uow.follow_ups.get(training.id) is None


def test_a_new_owner_or_due_date_is_reminded_again_under_the_same_id(ports, chat, clock, crisis):
    services.submit(crisis.id, ANSWERS, [("Add an FAQ", "ULEGAL", DUE)], user="UCOMMS", ports=ports)
    (faq,) = mine(ports, crisis)
    clock.advance(hours=2)
    services.tick(ports=ports, render=FakeRenderer())
    services.submit(crisis.id, ANSWERS, [FollowUpEntry("Add an FAQ", "ULEAD", DUE, faq.id)], user="UCOMMS",
                    ports=ports)
    services.tick(ports=ports, render=FakeRenderer())
    services.submit(crisis.id, ANSWERS, [FollowUpEntry("Add an FAQ", "ULEAD", DUE + timedelta(days=1), faq.id)],
                    user="UCOMMS", ports=ports)
    assert mine(ports, crisis)[0].reminded_at is None
    clock.advance(days=1)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminders(chat) == ["ULEGAL", "ULEAD", "ULEAD"]
    assert [f.id for f in mine(ports, crisis)] == [faq.id]


class EditedWhileSending(FakeChat):
    """A chat during whose next post `edit` runs (another request, while the reminder is on its way)."""

    def __init__(self) -> None:
        super().__init__()
        self.edit = None

    def post(self, channel_id, message, key=None):
        edit, self.edit = self.edit, None
        if edit is not None:
            edit()
        super().post(channel_id, message, key)


def test_a_reminder_sent_as_its_follow_up_is_given_to_someone_else_leaves_the_new_owners_due(ports, clock, crisis):
    chat = EditedWhileSending()
    ports = replace(ports, chat=chat)
    services.submit(crisis.id, ANSWERS, [("Add an FAQ", "ULEGAL", DUE)], user="UCOMMS", ports=ports)
    (faq,) = mine(ports, crisis)
    clock.advance(hours=2)
    chat.edit = lambda: services.submit(crisis.id, ANSWERS, [FollowUpEntry("Add an FAQ", "ULEAD", DUE, faq.id)],
                                        user="UCOMMS", ports=ports)
    services.tick(ports=ports, render=FakeRenderer())
    assert mine(ports, crisis)[0].reminded_at is None
    services.tick(ports=ports, render=FakeRenderer())
    assert reminders(chat) == ["ULEGAL", "ULEAD"]
    assert [f.id for f in mine(ports, crisis)] == [faq.id]
