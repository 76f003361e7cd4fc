"""The Teams client against the fake: tokens fetched once, and every refusal the one ChatFailure (403 and 404
permanent, 429 with its Retry-After, 5xx to be retried)."""
from __future__ import annotations

import pytest

from crisis.errors import ChatFailure, failure_reason
from crisis.i18n import render
from teams.client import Endpoints, TeamsClient


@pytest.fixture
def client(teams_sandbox):
    state = teams_sandbox.state
    endpoints = Endpoints(login=teams_sandbox.base_url, graph=teams_sandbox.base_url)
    return TeamsClient(state.app_id, teams_sandbox.app_secret, state.tenant_id, endpoints)


def test_tokens_are_fetched_once_per_scope(client, teams_sandbox):
    teams_sandbox.state.add_user("kim@acme.example", "Kim")
    client.graph("GET", "users/kim@acme.example")
    client.graph("GET", "users/kim@acme.example")
    tokens = [c for c in teams_sandbox.state.calls if c[1].endswith("/token")]
    assert len(tokens) == 1


@pytest.mark.parametrize("status, retry_after, permanent", [(429, 7, False), (503, None, False)])
def test_rate_limits_and_server_errors_are_retryable(client, teams_sandbox, status, retry_after, permanent):
    teams_sandbox.state.fail("GET", "/v1.0/users", status, retry_after=retry_after)
    with pytest.raises(ChatFailure) as caught:
        client.graph("GET", "users/nobody@acme.example")
    assert (caught.value.permanent, caught.value.retry_after) == (permanent, retry_after)


def test_missing_consent_is_a_permanent_forbidden(client, teams_sandbox):
    teams_sandbox.state.granted.clear()
    with pytest.raises(ChatFailure) as caught:
        client.graph("POST", "teams/t/channels", {"displayName": "x"})
    assert caught.value.reason == "Forbidden" and caught.value.permanent


def test_a_wrong_secret_is_a_permanent_token_failure(teams_sandbox):
    state = teams_sandbox.state
    client = TeamsClient(state.app_id, "wrong", state.tenant_id, Endpoints(login=teams_sandbox.base_url,
                                                                           graph=teams_sandbox.base_url))
    with pytest.raises(ChatFailure) as caught:
        client.graph("GET", "users/x")
    assert caught.value.reason == "token_invalid_client" and caught.value.permanent


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_a_dropped_connection_is_explained_without_naming_slack(locale):
    unreachable = Endpoints(login="http://127.0.0.1:9", graph="http://127.0.0.1:9")
    client = TeamsClient("app", "secret", "tenant", unreachable)
    with pytest.raises(ChatFailure) as caught:
        client.graph("GET", "users/x")
    assert caught.value.reason == "connection_error"
    for reason in ("connection_error", "timeout", "ratelimited", "cant_invite", "BadArgument"):
        assert "slack" not in render(failure_reason(reason), locale=locale).lower()
    assert "BadArgument" in render(failure_reason("BadArgument"), locale=locale)
