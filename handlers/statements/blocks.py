"""Block Kit modals for statements, press inquiries and paused brand posts, and reading their date-time pickers."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from crisis.i18n import Time, msg
from crisis.plan import CrisisPlan
from crisis.statements.model import Amendment, PausedPost, Statement, StatementVersion
from handlers import ids
from handlers.block_kit import SECTION_LIMIT, cut, input_block, modal, option, section

TEXT_MAX = 3000
"""The longest text a plain_text_input takes (Slack's limit)."""


def draft_modal(plan: CrisisPlan, metadata: dict[str, Any], text: str = "", target: str | None = None
                ) -> dict[str, Any]:
    """The draft form, its text started with `text` and `target` chosen (default: the plan's first)."""
    targets = [option(t.key, t.name if t.limit is None else f"{t.name} ({t.limit})") for t in plan.statements.targets]
    chosen = next((o for o, t in zip(targets, plan.statements.targets) if t.key == target), targets[0])
    text_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.TEXT_INPUT, "multiline": True,
                                  "max_length": TEXT_MAX}
    if text:
        text_input["initial_value"] = cut(text, TEXT_MAX)
    blocks = [input_block(ids.TARGET_BLOCK, msg("modal.field.target"), {
        "type": "static_select", "action_id": ids.TARGET_INPUT, "options": targets, "initial_option": chosen})]
    if plan.statements.templates:
        blocks.append(input_block(ids.TEMPLATE_BLOCK, msg("modal.field.template"), {
            "type": "static_select", "action_id": ids.TEMPLATE_INPUT,
            "options": [option(t.key, t.name) for t in plan.statements.templates]}, optional=True,
            hint=msg("modal.field.template_hint")))
    blocks.append(input_block(ids.TEXT_BLOCK, msg("modal.field.text"), text_input, optional=bool(plan.statements.templates)))
    blocks.append(input_block(ids.DEADLINE_BLOCK, msg("modal.field.deadline"), {
        "type": "datetimepicker", "action_id": ids.DEADLINE_INPUT}, optional=True))
    return _modal(ids.DRAFT_MODAL, "modal.draft.title", "modal.draft.submit", metadata, blocks)


def edit_modal(statement: Statement, metadata: dict[str, Any]) -> dict[str, Any]:
    return _modal(ids.EDIT_MODAL, "modal.edit.title", "modal.edit.submit", metadata, [input_block(
        ids.TEXT_BLOCK, msg("modal.field.text"), {"type": "plain_text_input", "action_id": ids.TEXT_INPUT,
                                                  "multiline": True, "max_length": TEXT_MAX,
                                                  "initial_value": cut(statement.current.text, TEXT_MAX)})])


def amend_modal(amendment: Amendment, text: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """The text of a correction (the original's to start from) or the notice of a retraction."""
    kind = "correct" if amendment is Amendment.CORRECTION else "retract"
    return _modal(ids.AMEND_MODAL, f"modal.{kind}.title", f"modal.{kind}.submit", metadata, [input_block(
        ids.TEXT_BLOCK, msg(f"modal.field.{amendment.value}"), {
            "type": "plain_text_input", "action_id": ids.TEXT_INPUT, "multiline": True, "max_length": TEXT_MAX,
            "initial_value": cut(text, TEXT_MAX)}, hint=msg(f"modal.field.{amendment.value}_hint"))])


def full_text_modal(statement: Statement, version: StatementVersion) -> dict[str, Any]:
    """The whole text of one version, in as many plain-text sections as it takes (a statement fits in 14)."""
    title = msg("modal.statement.title", id=statement.id, version=version.number)
    pieces = [{"type": "section", "text": {"type": "plain_text", "text": piece, "emoji": False}}
              for piece in _pieces(version.text, SECTION_LIMIT)]
    return modal(ids.FULL_TEXT_MODAL, title, "{}", pieces, close=msg("modal.close"))


def _pieces(text: str, size: int) -> list[str]:
    """`text` in pieces of at most `size` characters, broken after a line where one ends near enough."""
    pieces = []
    while text:
        end = len(text) if len(text) <= size else (text.rfind("\n", size // 2, size) + 1 or size)
        pieces.append(text[:end])
        text = text[end:]
    return pieces


def note_modal(title_key: str, metadata: dict[str, Any]) -> dict[str, Any]:
    return _modal(ids.NOTE_MODAL, title_key, "modal.note.submit", metadata, [input_block(
        ids.NOTE_BLOCK, msg("modal.field.note"), {"type": "plain_text_input", "action_id": ids.NOTE_INPUT,
                                                  "multiline": True, "max_length": 1000})])


def press_modal(metadata: dict[str, Any]) -> dict[str, Any]:
    return _modal(ids.PRESS_MODAL, "modal.press.title", "modal.press.submit", metadata, [
        input_block(ids.OUTLET_BLOCK, msg("modal.field.outlet"), {"type": "plain_text_input", "action_id": ids.OUTLET_INPUT,
                                                            "max_length": 200}),
        input_block(ids.CONTACT_BLOCK, msg("modal.field.contact"), {"type": "plain_text_input",
                                                              "action_id": ids.CONTACT_INPUT, "max_length": 200},
               optional=True),
        input_block(ids.QUESTION_BLOCK, msg("modal.field.question"), {"type": "plain_text_input", "multiline": True,
                                                                "action_id": ids.QUESTION_INPUT, "max_length": 3000}),
        input_block(ids.DEADLINE_BLOCK, msg("modal.field.press_deadline"), {"type": "datetimepicker",
                                                                      "action_id": ids.DEADLINE_INPUT}),
    ])


def answer_modal(choices: Sequence[Statement], plan: CrisisPlan, metadata: dict[str, Any]) -> dict[str, Any]:
    options = [option(str(s.id), f"#{s.id} {plan.statements.target(s.target).name}: {s.current.text}")
               for s in choices][:100]
    if not options:
        return _modal(ids.ANSWER_MODAL, "modal.answer.title", None, metadata, [section(msg("press.no_statement"))])
    return _modal(ids.ANSWER_MODAL, "modal.answer.title", "modal.answer.submit", metadata, [input_block(
        ids.STATEMENT_BLOCK, msg("modal.field.statement"), {"type": "static_select", "action_id": ids.STATEMENT_INPUT,
                                                            "options": options})])


def resume_modal(post: PausedPost, passed: bool, metadata: dict[str, Any]) -> dict[str, Any]:
    """A new time for a paused post: its time has `passed`, or the lead chose Reschedule."""
    return _modal(ids.RESUME_MODAL, "modal.resume.title", "modal.resume.submit", metadata, [
        section(msg("paused.time_passed" if passed else "paused.new_time", at=Time(post.post_at))),
        input_block(ids.POST_AT_BLOCK, msg("modal.field.post_at"), {"type": "datetimepicker",
                                                              "action_id": ids.POST_AT_INPUT})])


def _modal(callback: str, title_key: str, submit_key: str | None, metadata: dict[str, Any],
           blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return modal(callback, msg(title_key), json.dumps(metadata), blocks, close=msg("modal.cancel"),
                 submit=msg(submit_key) if submit_key else None)


def datetime_of(value: str) -> datetime | None:
    """A date-time picker's epoch seconds (as `view_value` gives them) as an aware UTC datetime."""
    seconds = ids.number(value)
    try:
        return datetime.fromtimestamp(seconds, tz=UTC) if seconds is not None else None
    except (OverflowError, OSError, ValueError):
        return None
