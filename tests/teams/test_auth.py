"""Activities on /api/messages without a valid Bot Connector token: 401 and nothing done (no reply, no crisis,
no call to Teams). Keys are generated here and served by the fake connector's OpenID documents on loopback."""
from __future__ import annotations

import time

import pytest

from teams.auth import AuthSettings, ConnectorAuth, Unauthorized
from teams_sandbox.keys import SigningKey, connector_token
from teams_sandbox.server import TeamsSandbox

SERVICE = "https://smba.example/teams/"


def _token(sandbox, key=None, **changes):
    claims = dict(app_id=sandbox.state.app_id, service_url=SERVICE)
    claims.update(changes)
    return connector_token(key or sandbox.key, **claims)


@pytest.fixture(scope="module")
def connector():
    sandbox = TeamsSandbox().start()
    yield sandbox
    sandbox.stop()


@pytest.fixture
def auth(connector):
    return ConnectorAuth(AuthSettings(connector.state.app_id, openid_url=connector.openid_url))


def test_a_token_the_connector_signed_for_this_bot_passes(auth, connector):
    auth.check(f"Bearer {_token(connector)}", SERVICE, "msteams")


@pytest.mark.parametrize("case", ["missing", "not_bearer", "other_key", "same_kid_other_key", "audience",
                                  "issuer", "expired", "service_url", "channel", "garbage"])
def test_forged_or_wrong_tokens_are_refused(auth, connector, case):
    sandbox = connector
    header = {
        "missing": None,
        "not_bearer": f"Basic {_token(sandbox)}",
        "other_key": f"Bearer {_token(sandbox, SigningKey(slot=1))}",
        "same_kid_other_key": f"Bearer {_token(sandbox, SigningKey(kid=sandbox.key.kid, slot=1))}",
        "audience": f"Bearer {_token(sandbox, app_id='another-bot')}",
        "issuer": f"Bearer {_token(sandbox, issuer='https://evil.example')}",
        "expired": f"Bearer {_token(sandbox, now=time.time() - 7200)}",
        "service_url": f"Bearer {_token(sandbox, service_url='https://evil.example/')}",
        "channel": f"Bearer {_token(sandbox)}",
        "garbage": "Bearer not.a.jwt",
    }[case]
    with pytest.raises(Unauthorized):
        auth.check(header, SERVICE, "slack" if case == "channel" else "msteams")


def test_anonymous_mode_only_when_said_and_without_an_app_id(connector):
    ConnectorAuth(AuthSettings("", anonymous=True)).check(None, SERVICE, "msteams")
    with pytest.raises(ValueError):
        ConnectorAuth(AuthSettings(""))
    with_id = ConnectorAuth(AuthSettings("bot", anonymous=True, openid_url=connector.openid_url))
    with pytest.raises(Unauthorized):
        with_id.check(None, SERVICE, "msteams")


@pytest.mark.parametrize("token", [None, "forged"])
def test_the_endpoint_answers_401_and_does_nothing(local_teams, token):
    opener = local_teams.person("opener")
    forged = connector_token(SigningKey(kid=local_teams.sandbox.key.kid, slot=1), app_id=local_teams.sandbox.state.app_id,
                             service_url=f"{local_teams.sandbox.base_url}/")
    chat = local_teams.sandbox.state.personal_chat(opener.id).id
    response = opener.send({"type": "message", "text": "crisis open Printer fire"}, chat,
                           token="" if token is None else forged)
    assert response.status_code == 401
    assert [c for c in local_teams.sandbox.state.calls if not c[1].startswith("/botframework/")] == []
    with local_teams.bot.ports.uow() as uow:
        assert uow.crises.get(1) is None


def test_unknown_key_ids_do_not_make_the_bot_fetch_keys_each_time(auth, connector):
    before = len(connector.state.calls)
    for _ in range(3):
        with pytest.raises(Unauthorized):
            auth.check(f"Bearer {_token(connector, SigningKey(slot=1))}", SERVICE, "msteams")
    assert len(connector.state.calls) - before == 2, "the metadata and the keys, once"


def test_a_token_without_the_service_url_claim_is_refused(auth, connector):
    token = connector.key.sign({"iss": "https://api.botframework.com", "aud": connector.state.app_id,
                                "exp": int(time.time()) + 600})
    with pytest.raises(Unauthorized):
        auth.check(f"Bearer {token}", SERVICE, "msteams")
