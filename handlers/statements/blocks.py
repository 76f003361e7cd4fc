"""Block Kit modals for statements, press inquiries and paused brand posts; reading their date-time pickers, and a text
longer than one Slack input takes, shown in parts and joined again."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from crisis.errors import BadInput
from crisis.i18n import Msg, Time, msg
from crisis.plan import CrisisPlan
from crisis.statements.model import Amendment, PausedPost, Statement, StatementVersion
from handlers import ids
from handlers.block_kit import SECTION_LIMIT, input_block, modal, option, section

TEXT_MAX = 3000
"""The longest text a plain_text_input takes (Slack's limit)."""
PART_SIZE = 2500
"""A longer text is shown in parts of at most this many characters, so that each box has room to grow."""


def draft_modal(plan: CrisisPlan, metadata: dict[str, Any], text: str = "", target: str | None = None
                ) -> dict[str, Any]:
    """The draft form, its text started with `text` and `target` chosen (default: the plan's first)."""
    targets = [option(t.key, t.name if t.limit is None else f"{t.name} ({t.limit})") for t in plan.statements.targets]
    chosen = next((o for o, t in zip(targets, plan.statements.targets) if t.key == target), targets[0])
    text_fields, metadata = _text_fields(msg("modal.field.text"), text, metadata,
                                         optional=bool(plan.statements.templates))
    blocks = [input_block(ids.TARGET_BLOCK, msg("modal.field.target"), {
        "type": "static_select", "action_id": ids.TARGET_INPUT, "options": targets, "initial_option": chosen})]
    if plan.statements.templates:
        blocks.append(input_block(ids.TEMPLATE_BLOCK, msg("modal.field.template"), {
            "type": "static_select", "action_id": ids.TEMPLATE_INPUT,
            "options": [option(t.key, t.name) for t in plan.statements.templates]}, optional=True,
            hint=msg("modal.field.template_hint")))
    blocks += text_fields
    blocks.append(input_block(ids.DEADLINE_BLOCK, msg("modal.field.deadline"), {
        "type": "datetimepicker", "action_id": ids.DEADLINE_INPUT}, optional=True))
    return _modal(ids.DRAFT_MODAL, "modal.draft.title", "modal.draft.submit", metadata, blocks)


def edit_modal(statement: Statement, metadata: dict[str, Any]) -> dict[str, Any]:
    fields, metadata = _text_fields(msg("modal.field.text"), statement.current.text, metadata)
    return _modal(ids.EDIT_MODAL, "modal.edit.title", "modal.edit.submit", metadata, fields)


def amend_modal(amendment: Amendment, text: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """The text of a correction (the original's to start from) or the notice of a retraction."""
    kind = "correct" if amendment is Amendment.CORRECTION else "retract"
    fields, metadata = _text_fields(msg(f"modal.field.{amendment.value}"), text, metadata,
                                    hint=msg(f"modal.field.{amendment.value}_hint"))
    return _modal(ids.AMEND_MODAL, f"modal.{kind}.title", f"modal.{kind}.submit", metadata, fields)


def text_block(part: int) -> str:
    """The block of a text's `part` (1, 2, ...): the first is the one field of a short text."""
    return ids.TEXT_BLOCK if part == 1 else f"{ids.TEXT_BLOCK}_{part}"


def submitted_text(values: dict[str, Any], metadata: dict[str, Any]) -> str:
    """The text a form's parts hold, joined as `_text_fields` split it (a part emptied drops out with its join).
    A part missing from the submission raises BadInput field "text": a cut text never becomes a version."""
    joins = [str(j) for j in metadata.get("joins") or []]
    parts = []
    for part in range(1, len(joins) + 2):
        if len(joins) and text_block(part) not in values:
            raise BadInput("error.statement_text_part_missing", field="text", count=len(joins) + 1)
        parts.append((values.get(text_block(part), {}).get(ids.TEXT_INPUT) or {}).get("value") or "")
    text = parts[0]
    for join, part in zip(joins, parts[1:]):
        if part.strip():
            text = text + join + part if text.strip() else part
    return text


def _text_fields(label: Msg, text: str, metadata: dict[str, Any], *, optional: bool = False,
                 hint: Msg | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The input for a text, or for one longer than an input takes, an input per part, and the metadata with
    what joins the parts again (`submitted_text`)."""
    parts, joins = _split(text) if len(text) > TEXT_MAX else ([text], [])
    fields = []
    for n, part in enumerate(parts, 1):
        element: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.TEXT_INPUT, "multiline": True,
                                   "max_length": TEXT_MAX}
        if part:
            element["initial_value"] = part
        if len(parts) == 1:
            fields.append(input_block(text_block(n), label, element, optional=optional, hint=hint))
            continue
        part_hint = msg("modal.field.text_parts_hint", count=len(parts)) if n == 1 else hint if n == len(parts) \
            else None
        fields.append(input_block(text_block(n), msg("modal.field.text_part", field=label, n=n, count=len(parts)),
                                  element, optional=optional or n > 1, hint=part_hint))
    return fields, ({**metadata, "joins": joins} if joins else metadata)


def _split(text: str) -> tuple[list[str], list[str]]:
    """`text` in parts of at most PART_SIZE characters, broken at a paragraph, else a line, else a space where one
    is in the part's second half, and what was between them (part + join + part... is the text again)."""
    parts, joins = [], []
    while len(text) > PART_SIZE:
        at, join = next(((at, sep) for sep in ("\n\n", "\n", " ")
                         if (at := text.rfind(sep, PART_SIZE // 2, PART_SIZE)) > 0), (PART_SIZE, ""))
        parts.append(text[:at])
        joins.append(join)
        text = text[at + len(join):]
    return parts + [text], joins


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
