"""Bearer tokens at the edge: parsing, principals and tenants; and the HTTP 401."""

from __future__ import annotations

import base64
import json
import logging

import pytest

from gateway.credentials import claim, credentials_from_header
from gateway.errors import Unauthenticated
from gateway.simulator import COMPANY_A_TENANT, FaultRule, demo_token
from tests.conftest import TOKEN_A, Gateway


def test_principal_is_a_digest_and_the_claimed_tenant_applies_once_proven() -> None:
    credentials = credentials_from_header(f"Bearer {TOKEN_A}")
    assert credentials.authorization == f"Bearer {TOKEN_A}"
    assert TOKEN_A not in credentials.principal and len(credentials.principal) == 64
    assert credentials.tenant == credentials.budget_key == credentials.principal
    assert not credentials.proven
    assert credentials.with_claims().tenant == COMPANY_A_TENANT
    assert TOKEN_A not in repr(credentials)


def test_two_users_of_one_company_share_the_tenant_not_the_principal() -> None:
    alice = credentials_from_header(f"Bearer {demo_token(COMPANY_A_TENANT, subject='alice')}")
    bob = credentials_from_header(f"Bearer {demo_token(COMPANY_A_TENANT, subject='bob')}")
    assert alice.with_claims().tenant == bob.with_claims().tenant
    assert alice.principal != bob.principal


def test_opaque_tokens_are_their_own_tenant() -> None:
    credentials = credentials_from_header("Bearer opaque-token-value")
    assert credentials.tenant == credentials.principal


@pytest.mark.parametrize(
    "token",
    [
        "a.b",
        "x.!!!.y",
        "h." + base64.urlsafe_b64encode(b"[1,2]").decode().rstrip("=") + ".s",
        "h." + base64.urlsafe_b64encode(json.dumps({"tenant_id": "a/b"}).encode()).decode() + ".s",
    ],
)
def test_tenant_claim_ignores_what_it_cannot_use(token: str) -> None:
    assert claim(token, "tenant_id") is None


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer a b",
        "Bearer tok\u00e9n",
        "Bearer " + "x" * 9000,
    ],
)
def test_malformed_headers_are_refused(header: str | None) -> None:
    with pytest.raises(Unauthenticated):
        credentials_from_header(header)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer a b"}],
)
async def test_operations_without_a_usable_token_get_401_before_any_call(
    gateway: Gateway, headers: dict[str, str]
) -> None:
    response = await gateway.client.post(
        "/graphql", json={"query": "{ suppliers { totalCount } }"}, headers=headers
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Authorization" in body["errors"][0]["message"]
    assert gateway.calls() == []


async def test_get_operations_need_a_token_too(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/graphql", params={"query": "{ suppliers { totalCount } }"}
    )
    assert response.status_code == 401
    assert gateway.calls() == []


async def test_graphiql_page_needs_no_token(gateway: Gateway) -> None:
    response = await gateway.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_a_token_visma_refuses_gives_unauthenticated(gateway: Gateway) -> None:
    result = await gateway.query("{ suppliers { totalCount } }", token="not-a-visma-token")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_tokens_of_one_company_never_share_cache_entries(gateway: Gateway) -> None:
    alice = demo_token(COMPANY_A_TENANT, subject="alice")
    bob = demo_token(COMPANY_A_TENANT, subject="bob")
    await gateway.query("{ suppliers(first: 5) { totalCount } }", token=alice)
    gateway.sim.reset_calls()

    result = await gateway.query("{ suppliers(first: 5) { totalCount } }", token=bob)

    assert result["extensions"]["upstream"]["calls"] == 1
    assert [c.authorization for c in gateway.calls()] == [f"Bearer {bob}"]


async def test_no_token_appears_in_the_logs(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    gateway.sim.add_fault(FaultRule(path_pattern=r"^/v1/purchaseorder$", status=500))
    await gateway.query(
        "{ suppliers(first: 5) { nodes { balance purchaseOrders { totalCount } } } }"
    )
    await gateway.query("{ suppliers { totalCount } }", token="not-a-visma-token")
    await gateway.post("{ suppliers { totalCount } }", token=None)

    assert caplog.records
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for secret in (TOKEN_A, TOKEN_A[:24], TOKEN_A[-24:], "not-a-visma-token"):
        assert secret not in text
