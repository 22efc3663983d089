"""Forged tokens over HTTP: a token carrying company A's claims with a signature Visma refuses
neither draws on A's rate budget nor costs a second upstream call; a real token's claims
apply once Visma accepted it, also on another replica sharing Redis."""

from __future__ import annotations

import pytest

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator, demo_token
from tests.conftest import TOKEN_A, running
from tests.redis_server import REDIS_SERVER, RedisServer

# A's claims, byte for byte, with a signature the simulator (like Visma) did not make.
FORGED = TOKEN_A.rsplit(".", 1)[0] + ".Zm9yZ2Vk"
QUERY = "{ suppliers(first: 1) { totalCount } }"


def codes(result: dict[str, object]) -> list[object]:
    errors = result.get("errors")
    assert isinstance(errors, list)
    return [error["extensions"]["code"] for error in errors]


async def test_a_flood_of_forged_tokens_leaves_the_companys_budget_alone(sim: Simulator) -> None:
    settings = Settings(rate_limit="20/hour", rate_limit_wait=1.0)
    async with running(sim, settings) as gateway:
        for _ in range(40):
            await gateway.post(QUERY, token=FORGED)

        result = await gateway.query(QUERY, token=TOKEN_A)

    assert "errors" not in result, result
    assert result["data"]["suppliers"]["totalCount"] > 0


async def test_a_refused_token_is_answered_at_the_edge_without_another_call(
    sim: Simulator,
) -> None:
    async with running(sim, Settings()) as gateway:
        first = await gateway.post(QUERY, token=FORGED)
        again = [await gateway.post(QUERY, token=FORGED) for _ in range(10)]

    assert codes(first.json()) == ["UNAUTHENTICATED"]
    assert {response.status_code for response in again} == {401}
    assert {codes(response.json())[0] for response in again} == {"UNAUTHENTICATED"}
    assert [call.authorization for call in sim.calls] == [f"Bearer {FORGED}"]


async def test_an_accepted_token_joins_its_company_and_shares_its_invalidation(
    sim: Simulator,
) -> None:
    alice, bob = (demo_token(COMPANY_A_TENANT, subject=name) for name in ("alice", "bob"))
    mutation = (
        'mutation { updateSupplier(number: "10001", input: {name: "Proven AS"}) '
        "{ supplier { name } } }"
    )
    read = '{ supplier(number: "10001") { name } }'
    async with running(sim, Settings()) as gateway:
        await gateway.query(read, token=bob)
        await gateway.query(read, token=bob)  # proven now, and cached in A's group
        written = await gateway.query(mutation, token=alice)  # alice's first call
        after = await gateway.query(read, token=bob)

    assert "errors" not in written, written
    assert after["data"]["supplier"]["name"] == "Proven AS"


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
async def test_replicas_sharing_redis_agree_on_a_refused_token(sim: Simulator) -> None:
    redis_server = RedisServer()
    redis_server.start()
    settings = Settings(cache_url=redis_server.url)
    try:
        async with running(sim, settings) as one, running(sim, settings) as two:
            await one.post(QUERY, token=FORGED)
            answer = await two.post(QUERY, token=FORGED)
    finally:
        redis_server.stop()

    assert answer.status_code == 401
    assert len(sim.calls) == 1
