"""The fake Teams on loopback: one HTTP server answering the Bot Connector (/v3/...), its OpenID metadata and
keys (/botframework/...), the Entra token endpoint (/<tenant>/oauth2/v2.0/token) and Graph (/v1.0/...), with
injected faults (429 with Retry-After, 5xx) and every call recorded."""
from __future__ import annotations

import json
import secrets
import threading
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from teams_sandbox import connector, graph
from teams_sandbox.keys import CONNECTOR_ISSUER, SigningKey
from teams_sandbox.state import Answer, ConnectorError, GraphError, TeamsState

ALL_PERMISSIONS = frozenset(graph.NEEDS.values())
BOT_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"


class _Server(ThreadingHTTPServer, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class TeamsSandbox:
    """Start with `start()`; `base_url` is where the adapter's service URL, token, Graph and OpenID URLs point."""

    def __init__(self, *, app_id: str = "00000000-0000-0000-0000-0000000000b0", app_secret: str = "sandbox-secret",
                 tenant_id: str = "00000000-0000-0000-0000-00000000000t",
                 granted: frozenset[str] = ALL_PERMISSIONS) -> None:
        self.state = TeamsState(app_id, tenant_id, set(granted))
        self.app_secret = app_secret
        self.key = SigningKey()
        self._tokens: dict[str, str] = {}
        self._server: _Server | None = None
        self.base_url = ""

    # --- running ---------------------------------------------------------------------------------

    def start(self) -> TeamsSandbox:
        self._server = make_server("127.0.0.1", 0, self.app, server_class=_Server, handler_class=_QuietHandler)
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True, name="teams-sandbox").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def openid_url(self) -> str:
        return f"{self.base_url}/botframework/.well-known/openidconfiguration"

    # --- WSGI --------------------------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        headers: dict[str, str] = {}
        with self.state.lock:
            status, body = self._answer(method, path, raw, environ, headers)
            self.state.calls.append((method, path, status))
        data = json.dumps(body).encode()
        start_response(f"{status} {_REASONS.get(status, 'Status')}",
                       [("Content-Type", "application/json; charset=utf-8"), *headers.items()])
        return [data]

    def _answer(self, method: str, path: str, raw: bytes, environ: dict[str, Any],
                headers: dict[str, str]) -> Answer:
        if method == "GET" and path == "/botframework/.well-known/openidconfiguration":
            return 200, {"issuer": CONNECTOR_ISSUER, "jwks_uri": f"{self.base_url}/botframework/keys",
                         "id_token_signing_alg_values_supported": ["RS256"],
                         "token_endpoint_auth_methods_supported": ["private_key_jwt"]}
        if method == "GET" and path == "/botframework/keys":
            return 200, {"keys": [self.key.jwk()]}
        if method == "POST" and path.endswith("/oauth2/v2.0/token"):
            return self._token(raw)
        fault = self.state.draw_fault(method, path)
        if fault is not None:
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
            code = "TooManyRequests" if fault.status == 429 else "ServiceError"
            error = GraphError if path.startswith("/v1.0/") else ConnectorError
            return fault.status, error(fault.status, code, "Injected fault").body()
        if method == "PUT" and path.startswith("/v1.0/drives/"):
            try:
                self._authorised(environ, GRAPH_SCOPE)
                return graph.upload(self.state, path.removeprefix("/v1.0/"), raw, environ.get("CONTENT_TYPE", ""))
            except GraphError as error:
                return error.status, error.body()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            return 400, ConnectorError(400, "BadSyntax", "Invalid JSON").body()
        parts = [p for p in path.split("/") if p]
        try:
            if path.startswith("/v3/"):
                self._authorised(environ, BOT_SCOPE)
                return connector.handle(self.state, method, parts[1:], body, len(raw))
            if path.startswith("/v1.0/"):
                self._authorised(environ, GRAPH_SCOPE)
                return graph.handle(self.state, method, parts[1:], body, _select(environ))
        except GraphError as error:
            return error.status, error.body()
        return 404, {"error": {"code": "NotFound", "message": path}}

    def _token(self, raw: bytes) -> Answer:
        """Entra's client-credentials grant, as the adapter asks for a Bot Connector or a Graph token."""
        form = dict(parse_qsl(raw.decode("utf-8", "replace")))
        if form.get("client_id") != self.state.app_id or form.get("client_secret") != self.app_secret:
            return 401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret "
                                                                         "provided."}
        scope = form.get("scope", "")
        if form.get("grant_type") != "client_credentials" or scope not in (BOT_SCOPE, GRAPH_SCOPE):
            return 400, {"error": "invalid_request", "error_description": "AADSTS900144: bad grant or scope"}
        token = secrets.token_urlsafe(24)
        self._tokens[token] = scope
        return 200, {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}

    def _authorised(self, environ: dict[str, Any], scope: str) -> None:
        token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
        if self._tokens.get(token) != scope:
            if scope == GRAPH_SCOPE:
                raise GraphError(401, "InvalidAuthenticationToken", "Access token is empty or invalid.")
            raise ConnectorError(401, "Unauthorized", "Authorization has been denied for this request.")


_REASONS = {200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            413: "Payload Too Large", 429: "Too Many Requests", 500: "Internal Server Error",
            503: "Service Unavailable"}


def _select(environ: dict[str, Any]) -> tuple[str, ...]:
    """Graph's `$select=a,b` of the request's query, if any."""
    chosen = dict(parse_qsl(environ.get("QUERY_STRING", ""))).get("$select", "")
    return tuple(name for name in chosen.split(",") if name)
