"""The debrief's reminder per person: sent once to each who has not answered, a failure tried again after its
back-off (the others not reminded twice), a refusal given up after MAX_REFUSALS tries with the channel told once."""
from datetime import timedelta


from crisis.debrief import services
from crisis.due import MAX_REFUSALS, lease, retry_in
from crisis.errors import ChatFailure
from tests.crisis.fakes import FakeRenderer
from tests.crisis.fakes.outside import T0
from tests.crisis.rooms import debrief


def reminded(chat):
    return sorted(c[1] for c in chat.named("remind_debrief"))


def test_a_reminder_that_failed_is_sent_after_its_back_off_and_nobody_is_reminded_twice(ports, chat, clock, crisis):
    services.submit(crisis.id, {"went_well": "Fast pages"}, [], user="ULEGAL", ports=ports)
    failure = ChatFailure("ratelimited", retry_after=30)
    chat.fail["remind_debrief:UCOMMS"] = [failure]
    clock.advance(hours=24)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == ["ULEAD", "UOPENER"]
    record = debrief(ports, crisis)
    assert (record.reminded, record.reminded_at) == (["ULEAD", "UOPENER"], None)
    assert record.remind_at == clock.now() + retry_in(1, failure)
    clock.advance(seconds=29)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == ["ULEAD", "UOPENER"]
    clock.advance(seconds=1)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == ["UCOMMS", "ULEAD", "UOPENER"]
    assert debrief(ports, crisis).reminded_at == clock.now()
    clock.advance(hours=1)
    services.tick(ports=ports, render=FakeRenderer())
    assert len(chat.named("remind_debrief")) == 3


def test_someone_answering_during_the_back_off_is_not_reminded(ports, chat, clock, crisis):
    chat.fail["remind_debrief:UCOMMS"] = ["ratelimited"]
    clock.advance(hours=24)
    services.tick(ports=ports, render=FakeRenderer())
    services.submit(crisis.id, {"went_well": "Fast pages"}, [], user="UCOMMS", ports=ports)
    clock.advance(minutes=5)
    services.tick(ports=ports, render=FakeRenderer())
    assert "UCOMMS" not in reminded(chat)
    assert debrief(ports, crisis).reminded_at == clock.now()


def test_a_refused_reminder_is_given_up_after_repeated_refusals_and_the_channel_told_once(ports, chat, clock, crisis):
    chat.fail["remind_debrief:UCOMMS"] = [ChatFailure("cannot_dm_bot", permanent=True)] * (MAX_REFUSALS + 1)
    clock.advance(hours=24)
    for _ in range(MAX_REFUSALS + 2):
        services.tick(ports=ports, render=FakeRenderer())
        clock.advance(minutes=10)
    record = debrief(ports, crisis)
    assert "UCOMMS" in record.reminded and record.reminded_at is not None
    assert len(chat.fail["remind_debrief:UCOMMS"]) == 1  # tried MAX_REFUSALS times
    assert chat.posted(crisis.channel_id).count("debrief.reminder_refused") == 1
    assert reminded(chat) == ["ULEAD", "ULEGAL", "UOPENER"]


def test_reminders_cut_short_are_sent_by_a_later_tick_once_their_lease_ends(ports, chat, clock, crisis):
    chat.fail["remind_debrief:UCOMMS"] = [RuntimeError("the replica died")]
    clock.advance(hours=24)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == [] and debrief(ports, crisis).reminded_at is None
    clock.advance(seconds=(lease(calls=4) - timedelta(seconds=1)).total_seconds())
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == []
    clock.advance(seconds=1)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminded(chat) == ["UCOMMS", "ULEAD", "ULEGAL", "UOPENER"]
    assert debrief(ports, crisis).reminded_at == T0 + timedelta(hours=24) + lease(calls=4)
