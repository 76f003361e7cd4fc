"""The sandbox workspace's state: users, conversations and their messages, ids and timestamps, and the story log."""

from __future__ import annotations

import base64
import random
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from sandbox.blockkit import MESSAGE_MAX_BLOCKS, BlocksFormatError, block_errors, render_message
from crisis.i18n import msg
from sandbox.transcript import Entry, said

ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_MESSAGE_CHARS = 40_000
MRKDWN_ENTITY = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


class SlackError(Exception):
    """A call Slack refuses: `{"ok": false, "error": error, **extra}`."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass
class User:
    id: str
    name: str
    email: str | None
    real_name: str
    deleted: bool = False
    can_dm: bool = True
    is_bot: bool = False
    locale: str = "en-US"
    """The language the person chose in Slack; users.info shows it only with include_locale."""

    def to_api(self, team_id: str) -> dict[str, Any]:
        profile: dict[str, Any] = {"real_name": self.real_name, "display_name": self.name}
        if self.email:
            profile["email"] = self.email
        return {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "deleted": self.deleted,
            "real_name": self.real_name,
            "tz": "Etc/UTC",
            "is_bot": self.is_bot,
            "is_app_user": False,
            "profile": profile,
        }


@dataclass
class Conversation:
    id: str
    name: str | None  # None for a DM
    created: int
    creator: str
    is_private: bool = False
    im_user: str | None = None  # the person of a DM
    members: list[str] = field(default_factory=list)
    is_archived: bool = False
    topic: str = ""
    purpose: str = ""
    messages: list[dict[str, Any]] = field(default_factory=list)
    pins: list[str] = field(default_factory=list)
    bookmarks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_im(self) -> bool:
        return self.im_user is not None

    def to_api(self, bot_user_id: str, *, num_members: bool = False) -> dict[str, Any]:
        if self.is_im:
            return {"id": self.id, "created": self.created, "is_im": True, "is_org_shared": False,
                    "user": self.im_user, "is_archived": self.is_archived, "is_open": True}
        data: dict[str, Any] = {
            "id": self.id, "name": self.name, "name_normalized": self.name,
            "is_channel": not self.is_private, "is_group": False, "is_im": False, "is_mpim": False,
            "is_private": self.is_private, "created": self.created, "creator": self.creator,
            "is_archived": self.is_archived, "is_general": False, "is_shared": False, "is_ext_shared": False,
            "is_org_shared": False, "is_member": bot_user_id in self.members,
            "topic": {"value": self.topic, "creator": "", "last_set": 0},
            "purpose": {"value": self.purpose, "creator": "", "last_set": 0},
            "previous_names": [],
        }
        if num_members:
            data["num_members"] = len(self.members)
        return data


def _ts_string(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


class Workspace:
    """One Slack team as the bot sees it. Not thread-safe by itself: the sandbox holds one lock around it."""

    def __init__(self, *, team_id: str, team_name: str, bot_user_id: str, bot_name: str,
                 clock: Callable[[], float], seed: int) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = bot_user_id
        self.clock = clock
        self.base_url = ""  # http://host:port/ once the sandbox serves
        self._rng = random.Random(seed)
        self._ids: set[str] = set()
        self._last_micros = 0
        self.bot_id = self.new_id("B")
        self.app_id = self.new_id("A")
        self.users: dict[str, User] = {bot_user_id: User(bot_user_id, bot_name, None, bot_name, is_bot=True)}
        self.conversations: dict[str, Conversation] = {}
        self.scheduled: dict[str, dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.view_users: dict[str, str] = {}
        self.modal_stacks: dict[str, list[str]] = {}
        self.home_views: dict[str, str] = {}
        self.home_tab_enabled = True
        """The app manifest's `app_home.home_tab_enabled`: without it views.publish of a Home is not_enabled."""
        self.files: dict[str, dict[str, Any]] = {}
        self.triggers: dict[str, dict[str, Any]] = {}
        self.response_urls: dict[str, dict[str, Any]] = {}
        self.ephemerals: list[dict[str, Any]] = []
        self.responses: list[dict[str, Any]] = []
        self.entries: list[Entry] = []

    # --- ids, time, story ---------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def new_id(self, prefix: str, length: int = 10) -> str:
        """A fresh Slack-looking id: the prefix and `length` uppercase letters and digits."""
        while True:
            candidate = prefix + "".join(self._rng.choice(ID_ALPHABET) for _ in range(length))
            if candidate not in self._ids:
                self._ids.add(candidate)
                return candidate

    def new_secret(self, length: int = 24, alphabet: str = "0123456789abcdef") -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(length))

    def next_ts(self) -> str:
        """A message timestamp from the clock, strictly greater than any issued before."""
        self._last_micros = max(int(self.now() * 1_000_000), self._last_micros + 1)
        return _ts_string(self._last_micros)

    def log(self, where: str, who: str, lines: list[str] | tuple[str, ...]) -> None:
        """Add to the story, with mrkdwn mentions, links and dates shown as Slack shows them."""
        self.entries.append(Entry(self.now(), where, who, tuple(self.readable(line) for line in lines)))

    def log_edit(self, where: str, before: list[str], message: dict[str, Any], replaced: bool = False) -> None:
        """Add an edit (or a reply replacing the message) to the story: its first line, then only the lines that
        changed."""
        after = render_message(message)
        changed = [line for line in after[1:] if line not in before]
        head = msg("demo.log.replaced", line=after[0]) if replaced else msg("demo.log.edited", line=after[0])
        self.log(where, self.mention(self.bot_user_id), [said(head), *changed])

    def readable(self, text: str) -> str:
        """mrkdwn as a person reads it: <@U..> as @name, <#C..> as #name, <url|label> and dates as their label."""
        def entity(match: re.Match[str]) -> str:
            target, label = match.group(1), match.group(2)
            if target.startswith("@"):
                return self.mention(target[1:])
            if target.startswith("#"):
                conv = self.conversations.get(target[1:])
                return f"#{conv.name}" if conv and conv.name else f"#{label or target[1:]}"
            if target.startswith("!") and not label:
                return "@" + target[1:].split("^")[0]
            return label or target
        text = MRKDWN_ENTITY.sub(entity, text)
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

    def mention(self, user_id: str | None) -> str:
        """How a person shows in the story: @name (someone, when nobody in particular)."""
        if not user_id:
            return said(msg("demo.log.someone"))
        user = self.users.get(user_id)
        return f"@{user.name}" if user else f"@{user_id}"

    def where(self, conv: Conversation) -> str:
        return f"DM {self.mention(conv.im_user)}" if conv.is_im else f"#{conv.name}"

    # --- lookups ------------------------------------------------------------------------------

    def find_conversation(self, ref: str) -> Conversation | None:
        """A conversation by id, or by name with or without `#`."""
        if ref in self.conversations:
            return self.conversations[ref]
        name = ref.removeprefix("#")
        return next((c for c in self.conversations.values() if c.name == name), None)

    def visible_conversation(self, ref: Any) -> Conversation:
        """The conversation as the bot can see it: a private channel it is not in does not exist for it."""
        conv = self.find_conversation(str(ref or ""))
        if conv is None or (conv.is_private and self.bot_user_id not in conv.members):
            raise SlackError("channel_not_found")
        return conv

    def require_member(self, conv: Conversation) -> None:
        if self.bot_user_id not in conv.members:
            raise SlackError("not_in_channel")

    def require_active(self, conv: Conversation) -> None:
        if conv.is_archived:
            raise SlackError("is_archived")

    def find_message(self, conv: Conversation, ts: Any) -> dict[str, Any] | None:
        return next((m for m in conv.messages if m["ts"] == str(ts)), None)

    def dm_with(self, user_id: str) -> Conversation | None:
        return next((c for c in self.conversations.values() if c.im_user == user_id), None)

    def open_dm(self, user_id: str) -> Conversation:
        conv = self.dm_with(user_id)
        if conv is None:
            conv = Conversation(self.new_id("D"), None, int(self.now()), self.bot_user_id,
                                im_user=user_id, members=[self.bot_user_id, user_id])
            self.conversations[conv.id] = conv
        return conv

    # --- messages -----------------------------------------------------------------------------

    def post(self, conv: Conversation, author: str, content: dict[str, Any], *,
             thread_ts: str | None = None, files: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Add a message to a conversation (and to the story); returns it as the Web API shows it."""
        message: dict[str, Any] = {"type": "message", "user": author, "text": content.get("text", ""),
                                   "ts": self.next_ts(), "team": self.team_id}
        if author == self.bot_user_id:
            message.update(bot_id=self.bot_id, app_id=self.app_id)
        for key in ("blocks", "attachments", "metadata"):
            if content.get(key):
                message[key] = content[key]
        if files:
            message.update(files=files, upload=True)
        parent = self.find_message(conv, thread_ts) if thread_ts else None
        if thread_ts:
            message["thread_ts"] = str(thread_ts)
        if parent is not None:
            parent["thread_ts"] = parent["ts"]
            parent["reply_count"] = parent.get("reply_count", 0) + 1
            parent["latest_reply"] = message["ts"]
        conv.messages.append(message)
        lines = render_message(message)
        if thread_ts:
            lines[0] = said(msg("demo.log.in_thread", line=lines[0]))
        self.log(self.where(conv), self.mention(author), lines)
        return message

    def deliver_due_scheduled(self) -> None:
        """Post the scheduled messages whose time has come, as Slack would have."""
        now = self.now()
        for sid, item in sorted(self.scheduled.items(), key=lambda kv: kv[1]["post_at"]):
            if item["post_at"] <= now:
                del self.scheduled[sid]
                conv = self.conversations[item["channel_id"]]
                self.post(conv, item["author"], item["content"], thread_ts=item.get("thread_ts"))


def message_content(args: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    """The text/blocks/attachments of a message call, checked the way Slack checks them."""
    content = {key: args[key] for key in ("text", "blocks", "attachments", "metadata") if args.get(key)}
    if args.get("markdown_text"):
        if "text" in content or "blocks" in content:
            raise SlackError("markdown_text_conflict")
        content["text"] = args["markdown_text"]
    if "text" in content:
        content["text"] = str(content["text"])
    if required and not any(key in content for key in ("text", "blocks", "attachments")):
        raise SlackError("no_text")
    if len(content.get("text", "")) > MAX_MESSAGE_CHARS:
        raise SlackError("msg_too_long")
    if "blocks" in args:
        try:
            problems = block_errors(args["blocks"], most=MESSAGE_MAX_BLOCKS)
        except BlocksFormatError as bad:
            raise SlackError("invalid_blocks_format", response_metadata={"messages": [str(bad)]}) from None
        if problems:
            raise SlackError("invalid_blocks", response_metadata={"messages": problems})
    if "attachments" in content and not isinstance(content["attachments"], list):
        raise SlackError("invalid_attachments")
    if "metadata" in content:
        metadata = content["metadata"]
        if (not isinstance(metadata, dict) or not isinstance(metadata.get("event_type"), str)
                or not isinstance(metadata.get("event_payload"), dict)):
            raise SlackError("invalid_metadata_format")
    return content


def paginate(items: list[Any], args: dict[str, Any], *, default_limit: int = 100) -> tuple[list[Any], dict[str, Any]]:
    """One page of items per Slack's cursor pagination, and the `response_metadata` that points to the next."""
    cursor = str(args.get("cursor") or "")
    try:
        limit = int(args.get("limit") or default_limit)
    except ValueError:
        raise SlackError("invalid_limit") from None
    try:
        start = int(base64.b64decode(cursor).decode().removeprefix("offset:")) if cursor else 0
    except ValueError:
        raise SlackError("invalid_cursor") from None
    if not 0 <= start <= len(items):
        raise SlackError("invalid_cursor")
    end = start + max(1, min(limit, 1000))
    next_cursor = base64.b64encode(f"offset:{end}".encode()).decode() if end < len(items) else ""
    return items[start:end], {"next_cursor": next_cursor}
