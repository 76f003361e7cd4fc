"""SlackChat: the crisis Chat port (with topics, pins, scheduled messages and Home tabs) over slack_sdk's WebClient.

Every post names its key, stable for one logical post where the port gets ids (`card:<crisis id>`,
`page:<page id>:dm` ...): the client then finds an earlier post with that key instead of posting twice (see
handlers/slack_once). Other calls are made safe to repeat here: a topic is compared first, a channel Slack may
have created is looked for, a schedule is looked up, and "already done" answers count as done."""
from __future__ import annotations

import html
import logging
import re
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from crisis.debrief import views as debrief_views
from crisis.debrief.model import Debrief
from crisis.errors import ChannelNameTaken, ChatFailure
from crisis.i18n import Msg, msg
from crisis.monitor import views as monitor_views
from crisis.monitor.model import SpikeWarning
from crisis.monitor.pulse import TermPicture
from crisis.plan import CrisisPlan
from crisis.room import views as room_views
from crisis.room.model import (
    CardFacts,
    ChannelRef,
    Crisis,
    InviteFailure,
    Page,
    PageDelivery,
)
from crisis.statements import views as statement_views
from crisis.statements.model import PausedPost, PressInquiry, Statement
from crisis.statements.ports import ScheduledPost
from crisis.views import Card
from handlers.block_kit import message, plain, text_message
from handlers.home.chat import SlackHomeTabs
from handlers.prevention.chat import SlackPreventionChat
from handlers.readers import speaking_to, speaking_to_all
from handlers.slack_client import CALL_ERRORS, chat_failure
from handlers.slack_once import SKEW, ambiguous, keyed
from reports.charts import monitor_chart

log = logging.getLogger(__name__)
_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]+$")
TOPIC_LIMIT = 250
_IGNORED_INVITE_ERRORS = {"already_in_channel", "cant_invite_self"}
T = TypeVar("T")


def _reason(error: Exception) -> str:
    return chat_failure(error).reason


class SlackChat(SlackPreventionChat, SlackHomeTabs):
    """Renders the crisis's views as Block Kit; Slack ids, errors and paging stay in here."""

    def __init__(self, client: WebClient) -> None:
        self.client = client
        self._users: dict[str, str | None] = {}
        self._channels: dict[str, str | None] = {}
        self._lock = threading.Lock()
        self.home_charts = {}

    def _call(self, method: str, **args: Any) -> dict[str, Any]:
        try:
            return self.client.api_call(method, json=args).data  # type: ignore[return-value]
        except CALL_ERRORS as error:
            raise chat_failure(error) from None

    def _repeated(self, do: Callable[[], T], done: Callable[[], T | None]) -> T:
        """`do` a call slack_sdk does not repeat by itself; when its answer may be lost, `done()` tells whether
        Slack applied it (its result, or None), and only if not is it done once more."""
        try:
            return do()
        except CALL_ERRORS as error:
            if not ambiguous(error):
                raise chat_failure(error) from None
            first = error
        try:
            found = done()
        except (ChatFailure, *CALL_ERRORS):
            raise chat_failure(first) from None
        if found is not None:
            return found
        try:
            return do()
        except CALL_ERRORS as error:
            raise chat_failure(error) from None

    # --- people and channels ---------------------------------------------------------------

    def resolve_user(self, ref: str) -> str | None:
        if _USER_ID.match(ref):
            return ref
        with self._lock:
            if ref in self._users:
                return self._users[ref]
        try:
            user_id = self.client.users_lookupByEmail(email=ref)["user"]["id"]
        except CALL_ERRORS as error:
            failure = chat_failure(error)
            if not failure.permanent:  # Slack did not answer: not remembered, the next lookup asks again
                log.warning("looking up %s failed (%s)", ref, failure.reason)
                return None
            log.warning("plan names %s, but Slack has no such user (%s)", ref, failure.reason)
            user_id = None
        with self._lock:
            self._users[ref] = user_id
        return user_id

    def resolve_channel(self, ref: str) -> str | None:
        if _CHANNEL_ID.match(ref):
            return ref
        with self._lock:
            if ref in self._channels:
                return self._channels[ref]
        name, found = ref.lstrip("#"), None
        try:
            for page in self.client.conversations_list(exclude_archived=True, limit=200,
                                                       types="public_channel,private_channel"):
                found = next((c["id"] for c in page["channels"] if c["name"] == name), None)
                if found:
                    break
        except CALL_ERRORS as error:
            raise chat_failure(error) from None
        if found:
            with self._lock:
                self._channels[ref] = found
        return found

    def create_channel(self, name: str, *, private: bool) -> ChannelRef:
        """A new channel; when Slack's answer is lost, the channel of that name the bot created since is it."""
        once = getattr(self.client, "once", None)
        since = once.now() - SKEW if once is not None else 0.0
        try:
            channel = self._repeated(lambda: self.client.conversations_create(name=name, is_private=private)["channel"],
                                     lambda: self._created(name, since))
        except ChatFailure as failure:
            if failure.reason == "name_taken":
                raise ChannelNameTaken(name) from None
            raise
        return ChannelRef(channel["id"], channel["name"])

    def made_since(self, name: str, since: datetime) -> ChannelRef | None:
        channel = self._created(name, since.timestamp() - SKEW)
        return ChannelRef(channel["id"], channel["name"]) if channel else None

    def _created(self, name: str, since: float) -> dict[str, Any] | None:
        for page in self.client.conversations_list(exclude_archived=True, limit=200,
                                                   types="public_channel,private_channel"):
            for channel in page["channels"]:
                if (channel["name"] == name and channel.get("creator") == self._bot_user_id()
                        and channel.get("created", 0) >= int(since)):
                    return channel
        return None

    def set_topic(self, channel_id: str, topic: Msg) -> None:
        """Slack shows every topic set ("set the channel topic"), the same one again too: the topic is compared
        first, so a repeated set (a retry, a re-run set-up) shows nothing."""
        with speaking_to_all():
            wanted = plain(topic)[:TOPIC_LIMIT]

        def current() -> bool | None:
            info = self.client.conversations_info(channel=channel_id)["channel"]
            return True if html.unescape((info.get("topic") or {}).get("value", "")) == html.unescape(wanted) else None

        try:
            if current():
                return
        except CALL_ERRORS as error:
            raise chat_failure(error) from None
        self._repeated(lambda: self.client.conversations_setTopic(channel=channel_id, topic=wanted), current)

    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        """Invite everyone; when Slack refuses some, report those and invite the rest."""
        try:
            self.client.conversations_invite(channel=channel_id, users=",".join(user_ids))
            return []
        except CALL_ERRORS as error:
            if not isinstance(error, SlackApiError):
                raise chat_failure(error) from None
            per_user = error.response.get("errors") or []
            if not per_user:
                if _reason(error) in _IGNORED_INVITE_ERRORS:
                    return []
                return [InviteFailure(u, _reason(error)) for u in user_ids]
        failures = [InviteFailure(e.get("user", "?"), e.get("error", "unknown"))
                    for e in per_user if e.get("error") not in _IGNORED_INVITE_ERRORS]
        refused = {e.get("user") for e in per_user}
        rest = [u for u in user_ids if u not in refused]
        if rest:
            try:
                self.client.conversations_invite(channel=channel_id, users=",".join(rest))
            except CALL_ERRORS as error:
                if _reason(error) not in _IGNORED_INVITE_ERRORS:
                    failures.extend(InviteFailure(u, _reason(error)) for u in rest)
        return failures

    # --- messages --------------------------------------------------------------------------

    def _post(self, channel_id: str, card: Card, key: str | None = None, reader: str | None = None) -> str:
        return self._send(channel_id, card, key, reader)["ts"]

    def _send(self, channel_id: str, content: Card | Msg, key: str | None, reader: str | None = None
              ) -> dict[str, Any]:
        """Post with `key`, a stable one looked for first; without, the client keys the post anew. In the plan's
        language, or in the Slack language of `reader`, the one person a DM is for (handlers/readers)."""
        with self._voice(reader):
            rendered = message(content) if isinstance(content, Card) else text_message(content)
        if key:
            rendered["metadata"] = keyed(key)
        return self._call("chat.postMessage", channel=channel_id, **rendered)

    def _update(self, channel_id: str, ts: str, card: Card, reader: str | None = None) -> None:
        with self._voice(reader):
            rendered = message(card)
        self._call("chat.update", channel=channel_id, ts=ts, **rendered)

    def _voice(self, reader: str | None) -> AbstractContextManager[None]:
        return speaking_to(self.client, reader) if reader else speaking_to_all()

    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> str:
        return self._post(crisis.channel_id, room_views.crisis_card(crisis, plan, facts), f"card:{crisis.id}")

    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> None:
        self._update(crisis.channel_id, crisis.card_ts, room_views.crisis_card(crisis, plan, facts))

    def pin(self, channel_id: str, ref: str) -> None:
        try:
            self.client.pins_add(channel=channel_id, timestamp=ref)
        except CALL_ERRORS as error:
            if _reason(error) != "already_pinned":
                raise chat_failure(error) from None

    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery:
        """A DM with an Acknowledge button, and a mention in the crisis channel; one of them suffices (a DM refused
        for good is said, so the channel names the person)."""
        dm_channel = dm_ts = channel_ts = refused = None
        failures: list[ChatFailure] = []
        try:
            sent = self._send(page.user_id, room_views.page_message(crisis, plan, page, to_person=True),
                              f"page:{page.id}:dm", reader=page.user_id)
            dm_channel, dm_ts = sent["channel"], sent["ts"]
        except ChatFailure as failure:
            failures.append(failure)
            refused = failure.reason if failure.permanent else None
        try:
            channel_ts = self._post(crisis.channel_id, room_views.page_message(crisis, plan, page, to_person=False),
                                    f"page:{page.id}:channel")
        except ChatFailure as failure:
            failures.append(failure)
        if dm_ts is None and channel_ts is None:  # refused only when both were refused
            raise ChatFailure.of_all(failures)
        return PageDelivery(dm_channel, dm_ts, channel_ts, refused)

    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None:
        done = room_views.page_acknowledged(plan, page, crisis.role(page.role))
        for channel, ts, reader in ((page.dm_channel, page.dm_ts, page.user_id),
                                    (crisis.channel_id, page.channel_ts, None)):
            if channel and ts:
                self._update(channel, ts, done, reader)

    def post(self, channel_id: str, message: Msg, key: str | None = None) -> None:
        """A notice, keyed per call unless the caller gives the key of one logical post."""
        self._send(channel_id, message, key)

    # --- statements, press, paused posts --------------------------------------------------------

    def post_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> str:
        return self._post(crisis.channel_id, statement_views.statement_card(crisis, plan, statement),
                          f"statement:{statement.id}:v{len(statement.versions)}")

    def update_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> None:
        self._update(statement.channel_id, statement.message_ts,
                     statement_views.statement_card(crisis, plan, statement))

    def post_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> str:
        return self._post(crisis.channel_id, statement_views.inquiry(inquiry), f"inquiry:{inquiry.id}")

    def update_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> None:
        if inquiry.channel_ts:
            self._update(crisis.channel_id, inquiry.channel_ts, statement_views.inquiry(inquiry))

    def list_scheduled(self, channel_id: str) -> list[ScheduledPost]:
        found: list[ScheduledPost] = []
        try:
            for page in self.client.chat_scheduledMessages_list(channel=channel_id, limit=100):
                found.extend(ScheduledPost(m["id"], m.get("channel_id", channel_id), m.get("text", ""),
                                           datetime.fromtimestamp(int(m["post_at"]), tz=UTC))
                             for m in page["scheduled_messages"])
        except CALL_ERRORS as error:
            raise chat_failure(error) from None
        return found

    def delete_scheduled(self, channel_id: str, scheduled_id: str) -> None:
        """Gone already (an earlier delete whose answer was lost) counts as deleted."""
        try:
            self._call("chat.deleteScheduledMessage", channel=channel_id, scheduled_message_id=scheduled_id)
        except ChatFailure as failure:
            if failure.reason != "invalid_scheduled_message_id":
                raise

    def schedule(self, channel_id: str, text: str, post_at: datetime) -> str:
        """Scheduled once: when the answer is lost, the same text at the same time, if Slack has it, is it."""
        at = int(post_at.timestamp())

        def scheduled() -> str | None:
            return next((p.id for p in self.list_scheduled(channel_id)
                         if p.text == text and int(p.post_at.timestamp()) == at), None)

        return self._repeated(lambda: self.client.chat_scheduleMessage(channel=channel_id, text=text, post_at=at)[
            "scheduled_message_id"], scheduled)

    def offer_paused_posts(self, user_id: str, crisis: Crisis, posts: Sequence[PausedPost]) -> None:
        for card in statement_views.paused_posts_offer(crisis, posts):
            self._post(user_id, card, reader=user_id)

    # --- debrief --------------------------------------------------------------------------------

    def channel_members(self, channel_id: str) -> list[str]:
        members: list[str] = []
        try:
            for page in self.client.conversations_members(channel=channel_id, limit=200):
                members.extend(page["members"])
        except CALL_ERRORS as error:
            raise chat_failure(error) from None
        return [m for m in members if m != self._bot_user_id()]

    def _bot_user_id(self) -> str | None:
        with self._lock:
            if "bot" not in self._users:
                try:
                    self._users["bot"] = self.client.auth_test()["user_id"]
                except CALL_ERRORS:
                    return None
            return self._users["bot"]

    def invite_to_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._post(self._dm(user_id), debrief_views.invitation(crisis, debrief), f"debrief:{debrief.id}:invite",
                   user_id)

    def remind_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._post(self._dm(user_id), debrief_views.invitation(crisis, debrief, reminder=True),
                   f"debrief:{debrief.id}:reminder", user_id)

    def _dm(self, user_id: str) -> str:
        """The DM channel, opened first: that fails for people who left or block DMs (Slack still accepts
        chat.postMessage to a deactivated user)."""
        return self._call("conversations.open", users=user_id)["channel"]["id"]

    def upload_report(self, crisis: Crisis, markdown: str, html: str, chart: bytes | None) -> str:
        name = f"{crisis.channel_name or 'crisis'}-report"
        with speaking_to_all():
            titles = {kind: plain(msg(f"report.file.{kind}", title=crisis.title)) for kind in ("md", "html", "png")}
        uploads = [{"content": markdown, "filename": f"{name}.md", "title": titles["md"]},
                   {"content": html, "filename": f"{name}.html", "title": titles["html"]}]
        if chart:
            uploads.append({"file": chart, "filename": f"{name}.png", "title": titles["png"]})
        try:
            sent = self.client.files_upload_v2(channel=crisis.channel_id, file_uploads=uploads)
        except CALL_ERRORS as error:
            raise chat_failure(error) from None
        files = sent.get("files") or []
        return next((f["id"] for f in files if str(f.get("name", "")).endswith(".html")), files[0]["id"] if files else "")

    def is_person(self, user_id: str) -> bool | None:
        try:
            user = self.client.users_info(user=user_id)["user"]
        except CALL_ERRORS as error:
            if isinstance(error, SlackApiError) and error.response.get("error") in ("user_not_found",
                                                                                     "user_not_visible"):
                return False
            log.info("cannot tell whether %s is a person: %s", user_id, _reason(error))
            return None
        return not (user.get("deleted") or user.get("is_bot"))

    def names(self, ids: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for some_id in ids:
            try:
                if some_id[:1] in ("C", "G"):
                    found[some_id] = self.client.conversations_info(channel=some_id)["channel"]["name"]
                elif some_id[:1] in ("U", "W"):
                    user = self.client.users_info(user=some_id)["user"]
                    found[some_id] = user.get("real_name") or user.get("name") or some_id
            except CALL_ERRORS as error:
                log.info("no name for %s: %s", some_id, _reason(error))
        return found

    def archive(self, channel_id: str) -> None:
        try:
            self.client.conversations_archive(channel=channel_id)
        except CALL_ERRORS as error:
            if _reason(error) != "already_archived":
                raise chat_failure(error) from None

    # --- mention monitor ---------------------------------------------------------------------

    def post_spike_warning(self, channel_id: str, warning: SpikeWarning) -> str:
        ts = self._post(channel_id, monitor_views.spike_warning(warning), f"alert:{warning.alert.id}")
        self._upload(channel_id, monitor_views.warning_chart(warning))
        return ts

    def update_spike_warning(self, channel_id: str, ref: str, warning: SpikeWarning) -> None:
        self._update(channel_id, ref, monitor_views.spike_warning(warning))

    def post_monitor_update(self, channel_id: str, picture: TermPicture) -> None:
        self.post(channel_id, monitor_views.monitor_update(picture))

    def send_pulse(self, user_id: str, picture: TermPicture) -> None:
        dm = self._dm(user_id)
        self._post(dm, monitor_views.pulse(picture), reader=user_id)
        self._upload(dm, monitor_views.pulse_chart(picture), user_id)

    def _upload(self, channel_id: str, chart: monitor_views.Chart, reader: str | None = None) -> None:
        """Charts go up with Slack's external upload flow (files_upload_v2); a failure loses only the chart."""
        with self._voice(reader):
            png, title = monitor_chart(chart), plain(chart.title)
        try:
            self.client.files_upload_v2(channel=channel_id, file=png, filename="chart.png", title=title)
        except CALL_ERRORS as error:
            log.warning("chart upload to %s failed: %s", channel_id, _reason(error))
