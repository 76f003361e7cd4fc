"""Who may post activities to /api/messages: a Bot Connector token checked as the Bot Framework documents it
(signature by a key of the connector's OpenID metadata, issuer, audience = our app id, expiry, the service URL
it was issued for), or nobody checked at all in the documented local/anonymous mode (no app id, for the Agents
Playground or a tunnel-less local run).

Why not the SDK's JwtTokenValidator: it hard-wires the JWKS addresses of the public clouds (so a test cannot
serve the keys on loopback), does not check the issuer unless told and leaves the service URL unchecked."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

log = logging.getLogger(__name__)

BOT_FRAMEWORK_OPENID = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
LEEWAY_SECONDS = 300
"""The clock skew the Bot Framework allows."""
METADATA_SECONDS = 24 * 3600
"""How long the metadata and keys are kept."""
REFETCH_SECONDS = 60
"""An unknown key id (a key rollover) fetches them again, at most once a minute (so forged ids cost nothing)."""


class Unauthorized(Exception):
    """The request carries no valid Bot Connector token; answered 401 and nothing else is done."""


@dataclass(frozen=True)
class AuthSettings:
    app_id: str
    """The bot's Entra app id (the token's audience). Empty: anonymous mode, only with `anonymous`."""
    anonymous: bool = False
    openid_url: str = BOT_FRAMEWORK_OPENID
    issuer: str = BOT_FRAMEWORK_ISSUER


class ConnectorAuth:
    def __init__(self, settings: AuthSettings) -> None:
        if not settings.app_id and not settings.anonymous:
            raise ValueError("Teams needs an app id, or the anonymous mode said out loud")
        self.settings = settings
        self._http = httpx.Client(timeout=10, follow_redirects=False)
        self._keys: dict[str, Any] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def check(self, authorization: str | None, service_url: str | None, channel_id: str | None) -> None:
        """Raise Unauthorized unless `authorization` is a valid connector token for this bot and service URL,
        signed by a key endorsed for the activity's channel (msteams)."""
        if self.settings.anonymous and not self.settings.app_id:
            return
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthorized("no bearer token")
        try:
            header = jwt.get_unverified_header(token)
            key, endorsements = self._key(str(header.get("kid")))
            claims = jwt.decode(token, key, algorithms=["RS256"],
                                audience=self.settings.app_id, issuer=self.settings.issuer, leeway=LEEWAY_SECONDS,
                                options={"require": ["exp", "iss", "aud"]})
        except (jwt.PyJWTError, ValueError, KeyError) as error:
            raise Unauthorized(f"bad token: {type(error).__name__}") from None
        if endorsements is not None and channel_id not in endorsements:
            raise Unauthorized("signing key not endorsed for the channel")
        issued_for = str(claims.get("serviceurl") or claims.get("serviceUrl") or "")
        if not issued_for or issued_for.rstrip("/") != (service_url or "").rstrip("/"):
            raise Unauthorized("token not issued for the activity's service URL")  # we would send our token there

    def _key(self, kid: str) -> tuple[Any, list[str] | None]:
        with self._lock:
            age = time.monotonic() - self._fetched_at
            if age > METADATA_SECONDS or (kid not in self._keys and age > REFETCH_SECONDS):
                self._refresh()
            if kid not in self._keys:
                raise KeyError("unknown key id")
            return self._keys[kid]

    def _refresh(self) -> None:
        try:
            metadata = self._get_json(self.settings.openid_url)
            keys = self._get_json(str(metadata["jwks_uri"]))["keys"]
        except (httpx.HTTPError, KeyError, TypeError, ValueError) as error:
            log.warning("could not read the Bot Connector's signing keys (%s)", type(error).__name__)
            return
        self._keys = {k["kid"]: (jwt.PyJWK(k, "RS256").key, k.get("endorsements"))
                      for k in keys if k.get("kid") and k.get("kty") == "RSA"}
        self._fetched_at = time.monotonic()

    def _get_json(self, url: str) -> Any:
        response = self._http.get(url)
        response.raise_for_status()
        return response.json()
