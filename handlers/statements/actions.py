"""Statements in Slack: the draft modal (command and message shortcut), Approve / Request changes /
Edit / Reject / Retry on the card, Correct / Retract on a published one, the press desk, and Resume / Discard of paused brand posts."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from crisis.errors import BadInput, ChatFailure
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.schedules import services as schedules
from crisis.statements import amendments
from crisis.statements import services as statement_services
from crisis.statements.model import Amendment, Decision, PausedPost
from crisis.statements.views import paused_post_decided
from handlers import ids
from handlers.block_kit import plain
from handlers.errors import acked
from handlers.replies import metadata, reply
from handlers.room.actions import action_key
from handlers.room.views import field_errors, view_value
from handlers.statements import blocks as statement_blocks
from handlers.statements.slack_markup import mentioned_people, plain_text

log = logging.getLogger(__name__)
NOTE_DECISIONS = {ids.REQUEST_CHANGES: Decision.REQUEST_CHANGES, ids.REJECT: Decision.REJECT}
AMENDMENTS = {ids.CORRECT: Amendment.CORRECTION, ids.RETRACT: Amendment.RETRACTION}
NOTE_TITLES = {Decision.REQUEST_CHANGES: "modal.note.changes_title", Decision.REJECT: "modal.note.reject_title"}


def register(app: App) -> None:
    app.shortcut(ids.DRAFT_SHORTCUT)(acked(draft_from_message))
    app.view(ids.DRAFT_MODAL)(acked(draft_submitted, check=lambda body, ports: field_errors(
        lambda: statement_services.check_draft(_channel(body), _draft_form(body), user=body["user"]["id"],
                                               ports=ports)), kept=True))
    app.action(ids.APPROVE)(acked(approve, kept=True))
    for action_id in NOTE_DECISIONS:
        app.action(action_id)(acked(ask_note))
    app.view(ids.NOTE_MODAL)(acked(note_submitted, check=lambda body, ports: field_errors(
        lambda: statement_services.check_note(Decision(metadata(body)["decision"]), _note(body))), kept=True))
    app.action(ids.EDIT)(acked(edit))
    app.view(ids.EDIT_MODAL)(acked(edit_submitted, check=lambda body, ports: field_errors(
        lambda: statement_services.check_text(_text(body))), kept=True))
    app.action(ids.RETRY_PUBLISH)(acked(retry, kept=True))
    for action_id in AMENDMENTS:
        app.action(action_id)(acked(ask_amendment))
    app.view(ids.AMEND_MODAL)(acked(amendment_submitted, check=lambda body, ports: field_errors(
        lambda: amendments.check_amend(int(metadata(body)["statement"]), Amendment(metadata(body)["amendment"]),
                                       _text(body), user=body["user"]["id"], ports=ports)), kept=True))
    app.action(ids.SHOW_STATEMENT)(acked(show_full_text))
    app.view(ids.PRESS_MODAL)(acked(press_submitted, check=_inquiry_errors, kept=True))
    app.action(ids.ANSWER_INQUIRY)(acked(answer))
    app.view(ids.ANSWER_MODAL)(acked(answer_submitted, kept=True))
    app.action(ids.RESUME_POST)(acked(resume))
    app.view(ids.RESUME_MODAL)(acked(resume_submitted, check=lambda body, ports: field_errors(
        lambda: schedules.check_new_time(_post_at(body), ports=ports)), kept=True))
    app.action(ids.DISCARD_POST)(acked(discard, kept=True))
    app.action(ids.RESCHEDULE_POST)(acked(reschedule))


def draft_from_message(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """The draft form started with the message as it reads, not as Slack stores it (its markup would be published);
    people it mentions by id are named as the briefing names them (Chat.names), or left out."""
    channel = body["channel"]["id"]
    statement_services.crisis_for_channel(channel, ports=ports)
    stored = (body.get("message") or {}).get("text", "")
    people = mentioned_people(stored)
    try:
        names = ports.chat.names(people) if people else {}
    except ChatFailure as failure:
        log.info("no names for a drafted message: %s", failure.reason)
        names = {}
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.draft_modal(
        ports.plan, {"channel": channel, "response_url": body.get("response_url")}, text=plain_text(stored, names)))


def draft_submitted(body: dict[str, Any], ports: Ports) -> None:
    statement_services.draft(_channel(body), _draft_form(body), user=body["user"]["id"], request_key=_view_key(body),
                             ports=ports)


def approve(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    statement_id, version = _statement_of(action)
    result = statement_services.decide(statement_id, Decision.APPROVE, user=body["user"]["id"], version=version,
                                       request_key=action_key(body, action), ports=ports)
    if result is not None and result.notice is not None:
        reply(body, client, result.notice)


def ask_note(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """Request changes / Reject (also of an approved statement that is not out yet): ask for the note first."""
    decision = NOTE_DECISIONS[action["action_id"]]
    statement_id, version = _statement_of(action)
    statement_services.check_reviewable(statement_id, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.note_modal(NOTE_TITLES[decision], {
        "statement": statement_id, "version": version, "decision": decision.value,
        "response_url": body.get("response_url")}))


def note_submitted(body: dict[str, Any], ports: Ports) -> None:
    meta = metadata(body)
    statement_services.decide(int(meta["statement"]), Decision(meta["decision"]), user=body["user"]["id"],
                              version=int(meta["version"]), note=_note(body), request_key=_view_key(body), ports=ports)


def edit(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    statement_id, _ = _statement_of(action)
    _, statement = statement_services.statement_view(statement_id, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.edit_modal(
        statement, {"statement": statement_id, "response_url": body.get("response_url")}))


def edit_submitted(body: dict[str, Any], ports: Ports) -> None:
    statement_services.edit(int(metadata(body)["statement"]), _text(body), user=body["user"]["id"],
                            request_key=_view_key(body), ports=ports)


def retry(action: dict[str, Any], body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    statement_services.publish(_statement_of(action)[0], ports=ports)


def ask_amendment(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """Correct / Retract on a published statement: who may and whether it can are checked before the form opens."""
    amendment = AMENDMENTS[action["action_id"]]
    statement_id, _ = _statement_of(action)
    _, original = statement_services.statement_view(statement_id, ports=ports)
    text = original.current.text if amendment is Amendment.CORRECTION else plain(msg("statement.retraction_text"))
    amendments.check_amend(statement_id, amendment, text, user=body["user"]["id"], ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.amend_modal(amendment, text, {
        "statement": statement_id, "amendment": amendment.value, "response_url": body.get("response_url")}))


def amendment_submitted(body: dict[str, Any], ports: Ports) -> None:
    meta = metadata(body)
    amendments.amend(int(meta["statement"]), Amendment(meta["amendment"]), _text(body), user=body["user"]["id"],
                     request_key=_view_key(body), ports=ports)


def show_full_text(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    """The whole text of the version on the card (which shows only its start), to whoever sees the card."""
    statement_id, number = _statement_of(action)
    _, statement = statement_services.statement_view(statement_id, ports=ports)
    version = next((v for v in statement.versions if v.number == number), None)
    if version is None or statement.channel_id != (body.get("channel") or {}).get("id"):
        raise BadInput("error.unknown_statement")
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.full_text_modal(statement, version))


def _inquiry_errors(body: dict[str, Any], ports: Ports) -> dict[str, str] | None:
    form = _inquiry_form(body)
    if form.deadline is None:
        return {ids.DEADLINE_BLOCK: plain(msg("error.press_deadline_required"))}
    return field_errors(lambda: statement_services.check_inquiry(_channel(body), form, user=body["user"]["id"],
                                                                 ports=ports))


def press_submitted(body: dict[str, Any], ports: Ports) -> None:
    statement_services.log_inquiry(_channel(body), _inquiry_form(body), user=body["user"]["id"],
                                   request_key=_view_key(body), ports=ports)


def answer(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    inquiry_id = _number(action)
    choices = statement_services.answerable_statements(inquiry_id, ports=ports)
    client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.answer_modal(
        choices, ports.plan, {"inquiry": inquiry_id, "response_url": body.get("response_url")}))


def answer_submitted(body: dict[str, Any], ports: Ports) -> None:
    chosen = view_value(body, ids.STATEMENT_BLOCK, ids.STATEMENT_INPUT)
    statement_services.answer_inquiry(int(metadata(body)["inquiry"]), int(chosen), user=body["user"]["id"],
                                      ports=ports)


def resume(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    _resume(body, action, client, ports, reschedule=False)


def reschedule(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    _resume(body, action, client, ports, reschedule=True)


def _resume(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports, reschedule: bool) -> None:
    """Resume at its time; a post whose time has passed (or Reschedule) asks for a new time first."""
    post_id = _number(action)
    post = schedules.paused_post(post_id, ports=ports)
    passed = post.post_at <= ports.clock.now()
    if (reschedule or passed) and not post.outcome:
        client.views_open(trigger_id=body["trigger_id"], view=statement_blocks.resume_modal(
            post, passed, {"post": post_id, "response_url": body.get("response_url"), "message": _message_ref(body)}))
        return
    _decided(body, client, schedules.decide_paused_post(post_id, True, user=body["user"]["id"], ports=ports))


def resume_submitted(body: dict[str, Any], client: WebClient, ports: Ports) -> None:
    meta = metadata(body)
    post = schedules.decide_paused_post(int(meta["post"]), True, user=body["user"]["id"], ports=ports,
                                           new_time=_post_at(body))
    _decided({"response_url": meta.get("response_url"), **body}, client, post)


def discard(body: dict[str, Any], action: dict[str, Any], client: WebClient, ports: Ports) -> None:
    _decided(body, client, schedules.decide_paused_post(_number(action), False, user=body["user"]["id"],
                                                           ports=ports))


def _channel(body: dict[str, Any]) -> str:
    return metadata(body).get("channel", "")


def _view_key(body: dict[str, Any]) -> str:
    return f"view:{body['view']['id']}"


def _draft_form(body: dict[str, Any]) -> statement_services.DraftForm:
    return statement_services.DraftForm(
        target=view_value(body, ids.TARGET_BLOCK, ids.TARGET_INPUT),
        text=_text(body),
        template=view_value(body, ids.TEMPLATE_BLOCK, ids.TEMPLATE_INPUT) or None,
        deadline=statement_blocks.datetime_of(view_value(body, ids.DEADLINE_BLOCK, ids.DEADLINE_INPUT)))


def _inquiry_form(body: dict[str, Any]) -> statement_services.InquiryForm:
    return statement_services.InquiryForm(
        outlet=view_value(body, ids.OUTLET_BLOCK, ids.OUTLET_INPUT),
        contact=view_value(body, ids.CONTACT_BLOCK, ids.CONTACT_INPUT),
        question=view_value(body, ids.QUESTION_BLOCK, ids.QUESTION_INPUT),
        deadline=statement_blocks.datetime_of(view_value(body, ids.DEADLINE_BLOCK, ids.DEADLINE_INPUT)))


def _note(body: dict[str, Any]) -> str:
    return view_value(body, ids.NOTE_BLOCK, ids.NOTE_INPUT)


def _text(body: dict[str, Any]) -> str:
    """The form's text, whole again when it was long enough to be shown in parts (handlers/statements/blocks)."""
    return statement_blocks.submitted_text(body["view"]["state"]["values"], metadata(body))


def _post_at(body: dict[str, Any]) -> datetime | None:
    return statement_blocks.datetime_of(view_value(body, ids.POST_AT_BLOCK, ids.POST_AT_INPUT))


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
