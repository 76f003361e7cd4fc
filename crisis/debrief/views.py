"""Views of the debrief: the invitation (and reminder) to answer the questionnaire."""
from __future__ import annotations

from crisis.debrief.model import Debrief
from crisis.i18n import Channel, Time, msg
from crisis.room.model import Crisis
from crisis.views import Action, Button, Buttons, Card, Emphasis, Text


def invitation(crisis: Crisis, debrief: Debrief, reminder: bool = False) -> Card:
    text = msg("debrief.reminder" if reminder else "debrief.invitation", title=crisis.title,
               deadline=Time(debrief.deadline), channel=Channel(crisis.channel_id))
    start = Button(Action.START_DEBRIEF, msg("debrief.start"), str(crisis.id), Emphasis.PRIMARY)
    return Card(text, (Text((text,)), Buttons(f"debrief-{crisis.id}", (start,))))
