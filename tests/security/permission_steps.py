"""The permission tests' crew and checks: a sandbox team with a plan admin and an outsider, what a person was
told, and what the timeline recorded."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from handlers import ids
from sandbox.local_bot import LocalBot, SettableClock, start_local_bot, team_plan, team_plan_data
from tests.handlers.flows import last_view

ADMIN = ("zoe", "zoe@acme.example", "Zoe Admin")
OUTSIDER = ("mallory", "mallory@acme.example", "Mallory Stone")
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def start_crew(uow_factory, clock: SettableClock | None = None, **plan: Any) -> LocalBot:
    """The sandbox team; the plan names Zoe (by email) as its admin. Mallory is in the workspace and in no
    plan: she joins public channels like anyone could."""
    admins = plan.pop("admins", [ADMIN[1]])
    bot = start_local_bot(uow_factory, clock=clock or SettableClock(NOON),
                          plan=lambda users: team_plan(users, admins=admins, **plan))
    for key, (name, email, real) in (("admin", ADMIN), ("outsider", OUTSIDER)):
        bot.users[key] = bot.sandbox.add_user(name, email=email, real_name=real)
    return bot


def stop_crew(bot: LocalBot) -> None:
    bot.stop()
    assert bot.executor.failures == []


@contextmanager
def mastodon_crew(uow_factory, mastodon, folder: Path, **plan: Any) -> Iterator[LocalBot]:
    """The crew with the statement target "mastodon" on the fake instance (its token in a file in `folder`), and
    `plan`'s other sections; stopped on the way out (stop_crew)."""
    token = folder / "mastodon-token"
    token.write_text(mastodon.token)
    statements = team_plan_data({k: "U0" for k in ("lead", "lead_backup", "comms", "comms_backup", "legal",
                                                   "social")})["statements"]
    statements["targets"] = {"mastodon": {"publisher": {"type": "mastodon", "instance": mastodon.url,
                                                        "token_file": str(token)}}}
    local = start_crew(uow_factory, statements=statements, **plan)
    yield local
    stop_crew(local)


def join(bot: LocalBot, who: str, channel: str) -> None:
    """`who` joins the (public) channel."""
    _, answer, _ = bot.sandbox.call("conversations.invite", {"channel": channel, "users": bot.users[who]},
                                    bot.sandbox.token)
    assert answer["ok"], answer


def told(bot: LocalBot, who: str) -> list[str]:
    """What only `who` saw (ephemeral replies), oldest first."""
    return [m.get("text", "") for m in bot.sandbox.ephemeral_messages(bot.users[who])]


def refused(bot: LocalBot, who: str, phrase: str) -> None:
    """`who` was told why, in one ephemeral line."""
    texts = told(bot, who)
    assert texts and phrase in texts[-1], texts[-1:] or "nothing was said"
    assert "\n" not in texts[-1]


def four_eyes_refusals(bot: LocalBot, channel: str, ts: str, approve: str, own: str) -> None:
    """On the card at `ts`, the outsider who asked is refused (told `own`), and so are the social-media manager, the
    crisis lead and the admin (no role the rule names); then the comms lead's approval counts."""
    bot.click("outsider", channel, ts, approve)
    refused(bot, "outsider", own)
    for who in ("social", "lead", "admin"):
        bot.click(who, channel, ts, approve)
        refused(bot, who, "Only the holders of")
    bot.click("comms", channel, ts, approve)


def timeline(bot: LocalBot, channel: str) -> list[tuple[str, str | None]]:
    with bot.ports.uow() as uow:
        crisis = uow.crises.by_channel(channel)
        return [(e.kind.value, e.actor) for e in uow.timeline.for_crisis(crisis.id)]


def crisis_in(bot: LocalBot, channel: str):
    with bot.ports.uow() as uow:
        return uow.crises.by_channel(channel)


def close(bot: LocalBot, channel: str, who: str = "lead") -> None:
    bot.command(who, "close", channel)
    bot.submit(who, last_view(bot)["id"], {ids.RESOLUTION_BLOCK: {ids.RESOLUTION_INPUT: "Apology posted"}})


def message_with(bot: LocalBot, channel: str, action_id: str) -> dict[str, Any]:
    return next(m for m in reversed(bot.sandbox.messages(channel)) if action_id in json.dumps(m))
