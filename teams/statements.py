"""Statements on Teams: `crisis draft <target> <text>` in the crisis room posts a draft for approval (the
Slack modal's fields as words), and the card's Approve / Request changes / Reject call the same `decide` under
the same four-eyes rule; Request changes and Reject first turn the clicked card into a note form, Edit into the
text to change (saved as a new version by the same `edit`). A form sent for a version that is no longer the
current one is refused, and nothing changes. The card asks Teams to refresh it for those whose approval it waits
for, who then read "waiting for *your* approval". Show full text and Retry publishing work as on Slack. What shows a
statement's text or publishes it answers only in the room the statement belongs to."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.plan import CrisisPlan
from crisis.ports import Ports
from crisis.room.model import Crisis
from crisis.statements import deadlines, rules, services
from crisis.statements.model import Decision, Statement, StatementState, StatementVersion
from crisis.statements.views import statement_card
from crisis.views import Action, Card, Text, note
from teams.card_data import number_pair
from teams.cards import CARD_TYPE, SCHEMA, VERSION, escape
from teams.forms import FORMS
from teams.turns import Answer, Turn

NOTE_VERB = "statement_note"
EDIT_VERB = "statement_edited"
SEEN_VERB = "statement_seen"
REFRESH_LIMIT = 60
"""Teams refreshes a card automatically for at most 60 listed people."""
NOTE_TITLES = {Decision.REQUEST_CHANGES: "modal.note.changes_title", Decision.REJECT: "modal.note.reject_title"}
PIECE = 2000
"""Characters of a statement's text per TextBlock of the full text (at most 24 KB of JSON even in emoji)."""
FULL_TEXT_BYTES = 24_000
"""A card of the full text stays under this (a Teams message holds about 28 KB); the rest follows in more cards."""


def draft_command(turn: Turn, text: str, ports: Ports) -> Answer:
    target, _, words = text.partition(" ")
    if not words.strip():
        raise BadInput("error.statement_unknown_target", target=target or "?",
                       choices=", ".join(t.key for t in ports.plan.statements.targets))
    services.draft(turn.conversation, services.DraftForm(target=target, text=words.strip()), user=turn.user,
                   request_key=turn.request_key, ports=ports)
    return Answer()


def approve(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    statement_id, version = statement_of(data)
    result = services.decide(statement_id, Decision.APPROVE, user=turn.user, version=version,
                             request_key=turn.request_key, ports=ports)
    return _after(result, statement_id, ports)


def ask_note(decision: Decision) -> Callable[[Turn, dict[str, Any], Ports], Answer]:
    """Request changes / Reject: the clicked card becomes a form for the note (Slack's note modal)."""
    def ask(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
        statement_id, version = statement_of(data)
        services.check_reviewable(statement_id, ports=ports)
        return Answer(card=note_form(decision, f"{statement_id}:{version}"))
    return ask


def note_submitted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    statement_id, version = statement_of(data)
    try:
        decision = Decision(str(data.get("decision")))
    except ValueError:
        raise BadInput("error.unknown_statement") from None
    note_text = data.get("note") if isinstance(data.get("note"), str) else ""
    services.check_note(decision, note_text)
    result = services.decide(statement_id, decision, user=turn.user, version=version, note=note_text,
                             request_key=turn.request_key, ports=ports)
    return _after(result, statement_id, ports)


def edit(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The clicked card becomes the current text in a box (Slack's edit modal)."""
    statement_id, version = statement_of(data)
    _, statement = services.statement_view(statement_id, ports=ports)
    _in_room(statement, turn)
    _check_current(statement, version)
    if statement.state not in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        raise BadInput("error.statement_closed", state=msg(f"statement.state.{statement.state.value}"))
    text = FORMS.text
    return Answer(card={"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("modal.edit.title")), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "text", "label": text(msg("modal.field.text")), "isMultiline": True,
         "isRequired": True, "value": statement.current.text}],
        "actions": [{"type": "Action.Execute", "title": text(msg("modal.edit.submit")), "verb": EDIT_VERB,
                     "data": {"value": f"{statement_id}:{version}"}}]})


def edit_submitted(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The new text as the next version, unless the statement moved on since the form was shown."""
    statement_id, version = statement_of(data)
    _, statement = services.statement_view(statement_id, ports=ports)
    _in_room(statement, turn)
    _check_current(statement, version)
    text = data.get("text") if isinstance(data.get("text"), str) else ""
    services.edit(statement_id, text, user=turn.user, request_key=turn.request_key, ports=ports)
    return _after(None, statement_id, ports)


def retry(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """Retry publishing an approved statement (Slack's use case: published once, whoever asks); the clicked card
    becomes the statement's card as it now stands."""
    statement_id, _ = statement_of(data)
    _in_room(services.statement_view(statement_id, ports=ports)[1], turn)
    services.publish(statement_id, ports=ports)
    return _after(None, statement_id, ports)


def show_full_text(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The whole text of the version on the card (whose quote shows only its start): the clicked card becomes its
    first part, with Close back to the statement's card; a text too long for one card follows in the room."""
    statement_id, number = statement_of(data)
    _, statement = services.statement_view(statement_id, ports=ports)
    _in_room(statement, turn)
    version = next((v for v in statement.versions if v.number == number), None)
    if version is None:
        raise BadInput("error.unknown_statement")
    first, *more = full_text_cards(statement, version)
    close = {"type": "Action.Execute", "title": FORMS.text(msg("modal.close")), "verb": SEEN_VERB,
             "data": {"value": f"{statement.id}:{statement.current.number}"}}
    return Answer([{"type": "message", "attachments": [{"contentType": CARD_TYPE, "content": card}]}
                   for card in more], card={**first, "actions": [close]})


def full_text_cards(statement: Statement, version: StatementVersion) -> list[dict[str, Any]]:
    """The version's text, escaped, in as many cards as keep each under FULL_TEXT_BYTES; each titled."""
    title = {"type": "TextBlock", "text": FORMS.text(msg("modal.statement.title", id=statement.id,
                                                          version=version.number)), "weight": "Bolder"}
    cards: list[dict[str, Any]] = []
    body: list[dict[str, Any]] = []
    for start in range(0, len(version.text) or 1, PIECE):
        block = {"type": "TextBlock", "text": escape(version.text[start:start + PIECE]), "wrap": True}
        if body and len(json.dumps([title, *body, block])) > FULL_TEXT_BYTES:
            cards.append(body)
            body = []
        body.append(block)
    cards.append(body)
    return [{"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [title, *blocks]}
            for blocks in cards]


def _in_room(statement: Statement, turn: Turn) -> None:
    """A statement is shown or acted on from its crisis room only: the click's own conversation, never the card's
    data, says where it comes from."""
    if statement.channel_id != turn.conversation:
        raise BadInput("error.unknown_statement")


def _check_current(statement: Statement, version: int) -> None:
    if statement.current.number != version:
        raise BadInput("error.statement_old_version", version=version, current=statement.current.number)


def note_form(decision: Decision, value: str) -> dict[str, Any]:
    render = FORMS
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": render.text(msg(NOTE_TITLES[decision])), "size": "Large", "weight": "Bolder"},
        {"type": "Input.Text", "id": "note", "label": render.text(msg("modal.field.note")), "isMultiline": True,
         "isRequired": True}],
        "actions": [{"type": "Action.Execute", "title": render.text(msg("modal.note.submit")), "verb": NOTE_VERB,
                     "data": {"value": value, "decision": decision.value}}]}


def seen(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """Teams asks for the card of one viewer (its `refresh`): the same card, headed by "waiting for *your*
    approval" when the statement waits for theirs."""
    crisis, statement = services.statement_view(statement_of(data)[0], ports=ports)
    _in_room(statement, turn)
    card = statement_card(crisis, ports.plan, statement)
    if turn.user in _waiting_for(crisis, ports.plan, statement):
        roles = [ports.plan.role_name(r) for r in rules.rule_for(crisis, ports.plan).roles
                 if r in rules.roles_of(crisis, turn.user)]
        card = Card(card.summary, (Text((msg("card.statement.your_turn", role=", ".join(roles)),)), *card.parts))
    return Answer(card=card, refresh=viewer_refresh(crisis, ports.plan, statement))


def viewer_refresh(crisis: Crisis, plan: CrisisPlan, statement: Statement) -> dict[str, Any] | None:
    """The statement card's `refresh`: Teams asks again for the card of each person whose approval it waits for."""
    waiting = _waiting_for(crisis, plan, statement)
    if not waiting:
        return None
    return {"action": {"type": "Action.Execute", "verb": SEEN_VERB,
                       "data": {"value": f"{statement.id}:{statement.current.number}"}},
            "userIds": [f"8:orgid:{user}" for user in waiting[:REFRESH_LIMIT]]}


def _waiting_for(crisis: Crisis, plan: CrisisPlan, statement: Statement) -> list[str]:
    if statement.state not in (StatementState.PENDING, StatementState.CHANGES_REQUESTED):
        return []
    return deadlines.pending_approvers(statement, crisis, plan)


def _after(result: Any, statement_id: int, ports: Ports) -> Answer:
    """The clicked card becomes the statement's card as it now stands (and a notice, when the core has one)."""
    crisis, statement = services.statement_view(statement_id, ports=ports)
    card = statement_card(crisis, ports.plan, statement)
    if result is not None and result.notice is not None:
        card = Card(card.summary, (*card.parts, *note(result.notice).parts))
    return Answer(card=card, refresh=viewer_refresh(crisis, ports.plan, statement))


def statement_of(data: dict[str, Any]) -> tuple[int, int]:
    return number_pair(data.get("value"), "error.unknown_statement")


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {
    Action.APPROVE_STATEMENT.value: approve,
    Action.REQUEST_CHANGES.value: ask_note(Decision.REQUEST_CHANGES),
    Action.REJECT_STATEMENT.value: ask_note(Decision.REJECT),
    NOTE_VERB: note_submitted,
    Action.EDIT_STATEMENT.value: edit,
    EDIT_VERB: edit_submitted,
    SEEN_VERB: seen,
    Action.RETRY_PUBLISH.value: retry,
    Action.SHOW_STATEMENT.value: show_full_text,
}
