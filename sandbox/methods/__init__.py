"""The Web API methods the sandbox serves: method name -> function(workspace, args) -> the answer's fields."""

from __future__ import annotations

from typing import Any, Callable

from sandbox.methods import chat, conversations, files, users, views
from sandbox.workspace import Workspace

Method = Callable[[Workspace, dict[str, Any]], dict[str, Any]]

METHODS: dict[str, Method] = {
    **users.METHODS,
    **conversations.METHODS,
    **chat.METHODS,
    **views.METHODS,
    **files.METHODS,
}
