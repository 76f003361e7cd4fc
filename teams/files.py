"""Files on Teams: a bot cannot attach files to a channel message, so the report goes where Teams keeps a channel's
files (its SharePoint folder, through Graph with Files.ReadWrite.All) and the room gets a card linking to them. A
group chat has no such folder: its files are refused with a reason the crisis room is told."""
from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from crisis.errors import ChatFailure
from teams.client import TeamsClient
from teams.conversations import Conversations


class ChannelFiles:
    def __init__(self, client: TeamsClient, conversations: Conversations, team_id: str | None) -> None:
        self.client, self.conversations, self.team_id = client, conversations, team_id

    def share(self, room: str, files: Sequence[tuple[str, bytes, str]]) -> list[tuple[str, str, str]]:
        """(item id, name, web URL) of each (name, bytes, content type) uploaded to the room's files folder;
        a file of the same name is replaced."""
        if not self.team_id or self.conversations.kind(room) not in ("channel", "private_channel"):
            raise ChatFailure("files_need_a_channel", permanent=True)
        folder = self.client.graph("GET", f"teams/{self.team_id}/channels/{quote(room, safe='')}/filesFolder")
        drive = folder["parentReference"]["driveId"]
        shared = []
        for name, content, content_type in files:
            item = self.client.graph_upload(f"drives/{drive}/items/{folder['id']}:/{quote(name)}:/content", content,
                                            content_type)
            shared.append((str(item["id"]), name, str(item.get("webUrl") or "")))
        return shared
