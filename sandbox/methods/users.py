"""Web API methods about who is who: auth.test, team.info, users.info, users.lookupByEmail, users.list."""

from __future__ import annotations

from typing import Any

from sandbox.workspace import SlackError, Workspace, paginate


def auth_test(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    bot = ws.users[ws.bot_user_id]
    return {"url": ws.base_url, "team": ws.team_name, "user": bot.name, "team_id": ws.team_id,
            "user_id": bot.id, "bot_id": ws.bot_id, "is_enterprise_install": False}


def team_info(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    if args.get("team") not in (None, "", ws.team_id):
        raise SlackError("team_not_found")
    domain = ws.team_name.lower().replace(" ", "-")
    return {"team": {"id": ws.team_id, "name": ws.team_name, "domain": domain, "email_domain": "",
                     "icon": {"image_default": True}}}


def users_info(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    user = ws.users.get(str(args["user"]))
    if user is None:
        raise SlackError("user_not_found")
    shown = user.to_api(ws.team_id)
    if str(args.get("include_locale", "")).lower() in ("true", "1"):
        shown["locale"] = user.locale
    return {"user": shown}


def users_lookup_by_email(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    email = str(args["email"]).lower()
    user = next((u for u in ws.users.values() if u.email and u.email.lower() == email), None)
    if user is None:
        raise SlackError("users_not_found")
    return {"user": user.to_api(ws.team_id)}


def users_list(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    members, metadata = paginate([u.to_api(ws.team_id) for u in ws.users.values()], args)
    return {"members": members, "cache_ts": int(ws.now()), "response_metadata": metadata}


METHODS = {
    "auth.test": auth_test,
    "team.info": team_info,
    "users.info": users_info,
    "users.lookupByEmail": users_lookup_by_email,
    "users.list": users_list,
}
