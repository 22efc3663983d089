""" "Sign in with Visma" end to end against the simulator's Visma Connect, over HTTP."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gateway.edge.oauth import COOKIE_NAME, SignIn, oauth_client
from gateway.settings import Settings
from gateway.simulator import Simulator
from gateway.simulator.connect import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, signed_in_token
from gateway.simulator.tokens import INTERACTIVE_SCOPES
from tests.conftest import Gateway, running

REDIRECT_URI = "http://gateway.test/auth/callback"
SETTINGS = Settings(
    oauth_client_id=DEMO_CLIENT_ID,
    oauth_client_secret=DEMO_CLIENT_SECRET,
    oauth_redirect_uri=REDIRECT_URI,
    oauth_authorize_url="http://visma-simulator.invalid/connect/authorize",
    oauth_token_url="http://visma-simulator.invalid/connect/token",
    session_secret="a test secret",
)


@pytest.fixture
async def gateway(sim: Simulator) -> AsyncIterator[Gateway]:
    async with running(sim, SETTINGS) as gateway:
        yield gateway


async def login(gateway: Gateway, **params: str) -> dict[str, str]:
    """Start a sign-in; the authorize request's parameters."""
    response = await gateway.client.get("/auth/login", params=params)
    assert response.status_code == 302
    assert response.headers["cache-control"] == "no-store"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/auth" in cookie
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == SETTINGS.oauth_authorize_url
    return {key: values[0] for key, values in parse_qs(location.query).items()}


async def approve(sim: Simulator, authorize: dict[str, str]) -> dict[str, str]:
    """The simulator's authorize endpoint; the callback's parameters it redirects with."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://connect.test"
    ) as browser:
        response = await browser.get("/connect/authorize", params=authorize)
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


async def test_sign_in_yields_a_token_the_gateway_accepts(
    gateway: Gateway, sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    authorize = await login(gateway)
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["redirect_uri"] == REDIRECT_URI
    assert authorize["client_id"] == DEMO_CLIENT_ID
    callback = await approve(sim, authorize)
    assert callback["state"] == authorize["state"]

    page = await gateway.client.get("/auth/callback", params=callback)
    assert page.status_code == 200, page.text
    assert page.headers["cache-control"] == "no-store"
    token = signed_in_token()
    assert token in page.text and "signed-in.js" in page.text
    assert f'{COOKIE_NAME}=""' in page.headers["set-cookie"]

    result = await gateway.query('{ supplier(number: "10001") { name } }', token=token)
    assert result["data"]["supplier"]["name"]
    assert sim.calls[-1].authorization == f"Bearer {token}"
    # httpx also logs the URLs this test requests as the browser; those are not the gateway's.
    browser = ("HTTP Request: GET http://gateway.test/", "HTTP Request: GET http://connect.test/")
    logged = [r.getMessage() for r in caplog.records if not r.getMessage().startswith(browser)]
    assert any("connect/token" in line for line in logged)
    secrets = (token, callback["code"], authorize["state"])
    assert [line for line in logged if any(secret in line for secret in secrets)] == []


async def test_the_redirect_uri_is_always_the_configured_one(gateway: Gateway) -> None:
    authorize = await login(gateway, redirect_uri="https://evil.example/steal")
    assert authorize["redirect_uri"] == REDIRECT_URI
    response = await gateway.client.get(
        "/auth/login", headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    )
    assert parse_qs(urlsplit(response.headers["location"]).query)["redirect_uri"] == [REDIRECT_URI]


async def test_a_callback_with_a_wrong_state_is_refused(gateway: Gateway, sim: Simulator) -> None:
    authorize = await login(gateway)
    callback = await approve(sim, authorize)
    cookie = gateway.client.cookies[COOKIE_NAME]

    wrong = await gateway.client.get("/auth/callback", params={**callback, "state": "forged"})
    assert wrong.status_code == 400 and "state" in wrong.text
    assert signed_in_token() not in wrong.text

    # The refused callback did not spend the code: with the right state it still works.
    gateway.client.cookies.set(COOKIE_NAME, cookie, domain="gateway.test", path="/auth")
    right = await gateway.client.get("/auth/callback", params=callback)
    assert right.status_code == 200 and signed_in_token() in right.text


async def test_a_callback_with_a_wrong_pkce_verifier_is_refused(
    gateway: Gateway, sim: Simulator
) -> None:
    authorize = await login(gateway)
    callback = await approve(sim, authorize)
    client = oauth_client(SETTINGS)
    assert client is not None
    forged = SignIn(client, SETTINGS.session_secret.encode()).seal(authorize["state"], "x" * 64)
    gateway.client.cookies.set(COOKIE_NAME, forged, domain="gateway.test", path="/auth")

    refused = await gateway.client.get("/auth/callback", params=callback)
    assert refused.status_code == 502
    assert signed_in_token() not in refused.text


async def test_a_callback_without_a_valid_cookie_is_refused(
    gateway: Gateway, sim: Simulator
) -> None:
    authorize = await login(gateway)
    callback = await approve(sim, authorize)
    signed = gateway.client.cookies[COOKIE_NAME]
    for cookie in (None, signed[:-2] + "00", "garbage"):
        gateway.client.cookies.clear()
        if cookie is not None:
            gateway.client.cookies.set(COOKIE_NAME, cookie, domain="gateway.test", path="/auth")
        refused = await gateway.client.get("/auth/callback", params=callback)
        assert refused.status_code == 400, cookie


async def test_an_expired_sign_in_is_refused(gateway: Gateway, sim: Simulator) -> None:
    authorize = await login(gateway)
    callback = await approve(sim, authorize)
    client = oauth_client(SETTINGS)
    assert client is not None
    stale = SignIn(client, SETTINGS.session_secret.encode()).seal(
        authorize["state"], "y" * 64, lifetime=-1
    )
    gateway.client.cookies.set(COOKIE_NAME, stale, domain="gateway.test", path="/auth")
    refused = await gateway.client.get("/auth/callback", params=callback)
    assert refused.status_code == 400 and "expired" in refused.text


async def test_no_sign_in_without_oauth_settings(sim: Simulator) -> None:
    async with running(sim, Settings()) as gateway:
        assert (await gateway.client.get("/auth/login")).status_code == 404
        page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
        assert '"signIn": false' in page.text


async def test_the_explorer_offers_sign_in_when_configured(gateway: Gateway) -> None:
    page = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    assert '"signIn": true' in page.text


CREATE = 'mutation { createSupplier(input: {name: "Ny AS"}) { supplier { number } } }'


async def signed_in(gateway: Gateway, sim: Simulator) -> str:
    """Sign in through the explorer's flow; the token the callback page hands the browser."""
    callback = await approve(sim, await login(gateway))
    page = await gateway.client.get("/auth/callback", params=callback)
    assert page.status_code == 200, page.text
    [token] = [
        t for t in (signed_in_token(), signed_in_token(INTERACTIVE_SCOPES)) if t in page.text
    ]
    return token


async def test_sign_in_asks_for_read_only_scopes_by_default(
    gateway: Gateway, sim: Simulator
) -> None:
    authorize = await login(gateway)
    assert authorize["scope"].split()[-1] == "vismanet_erp_interactive_api:read"

    token = await signed_in(gateway, sim)
    result = await gateway.query(CREATE, token=token)

    assert token == signed_in_token()
    [error] = result["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "vismanet_erp_interactive_api:create" in error["message"]


async def test_write_scopes_from_the_setting_let_a_signed_in_user_write(sim: Simulator) -> None:
    scopes = "openid " + " ".join(INTERACTIVE_SCOPES)
    async with running(sim, dataclasses.replace(SETTINGS, oauth_scopes=scopes)) as gateway:
        token = await signed_in(gateway, sim)
        result = await gateway.query(CREATE, token=token)

    assert token == signed_in_token(INTERACTIVE_SCOPES)
    assert result["data"]["createSupplier"]["supplier"]["number"] == "10263"
