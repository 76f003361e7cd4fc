"""The plan's debrief section: one follow_ups question at most, no question key that is one of the questionnaire's own
fields, and a reminder before the deadline (left out with a short deadline: half-way through it)."""
from dataclasses import replace
from datetime import timedelta

import pytest

from crisis.debrief import services
from crisis.errors import PlanError
from tests.crisis.fakes import FakeRenderer
from tests.crisis.plans import make_plan
from tests.crisis.rooms import close, open_one

FOLLOW_UPS = {"key": "actions", "text": "Actions?", "kind": "follow_ups"}


def refusal(**debrief) -> PlanError:
    with pytest.raises(PlanError) as error:
        make_plan(debrief=debrief)
    return error.value


def test_a_second_follow_ups_question_is_refused_naming_it():
    error = refusal(questions=[FOLLOW_UPS, {"key": "lesson", "text": "Lesson?"},
                               {"key": "more", "text": "Other actions?", "kind": "follow_ups"}])
    assert error.path == "debrief.questions.2.kind" and "only one question" in str(error)


def test_a_question_key_that_is_a_field_of_the_questionnaire_is_refused_and_look_alikes_are_fine():
    for key in ["follow_up_0_text", "follow_up_2_owner", "follow_up_12_due", "value"]:
        error = refusal(questions=[FOLLOW_UPS, {"key": key, "text": "What else?"}])
        assert error.path == "debrief.questions.1.key" and key in str(error)
    plan = make_plan(debrief={"questions": [FOLLOW_UPS, {"key": "follow_up_owner", "text": "Who?"},
                                            {"key": "follow_up_0_texts", "text": "More?"}]})
    assert [q.key for q in plan.debrief.questions] == ["actions", "follow_up_owner", "follow_up_0_texts"]


@pytest.mark.parametrize("deadline,remind_after", [("24h", "24h"), ("12h", "1d"), ("2h", "3h")])
def test_a_reminder_not_before_the_deadline_is_refused(deadline, remind_after):
    error = refusal(deadline=deadline, remind_after=remind_after)
    assert error.path == "debrief.remind_after" and deadline in str(error)


def test_a_reminder_left_out_comes_after_a_day_or_half_way_through_a_shorter_deadline(ports, chat, clock):
    assert make_plan(debrief={"deadline": "30h"}).debrief.remind_after == timedelta(hours=24)
    plan = make_plan(debrief={"deadline": "24h"})
    assert plan.debrief.remind_after == timedelta(hours=12)
    ports = replace(ports, plan=plan)
    close(ports, open_one(ports))
    clock.advance(hours=12)
    services.tick(ports=ports, render=FakeRenderer())
    assert len(chat.named("remind_debrief")) == 4
