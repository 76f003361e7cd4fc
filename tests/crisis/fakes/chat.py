"""Chat platforms that record what the crisis asked of them: FakeChat can do everything (topics, pins,
scheduled messages), FakeBareChat only what every platform must; failures can be scripted per call."""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

from crisis.debrief.model import Debrief
from crisis.errors import ChannelNameTaken, ChatFailure
from crisis.i18n import Msg, render
from crisis.monitor.model import SpikeWarning
from crisis.monitor.pulse import TermPicture
from crisis.monitor.views import Chart
from crisis.plan import CrisisPlan
from crisis.room.model import (
    CardFacts,
    ChannelRef,
    Crisis,
    InviteFailure,
    Page,
    PageDelivery,
)
from crisis.statements.model import PausedPost, PressInquiry, Statement
from crisis.statements.ports import ScheduledPost
from crisis.views import Card


class FakeBareChat:
    """`calls` holds one tuple per thing done, in order: (what, details...); `named(what)` filters them.

    `fail[key]` lists failure reasons raised by the next calls with that key (a method's name, or
    "page:<user>", "invite_to_debrief:<user>", "remind_debrief:<user>" for one person), one per call."""

    def __init__(self, users: dict[str, str] | None = None, taken: Sequence[str] = ()) -> None:
        self.users = users or {}
        self.taken = set(taken)
        self.calls: list[tuple] = []
        self.post_keys: list[str] = []
        """Keys of the posts made with one (a post whose record was lost is sent again with the same)."""
        self.fail: dict[str, list[str | BaseException]] = {}
        self.refuse_invite: dict[str, str] = {}
        self.dm_refused: dict[str, str] = {}
        """People whose own chat refuses their page for good (the reason): it lands in the room only."""
        self.made: dict[str, ChannelRef] = {}
        """Channels the bot created, by name (others' names are only in `taken`)."""
        self.channels: dict[str, str | None] = {"#crisis-announce": "CANNOUNCE"}
        """Channel names people write -> ids; other #names resolve to C<NAME>, a name mapped to None is unknown."""
        self.members: dict[str, list[str]] = {}
        self.display_names: dict[str, str] = {}
        self.views: dict[str, tuple[str, str]] = {}
        """Prevention's posts by key: (conversation, ts)."""
        self._ts = itertools.count(1)

    def _maybe_fail(self, *keys: str) -> None:
        for key in keys:
            if self.fail.get(key):  # a reason, or the exception to raise
                failure = self.fail[key].pop(0)
                raise failure if isinstance(failure, BaseException) else ChatFailure(failure)

    def _new_ts(self) -> str:
        return f"1764061200.{next(self._ts):06d}"

    def named(self, kind: str) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind]

    def posted(self, channel_id: str | None = None) -> list[str]:
        """Catalog keys of the messages posted (to one channel, or anywhere), in order."""
        return [c[2] for c in self.named("post") if channel_id in (None, c[1])]

    # --- the room ---------------------------------------------------------------------------------

    def resolve_user(self, ref: str) -> str | None:
        return ref if ref.startswith("U") else self.users.get(ref)

    def resolve_channel(self, ref: str) -> str | None:
        if ref in self.channels:
            return self.channels[ref]
        return "C" + ref[1:].upper().replace("-", "") if ref.startswith("#") else ref

    def create_channel(self, name: str, *, private: bool) -> ChannelRef:
        self.calls.append(("create_channel", name, private))
        self._maybe_fail("create_channel")
        if name in self.taken:
            raise ChannelNameTaken(name)
        self.taken.add(name)
        self.made[name] = ChannelRef("C" + str(len(self.taken)).zfill(8), name)
        self._maybe_fail("create_channel:answer")  # made, and the answer never came back
        return self.made[name]

    def made_since(self, name: str, since: datetime) -> ChannelRef | None:
        return self.made.get(name)

    def invite(self, channel_id: str, user_ids: Sequence[str]) -> list[InviteFailure]:
        self.calls.append(("invite", channel_id, tuple(user_ids)))
        return [InviteFailure(u, self.refuse_invite[u]) for u in user_ids if u in self.refuse_invite]

    def post_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> str:
        self._maybe_fail("post_card")
        ts = self._new_ts()
        self.calls.append(("post_card", crisis.channel_id, ts, facts))
        return ts

    def update_card(self, crisis: Crisis, plan: CrisisPlan, facts: CardFacts) -> None:
        self._maybe_fail("update_card")
        self.calls.append(("update_card", crisis.channel_id, crisis.status.value, crisis.severity,
                           tuple((r.role, r.user_id, r.acked_by) for r in crisis.roles), facts))

    def send_page(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> PageDelivery:
        self._maybe_fail(f"page:{page.user_id}")
        self.calls.append(("page", page.user_id, page.role, page.level.value))
        if page.user_id in self.dm_refused:
            return PageDelivery(None, None, page.channel_ts or self._new_ts(), self.dm_refused[page.user_id])
        return PageDelivery("D" + page.user_id, self._new_ts(), self._new_ts())

    def mark_page_acknowledged(self, crisis: Crisis, plan: CrisisPlan, page: Page) -> None:
        self._maybe_fail("mark_page_acknowledged")
        self.calls.append(("page_acked", page.user_id, page.role))

    def post(self, channel_id: str, message: Msg, key: str | None = None) -> None:
        self._maybe_fail("post")
        self.calls.append(("post", channel_id, message.key, render(message)))
        if key is not None:
            self.post_keys.append(key)

    def channel_members(self, channel_id: str) -> list[str]:
        self._maybe_fail("channel_members")
        return list(self.members.get(channel_id, []))

    def archive(self, channel_id: str) -> None:
        self._maybe_fail("archive")
        self.calls.append(("archive", channel_id))

    def names(self, ids: Sequence[str]) -> dict[str, str]:
        self._maybe_fail("names")
        return {i: self.display_names[i] for i in ids if i in self.display_names}

    # --- statements, the press desk and paused brand posts ----------------------------------------

    def post_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> str:
        self._maybe_fail("post_statement")
        ts = self._new_ts()
        self.calls.append(("post_statement", statement.id, statement.state.value, statement.current.number, ts))
        return ts

    def update_statement(self, crisis: Crisis, plan: CrisisPlan, statement: Statement) -> None:
        self._maybe_fail("update_statement")
        self.calls.append(("update_statement", statement.id, statement.state.value, statement.current.number,
                           statement.message_ts))

    def post_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> str:
        self._maybe_fail("post_inquiry")
        ts = self._new_ts()
        self.calls.append(("post_inquiry", inquiry.id, inquiry.assignee, ts))
        return ts

    def update_inquiry(self, crisis: Crisis, inquiry: PressInquiry) -> None:
        self.calls.append(("update_inquiry", inquiry.id, inquiry.statement_id))

    def offer_paused_posts(self, user_id: str, crisis: Crisis, posts: Sequence[PausedPost]) -> None:
        self._maybe_fail("offer_paused_posts")
        self.calls.append(("offer_paused_posts", user_id, crisis.id, tuple(p.id for p in posts)))

    # --- the debrief ------------------------------------------------------------------------------

    def invite_to_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._maybe_fail(f"invite_to_debrief:{user_id}")
        self.calls.append(("invite_to_debrief", user_id, crisis.id))

    def remind_debrief(self, user_id: str, crisis: Crisis, debrief: Debrief) -> None:
        self._maybe_fail(f"remind_debrief:{user_id}")
        self.calls.append(("remind_debrief", user_id, crisis.id))

    def upload_report(self, crisis: Crisis, markdown: str, html: str, chart: bytes | None) -> str:
        self._maybe_fail("upload_report")
        file_id = f"F{next(self._ts):07d}"
        self.calls.append(("upload_report", crisis.channel_id, markdown, html, chart, file_id))
        return file_id

    # --- the monitor ------------------------------------------------------------------------------

    def post_spike_warning(self, channel_id: str, warning: SpikeWarning) -> str:
        self._maybe_fail("post_spike_warning")
        ts = self._new_ts()
        self.calls.append(("post_spike_warning", channel_id, warning, ts))
        return ts

    def update_spike_warning(self, channel_id: str, ref: str, warning: SpikeWarning) -> None:
        self._maybe_fail("update_spike_warning")
        self.calls.append(("update_spike_warning", channel_id, ref, warning))

    def post_monitor_update(self, channel_id: str, picture: TermPicture) -> None:
        self._maybe_fail("post_monitor_update")
        self.calls.append(("post_monitor_update", channel_id, picture))

    def send_pulse(self, user_id: str, picture: TermPicture) -> None:
        self.calls.append(("send_pulse", user_id, picture))

    # --- prevention -------------------------------------------------------------------------------

    def send_view(self, to: str, card: Card, key: str) -> tuple[str, str]:
        """A view posted once per key (a second post with the key finds the first); to a person: their DM."""
        self._maybe_fail("send_view", f"send_view:{to}")
        if key not in self.views:
            self.views[key] = ("D" + to if to.startswith("U") else to, self._new_ts())
            self.calls.append(("send_view", to, card, key) + self.views[key])
        return self.views[key]

    def edit_view(self, channel_id: str, ref: str, card: Card) -> None:
        self._maybe_fail("edit_view")
        self.calls.append(("edit_view", channel_id, ref, card))

    def last_view(self, key: str) -> Card:
        """The view last shown for the post with `key` (sent, or edited since)."""
        channel, ts = self.views[key]
        shown = [c[2] for c in self.calls if c[0] == "send_view" and c[3] == key]
        shown += [c[3] for c in self.calls if c[0] == "edit_view" and (c[1], c[2]) == (channel, ts)]
        return shown[-1]


class FakeChat(FakeBareChat):
    """With every optional capability: Topics, Pins, ScheduledMessages, HomeTabs and People."""

    def __init__(self, users: dict[str, str] | None = None, taken: Sequence[str] = ()) -> None:
        super().__init__(users, taken)
        self.scheduled: dict[str, list[ScheduledPost]] = {}
        """Brand posts waiting in each channel's schedule."""
        self.not_people: set[str] = set()
        """Ids that are no person who can hold a role (unknown, deactivated, bots); a failure of "is_person" is
        the platform not answering."""

    def is_person(self, user_id: str) -> bool | None:
        self.calls.append(("is_person", user_id))
        try:
            self._maybe_fail("is_person")
        except ChatFailure:
            return None
        return user_id not in self.not_people

    def set_topic(self, channel_id: str, topic: Msg) -> None:
        self._maybe_fail("set_topic")
        self.calls.append(("set_topic", channel_id, render(topic)))

    def pin(self, channel_id: str, ref: str) -> None:
        self.calls.append(("pin", channel_id, ref))

    def show_home(self, user_id: str, card: Card, charts: Sequence[Chart] = ()) -> None:
        self._maybe_fail("show_home")
        self.calls.append(("show_home", user_id, card, tuple(charts)))

    def list_scheduled(self, channel_id: str) -> list[ScheduledPost]:
        self._maybe_fail("list_scheduled")
        return list(self.scheduled.get(channel_id, []))

    def delete_scheduled(self, channel_id: str, scheduled_id: str) -> None:
        self._maybe_fail("delete_scheduled")
        self.scheduled[channel_id] = [p for p in self.scheduled.get(channel_id, []) if p.id != scheduled_id]
        self.calls.append(("delete_scheduled", channel_id, scheduled_id))

    def schedule(self, channel_id: str, text: str, post_at: datetime) -> str:
        self._maybe_fail("schedule")
        post = ScheduledPost(f"Q{next(self._ts):07d}", channel_id, text, post_at)
        self.scheduled.setdefault(channel_id, []).append(post)
        self.calls.append(("schedule", channel_id, text, post_at))
        return post.id
