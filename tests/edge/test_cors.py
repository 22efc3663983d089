"""CORS: only the configured origins get CORS headers, with credentials; preflights work."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import TOKEN_A, Gateway, running

APP = "https://app.example"
OTHER = "https://evil.example"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type",
}


@pytest.fixture
async def cors_gateway(sim: Simulator) -> AsyncIterator[Gateway]:
    async with running(sim, Settings(cors_origins=(APP,))) as gateway:
        yield gateway


def cors_headers(headers: httpx.Headers) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower().startswith("access-control-")}


async def test_preflight_from_an_allowed_origin_is_answered_without_a_token(
    cors_gateway: Gateway,
) -> None:
    response = await cors_gateway.client.options("/graphql", headers={"Origin": APP, **PREFLIGHT})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP
    assert response.headers["access-control-allow-credentials"] == "true"
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert "POST" in response.headers["access-control-allow-methods"]
    assert cors_gateway.calls() == []


async def test_preflight_from_a_disallowed_origin_gets_no_cors_headers(
    cors_gateway: Gateway,
) -> None:
    response = await cors_gateway.client.options("/graphql", headers={"Origin": OTHER, **PREFLIGHT})
    assert response.status_code == 400
    assert cors_headers(response.headers) == {}


async def test_requests_from_an_allowed_origin_carry_the_origin_and_credentials(
    cors_gateway: Gateway,
) -> None:
    response = await cors_gateway.client.post(
        "/graphql",
        json={"query": '{ supplier(number: "10001") { name } }'},
        headers={"Origin": APP, "Authorization": f"Bearer {TOKEN_A}"},
    )
    assert response.status_code == 200 and response.json()["data"]["supplier"]["name"]
    assert response.headers["access-control-allow-origin"] == APP
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "Origin" in response.headers["vary"]


async def test_requests_from_other_origins_get_no_cors_headers(cors_gateway: Gateway) -> None:
    response = await cors_gateway.client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"Origin": OTHER, "Authorization": f"Bearer {TOKEN_A}"},
    )
    assert response.status_code == 200
    assert cors_headers(response.headers) == {}
    assert "Origin" in response.headers["vary"]


async def test_no_origin_is_allowed_by_default(gateway: Gateway) -> None:
    preflight = await gateway.client.options("/graphql", headers={"Origin": APP, **PREFLIGHT})
    assert cors_headers(preflight.headers) == {}
    response = await gateway.client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"Origin": APP, "Authorization": f"Bearer {TOKEN_A}"},
    )
    assert cors_headers(response.headers) == {}


# What Apollo Client and OpenTelemetry's fetch instrumentation add to a POST /graphql.
CLIENT_HEADERS = (
    "authorization, content-type, apollographql-client-name, apollographql-client-version, "
    "apollo-require-preflight, x-apollo-operation-name, traceparent, tracestate, baggage"
)


async def test_preflight_allows_the_headers_graphql_clients_and_tracing_send(
    cors_gateway: Gateway,
) -> None:
    response = await cors_gateway.client.options(
        "/graphql",
        headers={
            "Origin": APP,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": CLIENT_HEADERS,
        },
    )
    assert response.status_code == 200, response.text
    allowed = {h.strip() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {h.strip() for h in CLIENT_HEADERS.split(",")} <= {h.lower() for h in allowed}


async def test_responses_expose_www_authenticate_to_scripts(cors_gateway: Gateway) -> None:
    response = await cors_gateway.client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": APP}
    )
    assert response.status_code == 401
    assert response.headers["access-control-expose-headers"] == "WWW-Authenticate"


async def test_allowed_and_exposed_headers_come_from_the_settings(sim: Simulator) -> None:
    settings = Settings.from_env(
        {
            "GATEWAY_CORS_ORIGINS": APP,
            "GATEWAY_CORS_ALLOW_HEADERS": "Authorization, Content-Type, X-Tenant-Hint",
            "GATEWAY_CORS_EXPOSE_HEADERS": "WWW-Authenticate, X-Trace-Id",
        }
    )
    async with running(sim, settings) as gateway:
        custom = await gateway.client.options(
            "/graphql",
            headers={
                "Origin": APP,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, x-tenant-hint",
            },
        )
        apollo = await gateway.client.options(
            "/graphql",
            headers={
                "Origin": APP,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "apollographql-client-name",
            },
        )
        post = await gateway.client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"Origin": APP}
        )
    assert custom.status_code == 200
    assert apollo.status_code == 400
    assert post.headers["access-control-expose-headers"] == "WWW-Authenticate, X-Trace-Id"
