"""The plan's debrief questionnaire checked with key paths (read by crisis.plan_parsing): its questions, and when
the reminder comes."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from crisis.debrief.model import Question, QuestionKind
from crisis.errors import PlanError

FORM_FIELDS = re.compile(r"follow_up_\d+_(text|owner|due)|value")
"""Names the questionnaire gives its own fields (a follow-up row's parts on Slack and Teams, the crisis id in the
Teams card's data): no question key may be one of them."""
REMIND_AFTER = timedelta(hours=24)


def check_questions(questions: Sequence[Question]) -> None:
    """At most one follow_ups question (its rows are the questionnaire's follow-up actions, one set per form), and
    no key that is one of the form's own fields."""
    for index, question in enumerate(questions):
        if FORM_FIELDS.fullmatch(question.key):
            raise PlanError(f"debrief.questions.{index}.key", f"'{question.key}' is a field of the questionnaire "
                                                              "itself (follow_up_<n>_text, _owner, _due and value); "
                                                              "choose another key")
    follow_ups = [i for i, q in enumerate(questions) if q.kind is QuestionKind.FOLLOW_UPS]
    if len(follow_ups) > 1:
        raise PlanError(f"debrief.questions.{follow_ups[1]}.kind", "only one question can be follow_ups: it holds "
                                                                   "the questionnaire's follow-up actions")


def remind_after(given: timedelta | None, deadline: timedelta, written: object) -> timedelta:
    """The reminder's delay: `given`, which must come before the deadline (`written` as the plan says it); left out,
    REMIND_AFTER, or half-way through a deadline no longer than that."""
    if given is None:
        return REMIND_AFTER if deadline > REMIND_AFTER else deadline / 2
    if given >= deadline:
        raise PlanError("debrief.remind_after", f"the reminder must come before the deadline ({written}), "
                                                "or nobody is ever reminded")
    return given
