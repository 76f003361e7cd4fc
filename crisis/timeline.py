"""How each timeline event reads to a person: event -> catalog message."""
from __future__ import annotations

from datetime import datetime, timedelta

from crisis.errors import failure_reason
from crisis.events import EventKind, TimelineEvent
from crisis.i18n import Channel, Msg, Time, User, msg
from crisis.plan import CrisisPlan


def describe(event: TimelineEvent, plan: CrisisPlan) -> Msg:
    data = dict(event.data)
    params: dict[str, object] = {"actor": User(event.actor)}
    if "role" in data:
        params["role"] = plan.role_name(data["role"])
    for person in ("user", "to"):
        if person in data:
            params[person] = User(data[person])
    if "from" in data:
        if event.kind is EventKind.SEVERITY_CHANGED:
            params["old"], params["new"] = data["from"], data["to"]
        else:
            params["user"] = User(data["from"])
    if "level" in data:
        params["level"] = msg(f"page.level.{data['level']}")
    if "reason" in data:
        params["reason"] = failure_reason(data["reason"])
    for seconds_key, name in (("after_seconds", "after"), ("lasted_seconds", "lasted")):
        if seconds_key in data:
            params[name] = timedelta(seconds=data[seconds_key])
    if event.kind is EventKind.IMPACT_STARTED:
        params["at"] = Time(datetime.fromisoformat(data["at"]))
    if "channel" in data:
        params["channel"] = Channel(data["channel"])
    for plain in ("title", "severity", "text", "resolution", "target", "version", "note", "count", "outlet",
                  "statement", "ref", "channel_name", "error", "step", "takedown", "url", "amends",
                  "reply", "author", "account"):
        if plain in data:
            params[plain] = data[plain]
    if event.kind in (EventKind.POST_RESUMED, EventKind.POST_DISCARDED):  # a chat channel, or an account elsewhere
        params["where"] = params["channel"] if "channel" in params else data.get("account", "")
    if "step_key" in data:  # a shipped playbook step: its text in the reader's language
        params["text"] = msg(data["step_key"])
    return Msg(f"timeline.{event.kind.value}", params)
