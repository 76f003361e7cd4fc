"""Debrief use cases through the fakes: started at close, answers until the deadline, one reminder, the report,
follow-ups, and `/crisis started`."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.debrief import closing, services
from crisis.due import MAX_REFUSALS
from crisis.errors import BadInput, ChatFailure, IllegalTransition, NotAuthorised, UnknownCrisis
from crisis.events import EventKind
from crisis.room import pages as paging
from crisis.room import services as rooms
from tests.crisis.fakes import FakeRenderer
from tests.crisis.fakes.outside import T0
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, debrief, kinds, open_one, stored

ANSWERS = {"went_well": "Fast pages", "response_speed": "4", "roles_clear": "5"}
PEOPLE = ["ULEAD", "UCOMMS", "ULEGAL", "UOPENER"]


@pytest.fixture
def renderer():
    return FakeRenderer()


def submit(ports, crisis, user, answers=ANSWERS, follow_ups=()):
    return services.submit(crisis.id, answers, follow_ups, user=user, ports=ports)


def test_closing_invites_every_role_holder_and_the_opener_once(ports, chat, clock, crisis):
    record = debrief(ports, crisis)
    assert sorted(record.participants) == sorted(PEOPLE)
    assert (record.deadline, record.remind_at) == (clock.now() + timedelta(hours=48), clock.now() + timedelta(hours=24))
    assert sorted(c[1] for c in chat.named("invite_to_debrief")) == sorted(PEOPLE)
    closing.tell_close(crisis.id, ports=ports)
    clock.advance(hours=1)
    assert closing.closes_tick(ports=ports) == 0
    assert len(chat.named("invite_to_debrief")) == 4


def test_who_acknowledged_a_role_and_handed_it_on_is_invited_too(ports):
    crisis = open_one(ports)
    with ports.uow() as uow:
        legal = next(p for p in uow.pages.for_crisis(crisis.id) if p.role == "legal")
    paging.acknowledge_page(legal.id, user="ULEGAL", request_key="ack", ports=ports)
    rooms.assign_role(crisis.channel_id, "legal", "ULEGAL2", user="ULEGAL", request_key="hand-on", ports=ports)
    close(ports, crisis)
    assert sorted(debrief(ports, crisis).participants) == sorted([*PEOPLE, "ULEGAL2"])


def test_with_everyone_invited_the_channel_members_come_too_unless_unknown(ports, chat):
    ports = replace(ports, plan=make_plan(debrief={"participants": "everyone"}))
    crisis = open_one(ports)
    chat.members[crisis.channel_id] = ["UOPENER", "UWATCHER"]
    close(ports, crisis)
    assert "UWATCHER" in debrief(ports, crisis).participants
    other = open_one(ports, key="view:V2")
    chat.fail["channel_members"] = ["missing_scope"]
    close(ports, other, key="close2")
    assert sorted(debrief(ports, other).participants) == sorted(PEOPLE)


def test_someone_unreachable_is_recorded_named_in_the_channel_once_and_given_up_after_refusals(ports, chat, clock):
    chat.fail["invite_to_debrief:ULEGAL"] = [ChatFailure("cannot_dm_bot", permanent=True)] * MAX_REFUSALS
    crisis = close(ports, open_one(ports))
    for _ in range(MAX_REFUSALS - 1):
        assert debrief(ports, crisis).invite_failures == {"ULEGAL": "cannot_dm_bot"}
        assert debrief(ports, crisis).close_due_at is not None
        clock.advance(minutes=5)
        closing.closes_tick(ports=ports)
    assert debrief(ports, crisis).invite_failures == {"ULEGAL": "cannot_dm_bot"}
    assert chat.posted(crisis.channel_id).count("debrief.unreachable") == 1
    assert [c[1] for c in chat.named("invite_to_debrief")].count("ULEGAL") == 0
    assert debrief(ports, crisis).close_due_at is None


def test_answers_are_kept_and_replaced_by_an_edit_until_the_deadline(ports, clock, crisis):
    first = submit(ports, crisis, "UCOMMS", follow_ups=[("Add an FAQ", "UCOMMS", T0 + timedelta(days=7))])
    clock.advance(hours=2)
    submit(ports, crisis, "UCOMMS", {"went_well": "Everything", "response_speed": "5"},
           [("Write the playbook", "ULEAD", None)])
    with ports.uow() as uow:
        (response,) = uow.debriefs.responses(crisis.id)
        follow_ups = uow.follow_ups.for_crisis(crisis.id)
    assert (response.id, response.submitted_at, response.updated_at) == (first.id, T0, clock.now())
    assert response.answers == {"went_well": "Everything", "response_speed": 5}
    assert [(f.text, f.owner) for f in follow_ups] == [("Write the playbook", "ULEAD")]
    mine = services.questionnaire(crisis.id, user="UCOMMS", ports=ports)
    assert mine.previous.answers == response.answers and [f.text for f in mine.follow_ups] == ["Write the playbook"]
    clock.advance(hours=46)
    with pytest.raises(IllegalTransition):
        submit(ports, crisis, "ULEGAL")
    with pytest.raises(IllegalTransition):
        services.questionnaire(crisis.id, user="ULEGAL", ports=ports)


def test_a_scale_answer_outside_one_to_five_is_refused_and_nothing_kept(ports, crisis):
    with pytest.raises(BadInput) as error:
        submit(ports, crisis, "UCOMMS", {"response_speed": "9"})
    assert error.value.field == "response_speed"
    assert services.progress(crisis.channel_id, user="ULEAD", ports=ports)[2] == []


def test_progress_is_for_the_lead_and_names_who_answered(ports, crisis):
    submit(ports, crisis, "ULEGAL")
    assert services.progress(crisis.channel_id, user="ULEAD", ports=ports)[2] == ["ULEGAL"]
    with pytest.raises(NotAuthorised):
        services.progress(crisis.channel_id, user="ULEGAL", ports=ports)


def test_without_a_debrief_there_is_no_questionnaire_or_progress(ports):
    crisis = open_one(ports)
    with pytest.raises(UnknownCrisis):
        services.questionnaire(crisis.id, user="ULEAD", ports=ports)
    with pytest.raises(IllegalTransition):
        services.progress(crisis.channel_id, user="ULEAD", ports=ports)


def test_those_who_have_not_answered_are_reminded_once(ports, chat, clock, crisis, renderer):
    submit(ports, crisis, "ULEGAL")
    assert services.tick(ports=ports, render=renderer) == 0
    clock.advance(hours=24)
    assert services.tick(ports=ports, render=renderer) == 1
    assert sorted(c[1] for c in chat.named("remind_debrief")) == ["UCOMMS", "ULEAD", "UOPENER"]
    clock.advance(hours=1)
    assert services.tick(ports=ports, render=renderer) == 0
    assert len(chat.named("remind_debrief")) == 3
    assert debrief(ports, crisis).reminded_at == T0 + timedelta(hours=24)


def test_at_the_deadline_the_report_is_built_stored_and_uploaded_once(ports, chat, clock, crisis, renderer):
    submit(ports, crisis, "UCOMMS", follow_ups=[("Add an FAQ", "UCOMMS", None)])
    clock.advance(hours=48)
    assert services.tick(ports=ports, render=renderer) == 1
    (report,) = renderer.reports
    assert report.title == crisis.title and report.debrief_held
    assert list(report.respondents) == ["UCOMMS"] and [f.text for f in report.follow_ups] == ["Add an FAQ"]
    record = debrief(ports, crisis)
    assert record.closed_at == clock.now()
    assert (record.report_markdown, record.report_html) == ("# Offensive ad video", "<h1>Offensive ad video</h1>")
    (upload,) = chat.named("upload_report")
    assert upload[1:5] == (crisis.channel_id, record.report_markdown, record.report_html, b"PNG")
    assert record.report_file_id == upload[5]
    assert chat.named("archive") == []
    assert services.tick(ports=ports, render=renderer) == 0
    assert len(renderer.reports) == 1


def test_a_failed_upload_keeps_the_report_and_the_plan_may_archive_the_channel(ports, chat, clock, renderer):
    chat.fail["upload_report"] = ["file_too_large"]
    crisis = close(ports, open_one(ports))
    clock.advance(hours=48)
    services.tick(ports=ports, render=renderer)
    assert debrief(ports, crisis).report_markdown and debrief(ports, crisis).report_file_id is None
    archiving = replace(ports, plan=make_plan(debrief={"archive_channel": True}))
    services.finish(crisis.id, ports=archiving, render=renderer)
    assert debrief(ports, crisis).report_file_id and chat.named("archive") == [("archive", crisis.channel_id)]


def test_follow_ups_are_listed_soonest_first_reminded_once_a_day_ahead_and_done(ports, chat, clock, crisis, renderer):
    submit(ports, crisis, "UCOMMS", follow_ups=[("Later", "ULEGAL", T0 + timedelta(days=10)),
                                                 ("Someday", None, None), ("Soon", "UCOMMS", T0 + timedelta(days=3))])
    assert [f.text for f, _ in services.open_follow_ups(user="UCOMMS", ports=ports)] == ["Soon", "Later", "Someday"]
    clock.advance(days=2, minutes=1)
    services.tick(ports=ports, render=renderer)
    assert [c[1:3] for c in chat.named("post") if c[2] == "followup.reminder"] == [("UCOMMS", "followup.reminder")]
    services.tick(ports=ports, render=renderer)
    assert len([c for c in chat.named("post") if c[2] == "followup.reminder"]) == 1
    soon = services.open_follow_ups(user="UCOMMS", ports=ports)[0][0]
    assert services.mark_done(soon.id, user="UCOMMS", ports=ports).done_at == clock.now()
    assert [f.text for f, _ in services.open_follow_ups(user="UCOMMS", ports=ports)] == ["Later", "Someday"]


def test_the_impact_start_is_kept_on_the_crisis_and_never_in_the_future(ports, clock):
    crisis = open_one(ports)
    clock.advance(hours=1)
    when = services.set_impact_start(crisis.channel_id, "08:30", user="ULEAD", request_key="s1", ports=ports)
    assert when == T0 - timedelta(minutes=30) and stored(ports, crisis).impact_started_at == when
    assert kinds(ports, crisis)[-1] is EventKind.IMPACT_STARTED
    with pytest.raises(BadInput):
        services.set_impact_start(crisis.channel_id, "23:59", user="ULEAD", request_key="s2", ports=ports)
    with pytest.raises(BadInput):
        services.set_impact_start(crisis.channel_id, "yesterday", user="ULEAD", request_key="s3", ports=ports)
    assert stored(ports, crisis).impact_started_at == when
