"""The debrief report is delivered at least once: recorded as due at close, retried until uploaded, given up
(and told once) only after repeated refusals, and resumed when its builder died; follow-up reminders alike."""
from __future__ import annotations

from datetime import timedelta


from crisis.debrief import services
from crisis.debrief.services import REPORT_LEASE
from crisis.due import MAX_REFUSALS
from crisis.errors import ChatFailure
from tests.crisis.fakes import FakeRenderer
from tests.crisis.fakes.outside import T0
from tests.crisis.rooms import debrief


def test_a_failed_upload_is_retried_until_the_report_is_in_the_channel(ports, chat, clock, crisis):
    chat.fail["upload_report"] = [ChatFailure("timeout"), ChatFailure("ratelimited", retry_after=60)]
    clock.advance(hours=48)
    services.tick(ports=ports, render=FakeRenderer())
    record = debrief(ports, crisis)
    assert record.closed_at and record.report_file_id is None and record.report_error == "timeout"
    clock.advance(seconds=10)
    services.tick(ports=ports, render=FakeRenderer())
    clock.advance(seconds=59)
    assert services.tick(ports=ports, render=FakeRenderer()) == 0  # the rate limit asked for a minute
    clock.advance(seconds=1)
    assert services.tick(ports=ports, render=FakeRenderer()) == 1
    record = debrief(ports, crisis)
    assert record.report_file_id and record.report_due_at is None and record.report_attempts == 3
    assert len(chat.named("upload_report")) == 1
    clock.advance(hours=1)
    assert services.tick(ports=ports, render=FakeRenderer()) == 0


def test_a_report_refused_for_its_content_is_given_up_and_told_once(ports, chat, clock, crisis):
    chat.fail["upload_report"] = [ChatFailure("invalid_arguments", permanent=True)] * (MAX_REFUSALS + 1)
    clock.advance(hours=48)
    for _ in range(MAX_REFUSALS + 2):
        services.tick(ports=ports, render=FakeRenderer())
        clock.advance(minutes=5)
    record = debrief(ports, crisis)
    assert record.report_file_id is None and record.report_due_at is None
    assert record.report_attempts == MAX_REFUSALS and record.report_markdown
    assert chat.posted(crisis.channel_id).count("debrief.report_refused") == 1


def test_a_report_whose_builder_died_is_built_again_when_its_lease_ends(ports, chat, clock, crisis):
    def dies(report):
        raise RuntimeError("the process died here")

    clock.advance(hours=48)
    services.tick(ports=ports, render=dies)
    assert debrief(ports, crisis).report_due_at == clock.now() + REPORT_LEASE
    clock.advance(seconds=REPORT_LEASE.total_seconds() - 1)
    assert services.tick(ports=ports, render=FakeRenderer()) == 0
    clock.advance(seconds=1)
    assert services.tick(ports=ports, render=FakeRenderer()) == 1
    assert debrief(ports, crisis).report_file_id and len(chat.named("upload_report")) == 1


def reminders(chat):
    return [c[1] for c in chat.named("post") if c[2] == "followup.reminder"]


def with_follow_up(ports, crisis):
    services.submit(crisis.id, {"went_well": "Fast pages"}, [("Add an FAQ", "UCOMMS", T0 + timedelta(hours=12))],
                    user="UCOMMS", ports=ports)


def test_a_follow_up_reminder_that_failed_is_sent_after_its_back_off_once(ports, chat, clock, crisis):
    with_follow_up(ports, crisis)
    chat.fail["post"] = [ChatFailure("timeout")]
    services.tick(ports=ports, render=FakeRenderer())
    services.tick(ports=ports, render=FakeRenderer())  # backing off
    assert reminders(chat) == []
    clock.advance(seconds=10)
    services.tick(ports=ports, render=FakeRenderer())
    clock.advance(hours=1)
    services.tick(ports=ports, render=FakeRenderer())
    assert reminders(chat) == ["UCOMMS"]


def test_a_refused_follow_up_reminder_is_given_up_and_told_once(ports, chat, clock, crisis):
    with_follow_up(ports, crisis)
    chat.fail["post"] = [ChatFailure("user_not_found", permanent=True)] * MAX_REFUSALS
    for _ in range(MAX_REFUSALS + 2):
        services.tick(ports=ports, render=FakeRenderer())
        clock.advance(minutes=5)
    assert reminders(chat) == []
    assert chat.posted(crisis.channel_id).count("followup.reminder_refused") == 1
