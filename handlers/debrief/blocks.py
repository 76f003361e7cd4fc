"""Block Kit for the debrief: the questionnaire modal built from the plan, progress, follow-ups."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crisis.debrief.model import Debrief, FollowUp, FollowUpEntry, QuestionKind
from crisis.debrief.rules import follow_up_due
from crisis.debrief.services import Questionnaire
from crisis.i18n import Time, User, msg
from crisis.i18n.voice import format_day
from crisis.plan import CrisisPlan
from crisis.room.model import Crisis
from handlers import ids
from handlers.block_kit import (
    BUTTON_LIMIT,
    SLACK,
    cut,
    input_block,
    modal,
    option,
    plain_text,
    section,
    slack_text,
)

SCALE = [option(str(n), str(n)) for n in range(1, 6)]


def questionnaire_modal(plan: CrisisPlan, form: Questionnaire) -> dict[str, Any]:
    previous = form.previous.answers if form.previous else {}
    blocks: list[dict[str, Any]] = [section(msg("debrief.intro", title=form.crisis.title,
                                                deadline=Time(form.debrief.deadline)))]
    for question in plan.debrief.questions:
        label = question.caption
        if question.kind is QuestionKind.SCALE:
            element: dict[str, Any] = {"type": "static_select", "action_id": question.key, "options": SCALE}
            if question.key in previous:
                element["initial_option"] = option(str(previous[question.key]), str(previous[question.key]))
            blocks.append(input_block(question.key, label, element, optional=not question.required))
        elif question.kind is QuestionKind.TEXT:
            element = {"type": "plain_text_input", "action_id": question.key, "multiline": True, "max_length": 3000}
            if question.key in previous:
                element["initial_value"] = cut(str(previous[question.key]), 3000)
            blocks.append(input_block(question.key, label, element, optional=not question.required))
        else:
            blocks.append(section(label))
            blocks.extend(_follow_up_rows(form.follow_ups))
    shown = [f.id for f in form.follow_ups[:ids.FOLLOW_UP_ROWS]]  # kept on an edit: answers_from
    return modal(ids.DEBRIEF_MODAL, msg("modal.debrief.title"),
                 json.dumps({"crisis": form.crisis.id, "follow_ups": shown}), blocks,
                 submit=msg("modal.debrief.submit"), close=msg("modal.cancel"))


def _follow_up_rows(existing: Sequence[FollowUp]) -> list[dict[str, Any]]:
    rows = []
    for row in range(ids.FOLLOW_UP_ROWS):
        item = existing[row] if row < len(existing) else None
        text: dict[str, Any] = {"type": "plain_text_input", "action_id": "text", "max_length": 500}
        owner: dict[str, Any] = {"type": "users_select", "action_id": "owner"}
        due: dict[str, Any] = {"type": "datepicker", "action_id": "due"}
        if item:
            text["initial_value"] = cut(item.text, 500)
            if item.owner:
                owner["initial_user"] = item.owner
            if item.due:
                due["initial_date"] = format_day(item.due)
        rows += [input_block(ids.follow_up_block(row, "text"), msg("debrief.follow_up", n=row + 1), text, optional=True),
                 input_block(ids.follow_up_block(row, "owner"), msg("debrief.owner"), owner, optional=True),
                 input_block(ids.follow_up_block(row, "due"), msg("debrief.due"), due, optional=True)]
    return rows


def answers_from(plan: CrisisPlan, state: dict[str, Any], shown: Sequence[object] = ()
                 ) -> tuple[dict[str, str], list[FollowUpEntry]]:
    """(answers by question key, follow-ups) from a submitted questionnaire's state; `shown` are the ids of the
    follow-ups its rows showed (the modal's metadata), so that each row edits its own."""
    answers = {}
    for question in plan.debrief.questions:
        element = state.get(question.key, {}).get(question.key, {})
        answers[question.key] = (element.get("selected_option") or {}).get("value") or element.get("value") or ""
    follow_ups = []
    for row in range(ids.FOLLOW_UP_ROWS):
        text = state.get(ids.follow_up_block(row, "text"), {}).get("text", {}).get("value") or ""
        owner = state.get(ids.follow_up_block(row, "owner"), {}).get("owner", {}).get("selected_user")
        day = state.get(ids.follow_up_block(row, "due"), {}).get("due", {}).get("selected_date")
        shown_id = shown[row] if row < len(shown) else None
        if text.strip():
            follow_ups.append(FollowUpEntry(text, owner, follow_up_due(day),
                                            shown_id if isinstance(shown_id, int) else None))
    return answers, follow_ups


def progress(crisis: Crisis, debrief: Debrief, answered: Sequence[str]) -> dict[str, Any]:
    waiting = [u for u in debrief.participants if u not in answered]
    text = msg("debrief.progress", done=len(answered), total=len(debrief.participants),
               deadline=Time(debrief.deadline))
    blocks = [section(text)]
    if waiting:
        blocks.append(section(slack_text(msg("debrief.waiting")) + " " + " ".join(SLACK.user(u) for u in waiting)))
    return {"text": slack_text(text), "blocks": blocks}


def follow_ups_list(items: Sequence[tuple[FollowUp, Crisis]]) -> dict[str, Any]:
    if not items:
        text = msg("followup.none")
        return {"text": slack_text(text), "blocks": [section(text)]}
    blocks: list[dict[str, Any]] = [section(msg("followup.header", n=len(items)))]
    for item, crisis in items[:40]:
        line = msg("followup.item", text=item.text, owner=User(item.owner), title=crisis.title,
                   due=Time(item.due) if item.due else "–")
        blocks.append({**section(line), "accessory": {"type": "button", "action_id": ids.FOLLOW_UP_DONE,
                                                      "value": str(item.id),
                                                      "text": plain_text(msg("followup.done"), BUTTON_LIMIT)}})
    return {"text": slack_text(msg("followup.header", n=len(items))), "blocks": blocks}
