"""TeamsChat: the crisis Chat port over the Bot Connector and Graph. Every message is a neutral view rendered as
an Adaptive Card (teams/cards.py) and sent as an activity; a card shown again is the same activity updated in
place, so everyone sees the new state. What Teams has no equivalent for is left out: topics, pins and scheduled
messages (the optional capabilities). The report's files go to the channel's files folder (teams/files.py).

Not yet: a post whose answer was lost is not looked up before it is sent again (the Bot Connector has no
idempotency key and no history for bots), so a lost answer can show a message twice."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from crisis.debrief import views as debrief_views
from crisis.debrief.model import Debrief
from crisis.errors import ChatFailure
from crisis.i18n import Msg
from crisis.monitor import views as monitor_views
from crisis.monitor.model import SpikeWarning
from crisis.monitor.pulse import TermPicture
from crisis.monitor.views import Chart
from crisis.plan import CrisisPlan
from crisis.room import views as room_views
from crisis.room.model import CardFacts, ChannelRef, Crisis, InviteFailure, Page, PageDelivery
from crisis.statements import views as statement_views
from crisis.statements.model import PausedPost, PressInquiry, Statement
from crisis.views import Card
from teams.cards import CardRenderer, TeamsStyle
from teams.client import TeamsClient
from teams.conversations import Conversations
from teams.files import ChannelFiles
from teams.rooms import Rooms
from teams.statements import viewer_refresh

log = logging.getLogger(__name__)


class TeamsChat:
    def __init__(self, client: TeamsClient, conversations: Conversations, rooms: Rooms, files: ChannelFiles,
                 draw_chart: Callable[[Chart], bytes] | None = None) -> None:
        """`draw_chart`: a compact PNG of a monitor chart (the reports adapter); without it, no charts."""
        self.client, self.conversations, self.rooms, self.files = client, conversations, rooms, files
        self.draw_chart = draw_chart
        self.render = CardRenderer(TeamsStyle(rooms.name_of))

    # --- sending -------------------------------------------------------------------------------

    def send_activity(self, to: str, activity: dict[str, Any]) -> tuple[str, str]:
        """(conversation id, activity id) of a new activity to a room or a person."""
        service_url, conversation = self.conversations.target(to)
        return conversation, self.client.send(service_url, conversation, activity)

    def _post(self, to: str, card: Card, refresh: dict[str, Any] | None = None) -> str:
        return self.send_activity(to, self.render.activity(card, refresh))[1]

    def _update(self, conversation: str | None, activity_id: str | None, card: Card,
                refresh: dict[str, Any] | None = None) -> None:
        if conversation and activity_id:
            service_url, conversation = self.conversations.target(conversation)
            self.client.update(service_url, conversation, activity_id, self.render.activity(card, refresh))

    # --- people and rooms ----------------------------------------------------------------------

    def resolve_user(self, ref: str) -> str | None:
        return self.rooms.resolve_user(ref)

    def is_person(self, user_id: str) -> bool | None:
        """The optional People capability (crisis.room.ports.People), through Graph."""
        return self.rooms.is_person(user_id)

    def resolve_channel(self, ref: str) -> str | None:
        """Rooms are named by their conversation id (19:...); a #name means nothing to Teams."""
        return ref if ref.startswith("19:") else None

    def create_channel(self, name: str, *, private: bool) -> ChannelRef:
        return self.rooms.create(name, private=private)

    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        return self.rooms.invite(channel_id, user_ids)

    def channel_members(self, channel_id: str) -> list[str]:
        return self.rooms.members(channel_id)

    def archive(self, channel_id: str) -> None:
        self.rooms.archive(channel_id)

    def names(self, ids: Sequence[str]) -> dict[str, str]:
        return {i: self.rooms.name_of(i) for i in ids}

    # --- the crisis room -----------------------------------------------------------------------

    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> str:
        why = self.rooms.fallback_notes.pop(crisis.channel_id, None)
        if isinstance(why, Msg):
            self.post(crisis.channel_id, why)
        return self._post(crisis.channel_id, room_views.crisis_card(crisis, plan, facts))

    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> None:
        self._update(crisis.channel_id, crisis.card_ts, room_views.crisis_card(crisis, plan, facts))

    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery:
        """A card with Acknowledge in the person's 1:1 chat and in the room; one of the two suffices. A copy that
        landed before (the page is sent again for the other) is not sent twice; a 1:1 chat refused for good (no
        Teams account or licence, no consent to install the app) is said, so the room names the person."""
        dm, dm_id, room_id, refused = page.dm_channel, page.dm_ts, page.channel_ts, None
        failures: list[ChatFailure] = []
        if dm_id is None:
            try:
                dm, dm_id = self.send_activity(page.user_id, self.render.activity(
                    room_views.page_message(crisis, plan, page, to_person=True)))
            except ChatFailure as failure:
                failures.append(failure)
                refused = failure.reason if failure.permanent else None
        if room_id is None:
            try:
                room_id = self._post(crisis.channel_id, room_views.page_message(crisis, plan, page, to_person=False))
            except ChatFailure as failure:
                failures.append(failure)
        if dm_id is None and room_id is None:
            raise ChatFailure.of_all(failures)
        return PageDelivery(dm, dm_id, room_id, refused)

    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None:
        done = room_views.page_acknowledged(plan, page, crisis.role(page.role))
        self._update(page.dm_channel, page.dm_ts, done)
        self._update(crisis.channel_id, page.channel_ts, done)

    def post(self, channel_id: str, message: Msg, key: str | None = None) -> None:
        """A note in a room; the people it names are mentioned, so Teams notifies them (update reminders)."""
        self.send_activity(channel_id, self.render.mentioning_note(message))

    # --- statements, press, paused posts -------------------------------------------------------

    def post_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> str:
        """The statement's card for everyone, refreshed per viewer for those whose approval it waits for."""
        return self._post(crisis.channel_id, statement_views.statement_card(crisis, plan, statement),
                          viewer_refresh(crisis, plan, statement))

    def update_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> None:
        self._update(statement.channel_id, statement.message_ts, statement_views.statement_card(crisis, plan,
                                                                                               statement),
                     viewer_refresh(crisis, plan, statement))

    def post_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> str:
        return self._post(crisis.channel_id, statement_views.inquiry(inquiry))

    def update_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> None:
        self._update(crisis.channel_id, inquiry.channel_ts, statement_views.inquiry(inquiry))

    def offer_paused_posts(self, user_id: str, crisis: Crisis, posts: Sequence[PausedPost]) -> None:
        for card in statement_views.paused_posts_offer(crisis, posts):
            self._post(user_id, card)

    # --- debrief -------------------------------------------------------------------------------

    def invite_to_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._post(user_id, debrief_views.invitation(crisis, debrief))

    def remind_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._post(user_id, debrief_views.invitation(crisis, debrief, reminder=True))

    def upload_report(self, crisis: Crisis, markdown: str, html: str, chart: bytes | None) -> str:
        """The report's files in the channel's files folder, and a card in the room linking to each."""
        name = f"{crisis.channel_name or 'crisis'}-report"
        files = [(f"{name}.html", html.encode(), "html", "text/html"),
                 (f"{name}.md", markdown.encode(), "md", "text/markdown"),
                 *([(f"{name}.png", chart, "png", "image/png")] if chart else [])]
        shared = self.files.share(crisis.channel_id, [(n, content, kind) for n, content, _, kind in files])
        self._post(crisis.channel_id, debrief_views.report_files(crisis, [
            (url, kind) for (_, _, url), (_, _, kind, _) in zip(shared, files)]))
        return shared[0][0]

    # --- mention monitor and prevention --------------------------------------------------------

    def post_spike_warning(self, channel_id: str, warning: SpikeWarning) -> str:
        ref = self._post(channel_id, monitor_views.spike_warning(warning))
        self._post_chart(channel_id, monitor_views.warning_chart(warning))
        return ref

    def update_spike_warning(self, channel_id: str, ref: str, warning: SpikeWarning) -> None:
        self._update(channel_id, ref, monitor_views.spike_warning(warning))

    def post_monitor_update(self, channel_id: str, picture: TermPicture) -> None:
        self.post(channel_id, monitor_views.monitor_update(picture))

    def send_pulse(self, user_id: str, picture: TermPicture) -> None:
        self._post(user_id, monitor_views.pulse(picture))
        self._post_chart(user_id, monitor_views.pulse_chart(picture))

    def _post_chart(self, to: str, chart: Chart) -> None:
        """The chart as an image card right after the message it illustrates (Slack uploads it beside); the
        message is already out, so a failure loses only the chart."""
        if self.draw_chart is None:
            return
        try:
            self.send_activity(to, self.render.image(chart.title, self.draw_chart(chart)))
        except ChatFailure as failure:
            log.warning("chart to %s not sent: %s", to, failure.reason)

    def send_view(self, to: str, card: Card, key: str) -> tuple[str, str]:
        return self.send_activity(to, self.render.activity(card))

    def edit_view(self, channel_id: str, ref: str, card: Card) -> None:
        self._update(channel_id, ref, card)
