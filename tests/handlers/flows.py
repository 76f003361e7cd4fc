"""Steps of a crisis as people take them in Slack, shared by the end-to-end tests."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from handlers import ids
from sandbox.local_bot import LocalBot, SettableClock, start_local_bot, team_plan, team_plan_data

OPEN_VALUES = {
    ids.SEVERITY_BLOCK: {ids.SEVERITY_INPUT: {"type": "static_select", "selected_option": {"value": "SEV2"}}},
    ids.KIND_BLOCK: {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": "offensive_post"}}},
    ids.DESCRIPTION_BLOCK: {ids.DESCRIPTION_INPUT: "A video of our ad is going viral for the wrong reasons"},
    ids.LINK_BLOCK: {ids.LINK_INPUT: {"type": "url_text_input", "value": "https://example.com/post/1"}},
}


def last_view(bot) -> dict[str, Any]:
    return bot.sandbox.views_opened()[-1]


def open_crisis(bot, title: str = "Offensive ad video", who: str = "opener", channel: str = "general",
                severity: str = "SEV2", kind: str = "offensive_post") -> dict[str, Any]:
    """/crisis open, then submit the modal; returns the crisis channel as the sandbox has it."""
    status, _ = bot.command(who, f"open {title}", channel)
    assert status == 200
    view = last_view(bot)
    values = dict(OPEN_VALUES)
    values[ids.TITLE_BLOCK] = {ids.TITLE_INPUT: title}
    values[ids.SEVERITY_BLOCK] = {ids.SEVERITY_INPUT: {"type": "static_select",
                                                        "selected_option": {"value": severity}}}
    values[ids.KIND_BLOCK] = {ids.KIND_INPUT: {"type": "static_select", "selected_option": {"value": kind}}}
    status, body = bot.submit(who, view["id"], values)
    assert status == 200, body
    channels = [c for c in bot.sandbox.calls_to("conversations.create") if c.response.get("ok")]
    return channels[-1].response["channel"]


def messages_with_button(bot, channel: str, action_id: str) -> list[dict[str, Any]]:
    return [m for m in bot.sandbox.messages(channel)
            if any(e.get("action_id") == action_id for b in m.get("blocks", []) for e in b.get("elements", []))]


def page_to(bot, channel: str, user_key: str) -> dict[str, Any]:
    """The page message mentioning `user_key` in the crisis channel."""
    user = bot.users[user_key]
    return next(m for m in messages_with_button(bot, channel, ids.ACKNOWLEDGE) if f"<@{user}>" in json.dumps(m))


def replies_to(bot, user_key: str) -> list[str]:
    """Texts shown only to this person (ephemeral responses), oldest first."""
    user = bot.users.get(user_key, user_key)
    return [json.dumps(m) for m in bot.sandbox.ephemeral_messages(user)]


@contextmanager
def mastodon_bot(uow_factory, mastodon, **plan: Any) -> Iterator[LocalBot]:
    """A local bot whose plan has the statement target "mastodon" on the fake instance (its token in the
    environment), and `plan`'s other sections; on the way out no work after an ack may have failed."""
    def made(users):
        statements = team_plan_data(users)["statements"] | {"targets": {"mastodon": {"publisher": {
            "type": "mastodon", "instance": mastodon.url, "token_env": "ACME_MASTODON_TOKEN"}}}}
        return team_plan(users, statements=statements, **plan)

    local = start_local_bot(uow_factory, clock=SettableClock(), plan=made, sleep=lambda s: None,
                            tokens={"ACME_MASTODON_TOKEN": mastodon.token})
    yield local
    local.stop()
    assert local.executor.failures == []
