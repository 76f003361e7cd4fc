"""The account register on Teams: `crisis accounts` (the plan's admins and the security lead) answers with the
register so far and a form for one account (Slack's modal as a card; owner and access picked with Teams' people
picker, which gives Entra object ids); its submit saves through the same `save_account`. An entry the core refuses
comes back in the form with what to change, so nothing typed is lost."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from crisis.errors import BadInput
from crisis.i18n import Msg, msg
from crisis.ports import Ports
from crisis.prevention import services
from crisis.prevention.guards import accounts
from crisis.prevention.model import PLATFORMS, Account
from crisis.prevention.rules import MAX_CREDENTIAL, MAX_HANDLE, check_account
from crisis.prevention.views import person
from crisis.views import note
from teams.cards import CARD_TYPE, SCHEMA, VERSION, CardRenderer
from teams.chat import TeamsChat
from teams.forms import FORMS
from teams.turns import Answer, Turn

SAVE_VERB = "account_saved"
MAX_LISTED = 20
_PEOPLE = {"type": "Data.Query", "dataset": "graph.microsoft.com/users"}


def accounts_command(turn: Turn, text: str, ports: Ports, chat: TeamsChat) -> Answer:
    services.check_may_manage(turn.user, ports)
    return Answer([{"type": "message", "attachments": [{"contentType": CARD_TYPE,
                                                        "content": account_form(chat.render, ports, {})}]}])


def account_form(render: CardRenderer, ports: Ports, values: Mapping[str, str],
                 problem: Msg | None = None) -> dict[str, Any]:
    """The register in force (at most MAX_LISTED lines), then the fields of one account."""
    with ports.uow() as uow:
        register = accounts(uow, ports)
    text = render.text
    lines = [text(msg("prevention.modal.register_line", account=a.label, owner=person(a.owner),
                      two_factor=msg("word.yes" if a.two_factor else "word.no"), count=len(a.access)))
             for a in register[:MAX_LISTED]] or [text(msg("prevention.modal.register_empty"))]
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": text(msg("prevention.modal.title")), "size": "Large", "weight": "Bolder"},
        {"type": "TextBlock", "text": text(msg("prevention.modal.register")), "weight": "Bolder", "wrap": True},
        *({"type": "TextBlock", "text": line, "wrap": True} for line in lines),
        {"type": "TextBlock", "text": text(msg("prevention.modal.intro")), "wrap": True},
        *([{"type": "TextBlock", "text": text(problem), "color": "Attention", "wrap": True}] if problem else []),
        {"type": "Input.ChoiceSet", "id": "platform", "label": text(msg("prevention.modal.platform")),
         "choices": [{"title": name, "value": key} for key, name in PLATFORMS.items()], "isRequired": True,
         "value": values.get("platform", "")},
        {"type": "Input.Text", "id": "handle", "label": text(msg("prevention.modal.handle")), "maxLength": MAX_HANDLE,
         "isRequired": True, "value": values.get("handle", "")},
        {"type": "Input.ChoiceSet", "id": "owner", "label": text(msg("prevention.modal.owner")), "choices": [],
         "choices.data": _PEOPLE, "isRequired": True, "value": values.get("owner", "")},
        {"type": "Input.Toggle", "id": "two_factor", "title": text(msg("prevention.modal.two_factor_on")),
         "label": text(msg("prevention.modal.two_factor")), "valueOn": "on", "valueOff": "",
         "value": values.get("two_factor", "")},
        {"type": "Input.Text", "id": "credential", "label": text(msg("prevention.modal.credential")),
         "maxLength": MAX_CREDENTIAL, "isRequired": True, "placeholder": text(msg("prevention.modal.credential_hint")),
         "value": values.get("credential", "")},
        {"type": "Input.ChoiceSet", "id": "access", "label": text(msg("prevention.modal.access")), "choices": [],
         "choices.data": _PEOPLE, "isMultiSelect": True, "value": values.get("access", "")}]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body, "actions": [
        {"type": "Action.Execute", "title": text(msg("prevention.modal.submit")), "verb": SAVE_VERB,
         "style": "positive", "data": {}}]}


def account_of(data: Mapping[str, Any]) -> Account:
    """The account a submitted form describes (checked by the use case); the people picker's several choices come
    comma-separated."""
    def field(key: str) -> str:
        value = data.get(key)
        return value.strip() if isinstance(value, str) else ""

    access = tuple(p.strip() for p in field("access").split(",") if p.strip())
    return Account(field("platform"), field("handle"), field("owner"), field("two_factor") in ("on", "true"),
                   field("credential"), access)


def saved(turn: Turn, data: dict[str, Any], ports: Ports) -> Answer:
    account = account_of(data)
    try:
        check_account(account)
    except BadInput as error:
        if not error.field:
            raise
        values = {k: v for k, v in data.items() if isinstance(v, str)}
        render = ports.chat.render if isinstance(ports.chat, TeamsChat) else FORMS
        return Answer(card=account_form(render, ports, values, Msg(error.key, error.params)))
    stored = services.save_account(account, user=turn.user, request_key=turn.request_key, ports=ports)
    return Answer(card=note(msg("notice.account_saved", account=account.label)) if stored else None)


VERBS: dict[str, Callable[[Turn, dict[str, Any], Ports], Answer]] = {SAVE_VERB: saved}
