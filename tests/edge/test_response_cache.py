"""The response cache: repeated queries answered from kept responses, never past a change of
their data and never to another principal; ETag and 304 for GET, persisted queries included."""

from __future__ import annotations

import json
from typing import Any

import httpx
import orjson
import pytest

from gateway.edge.persisted_queries import query_hash
from gateway.events.webhooks import signature
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator, demo_token
from tests.conftest import TOKEN_A, TOKEN_B, Gateway, running
from tests.redis_server import REDIS_SERVER, RedisServer

SECRET = "webhook-signing-key"
SUPPLIER = '{ supplier(number: "10001") { number name } }'
LISTING = "{ suppliers(first: 20) { totalCount nodes { number name } } }"
UPDATE_SUPPLIER = """
mutation($number: String!, $input: UpdateSupplierInput!) {
  updateSupplier(number: $number, input: $input) { supplier { number name } }
}"""
OTHER_USER_A = demo_token(COMPANY_A_TENANT, subject="other-user")


@pytest.fixture
def settings() -> Settings:
    return Settings(webhook_secret=SECRET)


def kept(response: httpx.Response) -> str | None:
    extensions: dict[str, Any] = response.json()["extensions"]
    return extensions.get("responseCache")


def data_bytes(response: httpx.Response) -> bytes:
    """The body's ``data`` exactly as sent (extensions are the last member)."""
    body = response.content
    assert body.startswith(b'{"data":')
    return body[len(b'{"data":') : body.rindex(b',"extensions":')]


async def rename_at_visma(sim: Simulator, number: str, name: str) -> None:
    """Change a supplier at the upstream behind the gateway's back, as another client would."""
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://visma.test"
    ) as client:
        response = await client.put(
            f"/v1/supplier/{number}",
            json={"name": {"value": name}},
            headers={"Authorization": f"Bearer {TOKEN_A}"},
        )
    assert response.status_code == 204, response.text


async def announce(gateway: Gateway, number: str, notification: str = "n-1") -> None:
    """Visma's webhook for a changed supplier of company A."""
    raw = orjson.dumps(
        {
            "contextId": COMPANY_A_TENANT,
            "eventId": "supplier_changed",
            "action": "Updated",
            "resourceUri": f"https://api.finance.visma.net/v1/supplier/{number}",
        }
    )
    response = await gateway.client.post(
        "/webhooks/visma",
        content=raw,
        headers={
            "content-type": "application/json",
            "x-vwd-tenant-id": COMPANY_A_TENANT,
            "x-vwd-notification-id": notification,
            "x-vwd-signature-v1": signature(SECRET, raw),
        },
    )
    assert response.json() == {"status": "accepted"}


async def name_of_10001(gateway: Gateway, token: str = TOKEN_A) -> tuple[str, str | None]:
    response = await gateway.post(SUPPLIER, token=token)
    return response.json()["data"]["supplier"]["name"], kept(response)


async def test_a_repeated_query_is_answered_with_the_same_data_without_executing(
    gateway: Gateway,
) -> None:
    first = await gateway.post(LISTING)
    gateway.sim.reset_calls()

    second = await gateway.post(LISTING)

    assert (kept(first), kept(second)) == ("miss", "hit")
    assert data_bytes(second) == data_bytes(first)
    assert second.json()["data"]["suppliers"]["totalCount"] > 0
    assert gateway.sim.calls == []
    extensions = second.json()["extensions"]
    assert extensions["operationId"] != first.json()["extensions"]["operationId"]
    assert extensions["upstream"]["calls"] == 0
    assert second.headers["etag"] == first.headers["etag"]


async def test_a_webhook_that_changed_the_data_ends_the_kept_answer(gateway: Gateway) -> None:
    before, _ = await name_of_10001(gateway)
    await rename_at_visma(gateway.sim, "10001", "Renamed at Visma AS")
    # Until Visma announces the change, the answer is kept as the data cache is.
    assert await name_of_10001(gateway) == (before, "hit")

    await announce(gateway, "10001")

    assert await name_of_10001(gateway) == ("Renamed at Visma AS", "miss")
    assert await name_of_10001(gateway) == ("Renamed at Visma AS", "hit")


async def test_a_mutation_ends_the_kept_answers_of_every_user_of_the_company(
    gateway: Gateway,
) -> None:
    await name_of_10001(gateway, OTHER_USER_A)
    assert (await name_of_10001(gateway, OTHER_USER_A))[1] == "hit"

    changed = await gateway.query(
        UPDATE_SUPPLIER, variables={"number": "10001", "input": {"name": "Renamed here AS"}}
    )

    assert changed["data"]["updateSupplier"]["supplier"]["name"] == "Renamed here AS"
    assert await name_of_10001(gateway, OTHER_USER_A) == ("Renamed here AS", "miss")


async def test_an_answer_is_never_served_to_another_token_or_company(gateway: Gateway) -> None:
    await gateway.post(LISTING)
    assert kept(await gateway.post(LISTING)) == "hit"

    other_user = await gateway.post(LISTING, token=OTHER_USER_A)
    other_company = await gateway.post(LISTING, token=TOKEN_B)

    assert kept(other_user) == "miss"
    assert kept(other_company) == "miss"
    assert data_bytes(other_company) != data_bytes(other_user)


async def test_mutations_are_never_answered_from_the_cache(gateway: Gateway) -> None:
    variables = {"number": "10001", "input": {"name": "Same Name AS"}}
    for _ in range(2):
        result = await gateway.query(UPDATE_SUPPLIER, variables=variables)
        assert "responseCache" not in result["extensions"]

    puts = [c for c in gateway.calls() if c.method == "PUT"]
    assert len(puts) == 2


async def test_answers_with_errors_are_not_kept(gateway: Gateway) -> None:
    query = '{ node(id: "not-an-id") { id } }'
    for _ in range(2):
        result = await gateway.query(query)
        assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "responseCache" not in result["extensions"]


async def test_a_get_whose_etag_the_client_holds_is_answered_304(gateway: Gateway) -> None:
    auth = {"Authorization": f"Bearer {TOKEN_A}"}
    first = await gateway.client.get("/graphql", params={"query": SUPPLIER}, headers=auth)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "private"

    again = await gateway.client.get(
        "/graphql", params={"query": SUPPLIER}, headers={**auth, "If-None-Match": etag}
    )
    elsewhere = await gateway.client.get(
        "/graphql", params={"query": SUPPLIER}, headers={**auth, "If-None-Match": '"other"'}
    )

    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == "private"
    assert elsewhere.status_code == 200
    assert kept(elsewhere) == "hit"


async def test_the_etag_is_that_of_the_data_so_an_executed_answer_can_be_304(
    gateway: Gateway,
) -> None:
    auth = {"Authorization": f"Bearer {TOKEN_A}"}
    first = await gateway.client.get("/graphql", params={"query": SUPPLIER}, headers=auth)
    # A change of another supplier: 10001's answer is built again, with the same data.
    await announce(gateway, "10002")

    again = await gateway.client.get(
        "/graphql",
        params={"query": SUPPLIER},
        headers={**auth, "If-None-Match": first.headers["etag"]},
    )
    after_change = await gateway.client.get("/graphql", params={"query": SUPPLIER}, headers=auth)

    assert again.status_code == 304
    assert kept(after_change) == "hit"
    await rename_at_visma(gateway.sim, "10001", "Renamed at Visma AS")
    await announce(gateway, "10001", notification="n-2")
    changed = await gateway.client.get(
        "/graphql",
        params={"query": SUPPLIER},
        headers={**auth, "If-None-Match": first.headers["etag"]},
    )
    assert changed.status_code == 200
    assert changed.headers["etag"] != first.headers["etag"]


async def test_a_persisted_query_by_hash_revalidates_with_its_etag(gateway: Gateway) -> None:
    auth = {"Authorization": f"Bearer {TOKEN_A}"}
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": query_hash(SUPPLIER)}}
    registered = await gateway.client.post(
        "/graphql", json={"query": SUPPLIER, "extensions": persisted}, headers=auth
    )
    by_hash = {"extensions": json.dumps(persisted)}

    first = await gateway.client.get("/graphql", params=by_hash, headers=auth)
    again = await gateway.client.get(
        "/graphql", params=by_hash, headers={**auth, "If-None-Match": first.headers["etag"]}
    )

    assert kept(registered) == "miss"
    assert kept(first) == "hit"
    assert first.headers["etag"] == registered.headers["etag"]
    assert again.status_code == 304


@pytest.mark.parametrize("settings", [Settings(persisted_queries="off")])
async def test_a_hash_is_refused_as_before_when_persisted_queries_are_off(
    gateway: Gateway,
) -> None:
    await gateway.post(SUPPLIER)
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": query_hash(SUPPLIER)}}

    response = await gateway.client.post(
        "/graphql",
        json={"extensions": persisted},
        headers={"Authorization": f"Bearer {TOKEN_A}"},
    )

    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"


@pytest.mark.parametrize("settings", [Settings(response_cache_max_bytes=0)])
async def test_the_response_cache_can_be_turned_off(gateway: Gateway) -> None:
    await gateway.post(SUPPLIER)

    second = await gateway.post(SUPPLIER)

    assert "responseCache" not in second.json()["extensions"]
    assert "etag" not in second.headers


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
async def test_a_webhook_on_one_replica_ends_the_answers_kept_by_another(
    redis_server: RedisServer, sim: Simulator
) -> None:
    settings = Settings(webhook_secret=SECRET, cache_url=redis_server.url)
    async with running(sim, settings) as one, running(sim, settings) as two:
        await name_of_10001(two)
        before = await name_of_10001(two)
        assert before[1] == "hit"
        await rename_at_visma(sim, "10001", "Renamed at Visma AS")

        await announce(one, "10001")

        assert await name_of_10001(two) == ("Renamed at Visma AS", "miss")
