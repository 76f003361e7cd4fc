"""The outgoing HTTP of the Teams adapter: Entra tokens (client credentials, cached), the Bot Connector's
conversation endpoints and the Microsoft Graph calls, each failure mapped to the one ChatFailure: `permanent`
for a refusal of the content or its target (4xx), `retry_after` for a 429, neither for 5xx and transport errors.

Synchronous on purpose: the chat port is called from the request and timer threads of our WSGI process. The
Agents SDK's ConnectorClient is aiohttp-based; driving it would need an event loop per call or a loop thread,
for the same four REST calls (its Activity schema is what we send: teams/activities.py)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import quote

import httpx

from crisis.errors import ChatFailure

BOT_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
TOKEN_MARGIN = 300
"""A token is renewed this many seconds before it expires."""


@dataclass(frozen=True)
class Endpoints:
    login: str = "https://login.microsoftonline.com"
    graph: str = "https://graph.microsoft.com"
    bot_tenant: str = "botframework.com"
    """The tenant the Bot Connector token comes from (a single-tenant bot: its own tenant id)."""


class TeamsClient:
    def __init__(self, app_id: str, secret: str, tenant_id: str, endpoints: Endpoints = Endpoints(), *,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.app_id, self._secret, self.tenant_id, self.endpoints = app_id, secret, tenant_id, endpoints
        self._http = httpx.Client(timeout=TIMEOUT, follow_redirects=False)
        self._tokens: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._now = now

    # --- Bot Connector ---------------------------------------------------------------------------

    def send(self, service_url: str, conversation_id: str, activity: dict[str, Any]) -> str:
        url = f"{_base(service_url)}/v3/conversations/{quote(conversation_id, safe='')}/activities"
        return str(self._call("POST", url, BOT_SCOPE, activity)["id"])

    def update(self, service_url: str, conversation_id: str, activity_id: str, activity: dict[str, Any]) -> None:
        url = (f"{_base(service_url)}/v3/conversations/{quote(conversation_id, safe='')}/activities/"
               f"{quote(activity_id, safe='')}")
        self._call("PUT", url, BOT_SCOPE, {**activity, "id": activity_id})

    def personal_conversation(self, service_url: str, user_object_id: str) -> str:
        """The bot's 1:1 conversation with a person (Teams keeps one; asking again returns it)."""
        body = {"bot": {"id": f"28:{self.app_id}"}, "isGroup": False, "tenantId": self.tenant_id,
                "members": [{"id": f"8:orgid:{user_object_id}"}],
                "channelData": {"tenant": {"id": self.tenant_id}}}
        return str(self._call("POST", f"{_base(service_url)}/v3/conversations", BOT_SCOPE, body)["id"])

    # --- Graph -------------------------------------------------------------------------------------

    def graph(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._call(method, f"{self.endpoints.graph}/v1.0/{path}", GRAPH_SCOPE, body)

    def graph_upload(self, path: str, content: bytes, content_type: str) -> dict[str, Any]:
        """A file's bytes PUT to a Graph path (a drive item's `:/name:/content`; up to 250 MB in one request)."""
        return self._call("PUT", f"{self.endpoints.graph}/v1.0/{path}", GRAPH_SCOPE, None,
                          content=(content, content_type))

    # --- plumbing ----------------------------------------------------------------------------------

    def _call(self, method: str, url: str, scope: str, body: dict[str, Any] | None,
              content: tuple[bytes, str] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._token(scope)}"}
        try:
            if content is not None:
                response = self._http.request(method, url, content=content[0],
                                              headers={**headers, "Content-Type": content[1]})
            else:
                response = self._http.request(method, url, json=body, headers=headers)
        except httpx.TransportError as error:
            raise transport_failure(error) from None
        if response.status_code >= 400:
            raise failure(response)
        return response.json() if response.content else {}

    def _token(self, scope: str) -> str:
        with self._lock:
            token, expires = self._tokens.get(scope, ("", 0.0))
            if token and self._now() < expires - TOKEN_MARGIN:
                return token
            tenant = self.endpoints.bot_tenant if scope == BOT_SCOPE else self.tenant_id
            try:
                response = self._http.post(f"{self.endpoints.login}/{tenant}/oauth2/v2.0/token", data={
                    "grant_type": "client_credentials", "client_id": self.app_id, "client_secret": self._secret,
                    "scope": scope})
            except httpx.TransportError as error:
                raise transport_failure(error) from None
            if response.status_code != 200:
                raise ChatFailure(f"token_{response.json().get('error', response.status_code)}",
                                  permanent=response.status_code in (400, 401))
            answer = response.json()
            self._tokens[scope] = (answer["access_token"], self._now() + float(answer.get("expires_in", 3599)))
            return answer["access_token"]


def transport_failure(error: httpx.TransportError) -> ChatFailure:
    """A request that got no answer, in the reasons the catalog explains: `timeout` or `connection_error`."""
    return ChatFailure("timeout" if isinstance(error, httpx.TimeoutException) else "connection_error")


def failure(response: httpx.Response) -> ChatFailure:
    """Bot Connector and Graph both answer {"error": {"code", "message"}}; the code is the reason."""
    try:
        error = response.json().get("error") or {}
        code = error.get("code") if isinstance(error, dict) else str(error)
    except ValueError:
        code = None
    reason = str(code or f"http_{response.status_code}")
    if response.status_code == 429:
        return ChatFailure(reason, retry_after=_seconds(response.headers.get("Retry-After")))
    return ChatFailure(reason, permanent=400 <= response.status_code < 500)


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _base(service_url: str) -> str:
    return service_url.rstrip("/")
