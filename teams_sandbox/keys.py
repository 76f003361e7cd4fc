"""The fake Bot Connector's signing key: its JWKS document and the tokens it puts on the activities it sends,
signed as the real one signs them (RS256, issuer https://api.botframework.com, audience = the bot's app id)."""
from __future__ import annotations

import json
import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CONNECTOR_ISSUER = "https://api.botframework.com"


_KEYS: dict[int, rsa.RSAPrivateKey] = {}
"""RSA keys made once per process (making one costs a few hundred milliseconds), by slot."""


class SigningKey:
    """An RSA key with a key id, as listed in the connector's JWKS. `slot` picks one of the process's keys:
    another slot is another key (a forger's), whatever the key id says."""

    def __init__(self, kid: str | None = None, *, slot: int = 0) -> None:
        self.kid = kid or uuid.uuid4().hex
        if slot not in _KEYS:
            _KEYS[slot] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._private = _KEYS[slot]

    def jwk(self) -> dict[str, Any]:
        key = json.loads(RSAAlgorithm.to_jwk(self._private.public_key()))
        return {**key, "kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": ["msteams"]}

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self._private, algorithm="RS256", headers={"kid": self.kid})


def connector_token(key: SigningKey, *, app_id: str, service_url: str, issuer: str = CONNECTOR_ISSUER,
                    now: float | None = None, lifetime: float = 3600) -> str:
    """The bearer token the Bot Connector sends with an activity to the bot."""
    issued = time.time() if now is None else now
    return key.sign({"iss": issuer, "aud": app_id, "serviceurl": service_url, "nbf": int(issued),
                     "iat": int(issued), "exp": int(issued + lifetime)})
