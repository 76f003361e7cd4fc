"""How a drill's statement goes out: never beyond the drill's room. A target inside the team's chat (a channel such
as #all-staff or #press) is shown in the room instead, marked DRILL, so the team sees what people there would read;
any other target is skipped. Either way its reference says "skipped: drill"."""
from __future__ import annotations

from crisis.i18n import msg, render
from crisis.ports import Ports
from crisis.room.model import Crisis
from crisis.statements.model import Statement
from crisis.statements.ports import Publisher


def rehearse(crisis: Crisis, statement: Statement, label: str, publisher: Publisher, text: str, ports: Ports) -> str:
    """Publish `text` of a drill's `statement` through `label`'s publisher as a drill does; return the reference to
    record for it, in the team's language. Raises ChatFailure when the room cannot be posted to (retried as a
    failed publish)."""
    if not getattr(publisher, "inside_workspace", False):  # InsideWorkspace: the value, not the attribute's presence
        return render(msg("drill.skipped"), locale=ports.plan.language)
    if crisis.channel_id:
        ports.chat.post(crisis.channel_id, msg("drill.statement_shown", statement=statement.id, target=label,
                                               text=text), key=f"drill-publish:{statement.id}:{label}")
    return render(msg("drill.shown_in_room"), locale=ports.plan.language)
