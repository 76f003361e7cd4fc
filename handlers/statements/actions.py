"""Statements in Slack: the draft modal (command and message shortcut), Approve / Request changes /
Edit / Reject / Retry on the card, the press desk, and Resume / Discard of paused brand posts."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from crisis.errors import BadInput
from crisis.i18n import Msg, msg
from crisis.ports import Ports
from crisis.room import updates as room_updates
from crisis.statements import services as statement_services
from crisis.statements.model import Decision, PausedPost, StatementState
from crisis.statements.views import paused_post_decided
from handlers import ids
from handlers.block_kit import plain
from handlers.errors import user_errors
from handlers.replies import metadata, reply
from handlers.room.actions import action_key
from handlers.room.views import view_value
from handlers.statements import blocks as statement_blocks

NOTE_DECISIONS = {ids.REQUEST_CHANGES: Decision.REQUEST_CHANGES, ids.REJECT: Decision.REJECT}
NOTE_TITLES = {Decision.REQUEST_CHANGES: "modal.note.changes_title", Decision.REJECT: "modal.note.reject_title"}


def register(app: App) -> None:
    app.shortcut(ids.DRAFT_SHORTCUT)(draft_from_message)
    app.view(ids.DRAFT_MODAL)(draft_submitted)
    app.action(ids.APPROVE)(approve)
    for action_id in NOTE_DECISIONS:
        app.action(action_id)(ask_note)
    app.view(ids.NOTE_MODAL)(note_submitted)
    app.action(ids.EDIT)(edit)
    app.view(ids.EDIT_MODAL)(edit_submitted)
    app.action(ids.RETRY_PUBLISH)(retry)
    app.action(ids.SHOW_STATEMENT)(show_full_text)
    app.view(ids.PRESS_MODAL)(press_submitted)
    app.action(ids.ANSWER_INQUIRY)(answer)
    app.view(ids.ANSWER_MODAL)(answer_submitted)
    app.action(ids.RESUME_POST)(resume)
    app.view(ids.RESUME_MODAL)(resume_submitted)
    app.action(ids.DISCARD_POST)(discard)


@user_errors
def draft_from_message(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    channel = body["channel"]["id"]
    statement_services.crisis_for_channel(channel, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.draft_modal(
        ports.plan, {"channel": channel, "response_url": body.get("response_url")},
        text=(body.get("message") or {}).get("text", "")))


@user_errors
def draft_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    form = statement_services.DraftForm(
        target=view_value(body, ids.TARGET_BLOCK, ids.TARGET_INPUT),
        text=view_value(body, ids.TEXT_BLOCK, ids.TEXT_INPUT),
        template=view_value(body, ids.TEMPLATE_BLOCK, ids.TEMPLATE_INPUT) or None,
        deadline=statement_blocks.datetime_of(view_value(body, ids.DEADLINE_BLOCK, ids.DEADLINE_INPUT)))
    channel, user = metadata(body).get("channel", ""), body["user"]["id"]
    _submit(ack, lambda: statement_services.check_draft(channel, form, user=user, ports=ports),
            lambda: statement_services.draft(channel, form, user=user, request_key=f"view:{body['view']['id']}",
                                             ports=ports))


@user_errors
def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    statement_id, version = _statement_of(action)
    result = statement_services.decide(statement_id, Decision.APPROVE, user=body["user"]["id"], version=version,
                                       request_key=action_key(body, action), ports=ports)
    if result is not None and result.notice is not None:
        reply(body, client, result.notice)


@user_errors
def ask_note(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """Request changes / Reject: ask for the note first."""
    ack()
    decision = NOTE_DECISIONS[action["action_id"]]
    statement_id, version = _statement_of(action)
    _, statement = statement_services.statement_view(statement_id, ports=ports)
    if statement.state not in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        raise BadInput("error.statement_closed", state=msg(f"statement.state.{statement.state.value}"))
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.note_modal(NOTE_TITLES[decision], {
        "statement": statement_id, "version": version, "decision": decision.value,
        "response_url": body.get("response_url")}))


@user_errors
def note_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    meta = metadata(body)
    decision, note = Decision(meta["decision"]), view_value(body, ids.NOTE_BLOCK, ids.NOTE_INPUT)
    _submit(ack, lambda: statement_services.check_note(decision, note),
            lambda: statement_services.decide(
                int(meta["statement"]), decision, user=body["user"]["id"], version=int(meta["version"]), note=note,
                request_key=f"view:{body['view']['id']}", ports=ports))


@user_errors
def edit(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    statement_id, _ = _statement_of(action)
    _, statement = statement_services.statement_view(statement_id, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.edit_modal(
        statement, {"statement": statement_id, "response_url": body.get("response_url")}))


@user_errors
def edit_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    text = view_value(body, ids.TEXT_BLOCK, ids.TEXT_INPUT)
    _submit(ack, lambda: statement_services.check_text(text),
            lambda: statement_services.edit(int(metadata(body)["statement"]), text, user=body["user"]["id"],
                                            request_key=f"view:{body['view']['id']}", ports=ports))


@user_errors
def retry(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    statement_services.publish(_statement_of(action)[0], ports=ports)


@user_errors
def show_full_text(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """The whole text of the version on the card (which shows only its start), to whoever sees the card."""
    ack()
    statement_id, number = _statement_of(action)
    _, statement = statement_services.statement_view(statement_id, ports=ports)
    version = next((v for v in statement.versions if v.number == number), None)
    if version is None or statement.channel_id != (body.get("channel") or {}).get("id"):
        raise BadInput("error.unknown_statement")
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.full_text_modal(statement, version))


@user_errors
def press_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    deadline = statement_blocks.datetime_of(view_value(body, ids.DEADLINE_BLOCK, ids.DEADLINE_INPUT))
    if deadline is None:
        ack(response_action="errors", errors={ids.DEADLINE_BLOCK: plain(msg("error.press_deadline_required"))})
        return
    form = statement_services.InquiryForm(
        outlet=view_value(body, ids.OUTLET_BLOCK, ids.OUTLET_INPUT),
        contact=view_value(body, ids.CONTACT_BLOCK, ids.CONTACT_INPUT),
        question=view_value(body, ids.QUESTION_BLOCK, ids.QUESTION_INPUT), deadline=deadline)
    channel, user = metadata(body).get("channel", ""), body["user"]["id"]
    _submit(ack, lambda: statement_services.check_inquiry(channel, form, user=user, ports=ports),
            lambda: statement_services.log_inquiry(channel, form, user=user,
                                                   request_key=f"view:{body['view']['id']}", ports=ports))


@user_errors
def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    inquiry_id = _number(action)
    choices = statement_services.answerable_statements(inquiry_id, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.answer_modal(
        choices, ports.plan, {"inquiry": inquiry_id, "response_url": body.get("response_url")}))


@user_errors
def answer_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    chosen = view_value(body, ids.STATEMENT_BLOCK, ids.STATEMENT_INPUT)
    _submit(ack, lambda: None, lambda: statement_services.answer_inquiry(
        int(metadata(body)["inquiry"]), int(chosen), user=body["user"]["id"], ports=ports))


@user_errors
def resume(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    post_id = _number(action)
    post = room_updates.paused_post(post_id, ports=ports)
    if post.post_at <= ports.clock.now() and not post.outcome:
        client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.resume_modal(
            post, {"post": post_id, "response_url": body.get("response_url"), "message": _message_ref(body)}))
        return
    _decided(body, client, room_updates.decide_paused_post(post_id, True, user=body["user"]["id"], ports=ports))


@user_errors
def resume_submitted(ack: Ack, body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    when = statement_blocks.datetime_of(view_value(body, ids.POST_AT_BLOCK, ids.POST_AT_INPUT))
    meta = metadata(body)
    post = _submit(ack, lambda: room_updates.check_new_time(when, ports=ports),
                   lambda: room_updates.decide_paused_post(int(meta["post"]), True, user=body["user"]["id"],
                                                           ports=ports, new_time=when))
    if post is not None:
        _decided({"response_url": meta.get("response_url"), **body}, client, post)


@user_errors
def discard(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    ack()
    _decided(body, client, room_updates.decide_paused_post(_number(action), False, user=body["user"]["id"],
                                                           ports=ports))


def _submit(ack: Ack, check: Callable[[], object], run: Callable[[], Any]) -> Any:
    """Check the form first so field errors show under the field in the modal; ack; then do the work."""
    try:
        check()
    except BadInput as error:
        block = ids.FORM_BLOCKS.get(error.field or "")
        if block is None:
            ack()
            raise
        ack(response_action="errors", errors={block: plain(Msg(error.key, error.params))})
        return None
    ack()
    return run()


def _decided(body: dict[str, Any], client: WebClient, post: PausedPost) -> None:
    reply(body, client, paused_post_decided(post))


def _message_ref(body: dict[str, Any]) -> dict[str, Any]:
    container = body.get("container") or {}
    return {"channel": container.get("channel_id"), "ts": container.get("message_ts")}


def _statement_of(action: dict[str, Any]) -> tuple[int, int]:
    statement, _, version = str(action.get("value", "")).partition(":")
    statement_id, number = ids.number(statement), ids.number(version)
    if statement_id is None or number is None:
        raise BadInput("error.unknown_statement")
    return statement_id, number


def _number(action: dict[str, Any]) -> int:
    value = ids.number(action.get("value"))
    if value is None:
        raise BadInput("error.unknown_statement")
    return value
