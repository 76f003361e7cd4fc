"""Views of the debrief: the invitation (and reminder) to answer the questionnaire, and the report's files as
links (where a chat keeps files apart from its messages)."""
from __future__ import annotations

from collections.abc import Sequence

from crisis.debrief.model import Debrief
from crisis.i18n import Channel, Time, msg
from crisis.room.model import Crisis
from crisis.views import Action, Button, Buttons, Card, Emphasis, Link, Text


def invitation(crisis: Crisis, debrief: Debrief, reminder: bool = False) -> Card:
    text = msg("debrief.reminder" if reminder else "debrief.invitation", title=crisis.title,
               deadline=Time(debrief.deadline), channel=Channel(crisis.channel_id))
    start = Button(Action.START_DEBRIEF, msg("debrief.start"), str(crisis.id), Emphasis.PRIMARY)
    return Card(text, (Text((text,)), Buttons(f"debrief-{crisis.id}", (start,))))


def report_files(crisis: Crisis, files: Sequence[tuple[str, str]]) -> Card:
    """The report is ready: a link to each of its files, given as (url, kind: html / md / png)."""
    text = msg("debrief.report_files", title=crisis.title)
    return Card(text, (Text((text, *(Link(url, msg(f"report.file.{kind}", title=crisis.title))
                                     for url, kind in files))),))
