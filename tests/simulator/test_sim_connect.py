"""The simulator's minimal Visma Connect: code flow checks of client, redirect URI and PKCE."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gateway.edge.oauth import pkce_challenge
from gateway.simulator import Simulator
from gateway.simulator.connect import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, signed_in_token

REDIRECT = "http://app.test/auth/callback"
VERIFIER = "v" * 50


@pytest.fixture
async def connect() -> AsyncIterator[httpx.AsyncClient]:
    sim = Simulator()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://connect.test"
    ) as client:
        yield client


async def code_for(client: httpx.AsyncClient, redirect: str = REDIRECT) -> str:
    response = await client.get(
        "/connect/authorize",
        params={
            "response_type": "code",
            "client_id": DEMO_CLIENT_ID,
            "redirect_uri": redirect,
            "state": "s1",
            "code_challenge": pkce_challenge(VERIFIER),
            "code_challenge_method": "S256",
            "scope": "openid vismanet_erp_interactive_api:read",
        },
    )
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["location"]).query)
    assert query["state"] == ["s1"]
    return query["code"][0]


async def exchange(client: httpx.AsyncClient, issued: str, **changes: str) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": issued,
        "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER,
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_CLIENT_SECRET,
        **changes,
    }
    return await client.post("/connect/token", data=form)


async def test_a_code_is_exchanged_once_for_a_token(connect: httpx.AsyncClient) -> None:
    code = await code_for(connect)
    first = await exchange(connect, code)
    assert first.status_code == 200
    assert first.json()["access_token"] == signed_in_token()
    assert first.json()["token_type"] == "Bearer"
    again = await exchange(connect, code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("changes", "status", "error"),
    [
        ({"code_verifier": "w" * 50}, 400, "invalid_grant"),
        ({"redirect_uri": "http://app.test/other"}, 400, "invalid_grant"),
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"code": "forged.code"}, 400, "invalid_grant"),
    ],
)
async def test_the_token_endpoint_refuses(
    connect: httpx.AsyncClient, changes: dict[str, str], status: int, error: str
) -> None:
    code = await code_for(connect)
    response = await exchange(connect, code, **changes)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert "access_token" not in response.json()


async def test_authorize_refuses_unknown_clients_and_plain_pkce(
    connect: httpx.AsyncClient,
) -> None:
    base = {
        "response_type": "code",
        "client_id": DEMO_CLIENT_ID,
        "redirect_uri": REDIRECT,
        "state": "s",
        "code_challenge": "c",
        "code_challenge_method": "S256",
    }
    for changes in ({"client_id": "other"}, {"code_challenge_method": "plain"}, {"state": ""}):
        response = await connect.get("/connect/authorize", params={**base, **changes})
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"
