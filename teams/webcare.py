"""Webcare on Teams: `crisis reply <url>` and Reply under a spike warning's example answer with the reply form (an
Adaptive Card: the post, the plan's lines, a text to edit); its Send records the reply; Approve / Reject on the
reply's card; `crisis donotengage [undo] <account>`. The same use cases and rules as in Slack."""
from __future__ import annotations

from typing import Any

from crisis.errors import BadInput
from crisis.i18n import msg
from crisis.ports import Ports
from crisis.views import Action, note
from crisis.webcare import services
from crisis.webcare.model import ReplyState
from crisis.webcare.services import ReplyForm
from teams.cards import SCHEMA, VERSION, CardRenderer, escape
from teams.chat import TeamsChat
from teams.forms import FORMS
from teams.post_actions import Verb, decide
from teams.turns import Answer, Turn

SEND_VERB = "send_reply"
_CARD = "application/vnd.microsoft.card.adaptive"
QUOTED = 600


def reply_form(render: CardRenderer, form: ReplyForm) -> dict[str, Any]:
    """The form as a card: the post (its markdown escaped: it shows as written), the lines, the text to edit. Its
    Send names the post only: the room is the conversation the form is sent from."""
    text = render.text
    lines = [{"title": line.name, "value": line.key} for line in form.lines]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": [
        {"type": "TextBlock", "text": text(msg("reply.modal_post", author=form.post.author, account=form.account)),
         "wrap": True, "weight": "Bolder"},
        {"type": "TextBlock", "text": escape(form.post.text[:QUOTED]), "wrap": True, "isSubtle": True},
        {"type": "TextBlock", "text": text(form.what_happens), "wrap": True},
        {"type": "Input.ChoiceSet", "id": "line", "label": text(msg("reply.field_line")), "choices": lines,
         "isRequired": True, "value": lines[0]["value"]},
        {"type": "Input.Text", "id": "text", "label": text(msg("reply.field_text")), "isMultiline": True,
         "maxLength": 2000, "placeholder": text(msg("reply.field_text_hint"))},
    ], "actions": [{"type": "Action.Execute", "title": text(msg("reply.modal_submit")), "verb": SEND_VERB,
                    "style": "positive", "data": {"url": form.url}}]}


def reply_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    url = text.strip().removeprefix("<").removesuffix(">")
    form = services.reply_form(turn.conversation, url, user=turn.user, ports=ports)
    return Answer([{"type": "message", "attachments": [{"contentType": _CARD, "content": reply_form(FORMS, form)}]}])


def reply_button(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    form = services.reply_form(turn.conversation, str(data.get("value") or ""), user=turn.user, ports=ports)
    return Answer(card=reply_form(FORMS, form))


def send(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    """The form's Send, for the room it was sent from: who may ask there is the core's rule, so a room named in the
    card's data (which the sender's client writes) would let anyone outside a private room ask."""
    url = str(data.get("url") or "")
    made = services.request_reply(turn.conversation, url, str(data.get("line") or ""), str(data.get("text") or ""),
                                  user=turn.user, request_key=turn.request_key, ports=ports)
    if made is None:
        return Answer()
    key = "notice.reply_requested" if made.state is ReplyState.PENDING else "notice.reply_sending"
    return Answer(card=note(msg(key, id=made.id)))


def donotengage_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    words = text.split()
    if not words:
        accounts = ", ".join(services.marked(ports=ports)) or msg("word.none")
        return Answer([chat.render.note(msg("notice.donotengage_list", accounts=accounts))])
    undo = words[0].lower() == "undo"
    if len(words) != (2 if undo else 1):
        raise BadInput("error.donotengage_usage")
    done = services.mark(turn.conversation, words[-1], undo=undo, user=turn.user, request_key=turn.request_key,
                         ports=ports)
    key = ("notice.engage_again" if done else "notice.engage_not_marked") if undo else \
        ("notice.donotengage" if done else "notice.donotengage_already")
    return Answer([chat.render.note(msg(key, account=words[-1].strip().lstrip("@").lower()))])


VERBS: dict[str, Verb] = {
    Action.REPLY_MENTION.value: reply_button,
    SEND_VERB: send,
    Action.APPROVE_REPLY.value: decide(services.decide, services.REPLIES, "error.unknown_reply", True),
    Action.REJECT_REPLY.value: decide(services.decide, services.REPLIES, "error.unknown_reply", False),
}
