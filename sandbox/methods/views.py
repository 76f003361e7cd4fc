"""Web API views.* methods: modals opened with a trigger id (3 s, once), pushed, updated, and Home tabs."""

from __future__ import annotations

import json
from typing import Any

from crisis.i18n import msg
from sandbox.blockkit import render_blocks, render_view, view_errors
from sandbox.transcript import said
from sandbox.workspace import SlackError, Workspace

TRIGGER_TTL_SECONDS = 3.0
MAX_MODAL_STACK = 3
MAX_VIEW_BYTES = 250_000


def issue_trigger_id(ws: Workspace, user_id: str | None) -> str:
    """A trigger id shaped like Slack's ("132456.7890123.abcdef..."), valid 3 s by the clock, usable once."""
    trigger_id = f"{ws.new_secret(13, '0123456789')}.{ws.new_secret(13, '0123456789')}.{ws.new_secret(32)}"
    ws.triggers[trigger_id] = {"issued_at": ws.now(), "user": user_id, "used": False}
    return trigger_id


def _trigger(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    trigger = ws.triggers.get(str(args.get("trigger_id") or args.get("interactivity_pointer")))
    if trigger is None:
        raise SlackError("invalid_trigger_id")
    if trigger["used"]:
        raise SlackError("exchanged_trigger_id")
    if ws.now() - trigger["issued_at"] > TRIGGER_TTL_SECONDS:
        raise SlackError("expired_trigger_id")
    return trigger


def _checked_view(ws: Workspace, args: dict[str, Any], kind: str, *, replacing: str | None = None) -> dict[str, Any]:
    view = args["view"]
    problems = view_errors(view) + _missing_files(ws, view)
    if not problems and view["type"] != kind:
        problems = [f"[ERROR] must be '{kind}' here [json-pointer:/view/type]"]
    if problems:
        raise SlackError("invalid_arguments", response_metadata={"messages": problems})
    if len(json.dumps(view)) > MAX_VIEW_BYTES:
        raise SlackError("view_too_large")
    external_id = view.get("external_id")
    if external_id and any(v["external_id"] == external_id and v["id"] != replacing for v in ws.views.values()):
        raise SlackError("duplicate_external_id")
    return view


def _missing_files(ws: Workspace, view: dict[str, Any]) -> list[str]:
    """Image blocks naming a `slack_file` by id that was never uploaded (or not completed)."""
    named = [(index, block["slack_file"]["id"]) for index, block in enumerate(view.get("blocks") or [])
             if isinstance(block, dict) and block.get("type") == "image"
             and isinstance(block.get("slack_file"), dict) and "id" in block["slack_file"]]
    return [f"[ERROR] invalid slack_file: no such file [json-pointer:/view/blocks/{index}/slack_file]"
            for index, file_id in named if not (ws.files.get(str(file_id)) or {}).get("completed")]


def _store(ws: Workspace, view: dict[str, Any], user_id: str | None, *, view_id: str | None = None,
           root: str | None = None, previous: str | None = None) -> dict[str, Any]:
    view_id = view_id or ws.new_id("V")
    stored = {
        "id": view_id, "team_id": ws.team_id, "type": view["type"], "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""), "callback_id": view.get("callback_id", ""),
        "state": {"values": {}}, "hash": f"{int(ws.now())}.{ws.new_secret(8)}", "title": view.get("title"),
        "clear_on_close": bool(view.get("clear_on_close")), "notify_on_close": bool(view.get("notify_on_close")),
        "close": view.get("close"), "submit": view.get("submit"), "previous_view_id": previous,
        "root_view_id": root or view_id, "app_id": ws.app_id, "external_id": view.get("external_id", ""),
        "app_installed_team_id": ws.team_id, "bot_id": ws.bot_id,
    }
    ws.views[view_id] = {key: value for key, value in stored.items() if value is not None or key == "previous_view_id"}
    ws.view_users[view_id] = user_id or ""
    return ws.views[view_id]


_DONE = {"opened": msg("demo.log.view_opened"), "pushed": msg("demo.log.view_pushed"),
         "updated": msg("demo.log.view_updated"), "published": msg("demo.log.view_published")}


def _log(ws: Workspace, view: dict[str, Any], verb: str) -> None:
    user = ws.mention(ws.view_users[view["id"]])
    done = said(_DONE[verb])
    if view["type"] == "home":
        ws.log(said(msg("demo.log.home_tab_of", user=user)), ws.mention(ws.bot_user_id),
               [f"{done}:", *render_blocks(view["blocks"])])
    else:
        ws.log(said(msg("demo.log.modal_for", user=user)), ws.mention(ws.bot_user_id), [f"{done} {render_view(view)}"])


def open_view(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    trigger = _trigger(ws, args)
    view = _checked_view(ws, args, "modal")
    trigger["used"] = True
    stored = _store(ws, view, trigger["user"])
    ws.modal_stacks[trigger["user"] or ""] = [stored["id"]]
    _log(ws, stored, "opened")
    return {"view": stored}


def push(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    trigger = _trigger(ws, args)
    stack = ws.modal_stacks.get(trigger["user"] or "", [])
    if not stack:
        raise SlackError("not_found")
    if len(stack) >= MAX_MODAL_STACK:
        raise SlackError("push_limit_reached")
    view = _checked_view(ws, args, "modal")
    trigger["used"] = True
    stored = _store(ws, view, trigger["user"], root=stack[0], previous=stack[-1])
    stack.append(stored["id"])
    _log(ws, stored, "pushed")
    return {"view": stored}


def update(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("view_id"):
        old = ws.views.get(str(args["view_id"]))
    else:
        old = next((v for v in ws.views.values() if v["external_id"] == args["external_id"]), None)
    if old is None:
        raise SlackError("not_found")
    if args.get("hash") and args["hash"] != old["hash"]:
        raise SlackError("hash_conflict")
    view = _checked_view(ws, args, old["type"], replacing=old["id"])
    stored = _store(ws, view, ws.view_users[old["id"]], view_id=old["id"], root=old["root_view_id"],
                    previous=old.get("previous_view_id"))
    _log(ws, stored, "updated")
    return {"view": stored}


def publish(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    user_id = str(args["user_id"])
    if not ws.home_tab_enabled and (args.get("view") or {}).get("type") == "home":
        raise SlackError("not_enabled")
    if user_id not in ws.users:
        raise SlackError("invalid_arguments", response_metadata={"messages": ["[ERROR] invalid user_id"]})
    old = ws.views.get(ws.home_views.get(user_id, ""))
    if old and args.get("hash") and args["hash"] != old["hash"]:
        raise SlackError("hash_conflict")
    view = _checked_view(ws, args, "home", replacing=old["id"] if old else None)
    stored = _store(ws, view, user_id, view_id=old["id"] if old else None)
    ws.home_views[user_id] = stored["id"]
    _log(ws, stored, "published")
    return {"view": stored}


def home_opened(ws: Workspace, user_id: str, tab: str) -> dict[str, Any]:
    """The `app_home_opened` event of a person opening the app's Home or Messages tab: with the app's direct
    conversation, and on the Home tab the view published for them before, if any."""
    event = {"type": "app_home_opened", "user": user_id, "channel": ws.open_dm(user_id).id, "tab": tab,
             "event_ts": f"{ws.now():.6f}"}
    view = ws.views.get(ws.home_views.get(user_id, ""))
    if tab == "home" and view is not None:
        event["view"] = view
    ws.log("Slack", ws.mention(user_id), [said(msg("demo.log.opened_tab", tab=tab.capitalize()))])
    return event


METHODS = {
    "views.open": open_view,
    "views.push": push,
    "views.update": update,
    "views.publish": publish,
}
