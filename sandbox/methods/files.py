"""Web API files: the external upload flow (get an upload URL, POST the bytes there, complete) and files.info."""

from __future__ import annotations

import mimetypes
from typing import Any

from sandbox.workspace import SlackError, Workspace


def describe(ws: Workspace, record: dict[str, Any]) -> dict[str, Any]:
    """A file as the Web API shows it (without its bytes)."""
    name = record["name"]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
    shares: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for channel_id, ts in record["shares"]:
        conv = ws.conversations[channel_id]
        shares.setdefault("private" if conv.is_private or conv.is_im else "public", {}).setdefault(
            channel_id, []).append({"ts": ts, "channel_name": conv.name or "", "team_id": ws.team_id})
    url = f"{ws.base_url}files/{record['user']}/{record['id']}/{name}"
    return {
        "id": record["id"], "created": record["created"], "timestamp": record["created"], "name": name,
        "title": record["title"], "mimetype": mimetypes.guess_type(name)[0] or "application/octet-stream",
        "filetype": extension, "pretty_type": extension.upper(), "user": record["user"], "user_team": ws.team_id,
        "editable": False, "size": len(record["content"] or b""), "mode": "hosted", "is_external": False,
        "external_type": "", "is_public": "public" in shares, "public_url_shared": False, "display_as_bot": False,
        "username": "", "url_private": url, "url_private_download": url + "?download=1", "permalink": url,
        "channels": [c for c, _ in record["shares"]], "groups": [], "ims": [], "shares": shares,
        "comments_count": 0, "alt_txt": record["alt_txt"],
    }


def get_upload_url(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    try:
        length = int(args["length"])
    except ValueError:
        raise SlackError("invalid_arguments") from None
    if length <= 0:
        raise SlackError("invalid_arguments")
    file_id, key = ws.new_id("F"), ws.new_secret(32)
    ws.files[file_id] = {"id": file_id, "name": str(args["filename"]), "title": str(args["filename"]),
                         "length": length, "alt_txt": args.get("alt_txt") or "", "created": int(ws.now()),
                         "user": ws.bot_user_id, "upload_key": key, "content": None, "completed": False,
                         "shares": []}
    return {"upload_url": f"{ws.base_url}upload/v1/{key}", "file_id": file_id}


def receive_upload(ws: Workspace, key: str, data: bytes) -> tuple[int, str]:
    """What the upload URL answers to the POSTed bytes: (HTTP status, body)."""
    record = next((f for f in ws.files.values() if f["upload_key"] == key and not f["completed"]), None)
    if record is None:
        return 404, "not_found"
    record["content"] = data
    return 200, f"OK - {len(data)}"


def complete_upload(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    """Completes the uploads and shares them, as one message with the files, into channel_id or channels."""
    items = args["files"]
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("id") for i in items):
        raise SlackError("invalid_arguments")
    records = [ws.files.get(str(item["id"])) for item in items]
    if any(r is None or r["content"] is None or r["completed"] for r in records):
        raise SlackError("file_not_found")
    targets = [str(args["channel_id"])] if args.get("channel_id") else []
    targets += [c.strip() for c in str(args.get("channels") or "").split(",") if c.strip()]
    conversations = [ws.visible_conversation(ref) for ref in targets]
    for conv in conversations:
        ws.require_member(conv)
    for record, item in zip(records, items):
        record["completed"] = True
        record["title"] = str(item.get("title") or record["name"])
    for conv in conversations:
        content = {"text": str(args.get("initial_comment") or "")}
        message = ws.post(conv, ws.bot_user_id, content, thread_ts=args.get("thread_ts") or None,
                          files=[describe(ws, r) for r in records])
        for record in records:
            record["shares"].append((conv.id, message["ts"]))
    return {"files": [{"id": r["id"], "title": r["title"]} for r in records]}


def info(ws: Workspace, args: dict[str, Any]) -> dict[str, Any]:
    record = ws.files.get(str(args["file"]))
    if record is None or not record["completed"]:
        raise SlackError("file_not_found")
    return {"file": describe(ws, record), "comments": [], "response_metadata": {"next_cursor": ""}}


METHODS = {
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
    "files.info": info,
}
