"""Token checks: 401 for missing, malformed or expired tokens, IPP 12027 without a licence,
403 without a read scope."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from gateway.simulator import (
    COMPANY_A_TENANT,
    UNLICENSED_TENANT,
    Simulator,
    SimulatorConfig,
    demo_token,
    signed_token,
)

DENIED = {"message": "Authorization has been denied for this request."}


def encode(part: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer not-a-jwt",
        "Bearer a.b.c",
        f"Bearer {encode({'alg': 'none'})}.{encode(['list'])}.c2lt",
        f"Bearer {encode({'alg': 'none'})}.{encode({'tenant_id': COMPANY_A_TENANT})}.c2lt",
        # A's claims with a signature the simulator did not make: a forged token.
        "Bearer " + demo_token(COMPANY_A_TENANT).rsplit(".", 1)[0] + ".c2lt",
        f"Bearer {demo_token(COMPANY_A_TENANT, expires_at=1_700_000_000)}",
    ],
)
async def test_unusable_tokens_are_denied(
    anon: httpx.AsyncClient, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = await anon.get("/v1/supplier", headers=headers)

    assert response.status_code == 401
    assert response.json() == DENIED
    assert response.headers["www-authenticate"] == "Bearer"
    assert "x-ratelimit-limit" not in response.headers


async def test_expiry_follows_the_wall_clock() -> None:
    sim = Simulator(SimulatorConfig(wall_clock=lambda: 2_000_000_000.0))
    token = demo_token(COMPANY_A_TENANT, expires_at=1_999_999_999)
    transport = httpx.ASGITransport(app=sim.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim") as client:
        response = await client.get("/v1/supplier", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 401


@pytest.mark.parametrize("tenant", [UNLICENSED_TENANT, "00000000-0000-0000-0000-000000000000"])
async def test_tenant_without_licence_gets_ipp_12027(anon: httpx.AsyncClient, tenant: str) -> None:
    headers = {"Authorization": f"Bearer {demo_token(tenant)}"}

    response = await anon.get("/v1/supplier", headers=headers)

    assert response.status_code == 401
    body = response.json()
    assert body["ExceptionType"] == "IPPException"
    assert body["ExceptionMessage"] == "No license for this company"
    assert body["ExceptionFaultCode"] == "12027"
    assert body["ExceptionMessageID"].startswith("12027_")
    assert body["ExceptionDetails"] == ""


async def test_token_without_read_scope_is_forbidden(anon: httpx.AsyncClient) -> None:
    token = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_interactive_api:create"])

    response = await anon.get("/v1/supplier", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 403
    assert response.json()["message"].startswith("VismaId: ")
    assert response.json()["message"].endswith("The token does not grant access to this resource.")
    assert response.headers["x-ratelimit-policy"] == "4-fixed-window"


async def test_service_api_read_scope_is_enough(anon: httpx.AsyncClient) -> None:
    token = demo_token(COMPANY_A_TENANT, scopes=["vismanet_erp_service_api:read"])

    response = await anon.get("/v1/supplier/10001", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


async def test_scope_claim_as_a_json_array_is_understood(anon: httpx.AsyncClient) -> None:
    claims: dict[str, object] = {
        "tenant_id": COMPANY_A_TENANT,
        "client_id": "array-client",
        "scope": ["openid", "vismanet_erp_interactive_api:read"],
        "exp": 4102444800,
    }
    token = signed_token(claims)

    response = await anon.get("/v1/supplier/10001", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_demo_tokens_are_deterministic_signed_jwts() -> None:
    token = demo_token(COMPANY_A_TENANT, subject="alice", client_id="bench")
    header, payload, signature = token.split(".")

    assert token == demo_token(COMPANY_A_TENANT, subject="alice", client_id="bench")
    assert "=" not in token
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["tenant_id"] == COMPANY_A_TENANT
    assert claims["sub"] == "alice"
    assert claims["client_id"] == "bench"
    assert claims["scope"].split() == [
        "vismanet_erp_interactive_api:read",
        "vismanet_erp_interactive_api:create",
        "vismanet_erp_interactive_api:update",
        "vismanet_erp_interactive_api:delete",
    ]
    assert claims["exp"] == 4102444800
    assert isinstance(claims["iat"], int)
    assert len(base64.urlsafe_b64decode(signature + "=")) == 32  # HMAC-SHA256
