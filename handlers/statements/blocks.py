"""Block Kit for statements, press inquiries and paused brand posts: cards, their buttons, modals."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Sequence

from crisis.statements import rules as statements
from crisis.statements.length import length_check
from crisis.i18n import Channel, Msg, Time, User, msg
from crisis.room.model import Crisis
from crisis.plan import CrisisPlan
from crisis.statements.model import PausedPost, PressInquiry, Statement, StatementState
from handlers import ids
from handlers.room.blocks import input_block, option, plain_text, escape, section, slack_text

QUOTE_LIMIT = 2900


def statement_card(crisis: Crisis, plan: CrisisPlan, statement: Statement) -> dict[str, Any]:
    target = plan.statements.target(statement.target)
    length = length_check(statement, plan)
    status = statements.rule_status(statement, crisis, plan)
    version = statement.current
    head = msg("card.statement.head", id=statement.id, target=target.name if target else statement.target,
               version=version.number, state=msg(f"statement.state.{statement.state.value}"))
    limit = msg("card.statement.length_over" if length.over else "card.statement.length",
                count=length.count, limit=length.limit or "–", over=length.count - (length.limit or 0))
    quoted = "\n".join("> " + line for line in escape(version.text)[:QUOTE_LIMIT].splitlines() or [""])
    blocks: list[dict[str, Any]] = [section(head), section(quoted), {"type": "context", "elements": [
        {"type": "mrkdwn", "text": slack_text(m)} for m in (
            msg("card.statement.author", user=User(version.author)), limit)
        + ((msg("card.statement.deadline", at=Time(statement.deadline)),) if statement.deadline else ())]}]
    approved = [msg("card.statement.approved_by", role=plan.role_name(role), user=User(user), version=version.number)
                for role, user in status.approved_by]
    lines = [slack_text(m) for m in approved]
    if statement.state in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        lines.append(slack_text(status.summary))
    if statement.published_at:
        lines.append(slack_text(msg("card.statement.published", at=Time(statement.published_at),
                                    ref=statement.published_ref or "-")))
    elif statement.publish_error:
        lines.append(slack_text(msg("card.statement.publish_error", error=statement.publish_error)))
    if lines:
        blocks.append(section("\n".join(lines)))
    actions = _actions(statement)
    if actions:
        blocks.append({"type": "actions", "block_id": f"statement-{statement.id}", "elements": actions})
    return {"text": slack_text(head), "blocks": blocks}


def _actions(statement: Statement) -> list[dict[str, Any]]:
    value = f"{statement.id}:{statement.current.number}"
    if statement.state in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        return [_button(ids.APPROVE, "statement.approve", value, "primary"),
                _button(ids.REQUEST_CHANGES, "statement.request_changes", value),
                _button(ids.EDIT, "statement.edit", value),
                _button(ids.REJECT, "statement.reject", value, "danger")]
    if statement.state is StatementState.APPROVED and not statement.published_at:
        return [_button(ids.RETRY_PUBLISH, "statement.retry", value, "primary")]
    return []


def _button(action_id: str, key: str, value: str, style: str | None = None) -> dict[str, Any]:
    button = {"type": "button", "action_id": action_id, "value": value, "text": plain_text(msg(key))}
    if style:
        button["style"] = style
    return button


def draft_modal(plan: CrisisPlan, metadata: dict[str, Any], text: str = "") -> dict[str, Any]:
    targets = [option(t.key, t.name if t.limit is None else f"{t.name} ({t.limit})") for t in plan.statements.targets]
    text_input: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.TEXT_INPUT, "multiline": True,
                                  "max_length": 3000}
    if text:
        text_input["initial_value"] = text[:3000]
    blocks = [input_block(ids.TARGET_BLOCK, msg("modal.field.target"), {
        "type": "static_select", "action_id": ids.TARGET_INPUT, "options": targets, "initial_option": targets[0]})]
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
                                                  "multiline": True, "max_length": 3000,
                                                  "initial_value": statement.current.text[:3000]})])


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


def resume_modal(post: PausedPost, metadata: dict[str, Any]) -> dict[str, Any]:
    return _modal(ids.RESUME_MODAL, "modal.resume.title", "modal.resume.submit", metadata, [
        section(msg("paused.time_passed", at=Time(post.post_at))),
        input_block(ids.POST_AT_BLOCK, msg("modal.field.post_at"), {"type": "datetimepicker",
                                                              "action_id": ids.POST_AT_INPUT})])


def _modal(callback: str, title_key: str, submit_key: str | None, metadata: dict[str, Any],
           blocks: list[dict[str, Any]]) -> dict[str, Any]:
    view: dict[str, Any] = {"type": "modal", "callback_id": callback, "private_metadata": json.dumps(metadata),
                            "title": plain_text(msg(title_key)), "close": plain_text(msg("modal.cancel")), "blocks": blocks}
    if submit_key:
        view["submit"] = plain_text(msg(submit_key))
    return view


def inquiry_message(crisis: Crisis, inquiry: PressInquiry) -> dict[str, Any]:
    if inquiry.answered_at:
        text = msg("press.answered", outlet=inquiry.outlet, statement=inquiry.statement_id, at=Time(inquiry.answered_at))
        return {"text": slack_text(text), "blocks": [section(text)]}
    text = msg("press.logged", outlet=inquiry.outlet, contact=inquiry.contact or "–", question=inquiry.question,
               deadline=Time(inquiry.deadline), user=User(inquiry.assignee))
    return {"text": slack_text(text), "blocks": [section(text), {"type": "actions", "block_id": f"inquiry-{inquiry.id}",
                                                                 "elements": [_button(ids.ANSWER_INQUIRY, "press.answer",
                                                                                      str(inquiry.id), "primary")]}]}


def paused_posts_message(crisis: Crisis, posts: Sequence[PausedPost]) -> dict[str, Any]:
    intro = msg("paused.intro", title=crisis.title, n=len(posts))
    blocks: list[dict[str, Any]] = [section(intro)]
    for post in posts[:15]:
        blocks.append(section(msg("paused.post", channel=Channel(post.channel_id), at=Time(post.post_at),
                                  text=post.text[:500])))
        blocks.append({"type": "actions", "block_id": f"paused-{post.id}", "elements": [
            _button(ids.RESUME_POST, "paused.resume", str(post.id), "primary"),
            _button(ids.DISCARD_POST, "paused.discard", str(post.id), "danger")]})
    return {"text": slack_text(intro), "blocks": blocks}


def paused_post_decided(post: PausedPost) -> dict[str, Any]:
    key = "paused.resumed" if post.outcome == "resumed" else "paused.discarded"
    text: Msg = msg(key, channel=Channel(post.channel_id), user=User(post.decided_by),
                    at=Time(post.new_post_at or post.post_at), text=post.text[:200])
    return {"text": slack_text(text), "blocks": [section(text)]}


def datetime_of(value: str) -> datetime | None:
    """A date-time picker's epoch seconds (as `view_value` gives them) as an aware UTC datetime."""
    return datetime.fromtimestamp(int(value), tz=timezone.utc) if value.isdigit() else None
