"""Idempotency keys hold against a flooded cache, a write that waits long, and a Redis outage:
counted as POSTs at the simulator."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import redis.asyncio as redis_asyncio

from gateway.settings import Settings
from gateway.simulator import FaultRule, Simulator
from tests.conftest import Gateway, running
from tests.redis_server import REDIS_SERVER, RedisServer
from tests.schema.test_mutation import CREATE_SUPPLIER, SEED_SUPPLIER


def posts(gateway: Gateway) -> int:
    return [call.method for call in gateway.calls()].count("POST")


async def create(gateway: Gateway, key: str) -> dict[str, Any]:
    return await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER, "key": key})


async def test_a_flooded_cache_does_not_forget_a_key(sim: Simulator) -> None:
    settings = Settings(cache_max_bytes=20_000)
    async with running(sim, settings) as gateway:
        first = await create(gateway, "flood-1")
        for number in range(10001, 10061):
            await gateway.query(f'{{ supplier(number: "{number}") {{ name }} }}')
        assert gateway.app.state.stores.cache.size_bytes > 15_000  # the cache did turn over
        again = await create(gateway, "flood-1")

    assert again["data"] == first["data"]
    assert posts(gateway) == 1


async def test_a_claim_outlasts_a_write_that_waits_for_the_budget(sim: Simulator) -> None:
    # Visma blocks the company's budget for 10 s; the first write waits that out. The claim
    # used to last upstream_timeout + 6 s (6 s here), after which a retry wrote again.
    settings = Settings(upstream_timeout=0.5, upstream_retries=0, rate_limit_wait=15.0)
    sim.add_fault(FaultRule(r"^/v1/supplier/10001$", status=429, retry_after=10, times=1))
    async with running(sim, settings) as gateway:
        blocked = await gateway.query('{ supplier(number: "10001") { name } }')
        assert blocked["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        first = asyncio.create_task(create(gateway, "slow-1"))
        await asyncio.sleep(7.5)
        second = await create(gateway, "slow-1")
        first_result = await first

    assert "errors" not in first_result, first_result
    assert second["data"] == first_result["data"]
    assert posts(gateway) == 1


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
async def test_without_redis_a_keyed_write_is_refused_not_sent(sim: Simulator) -> None:
    redis_server = RedisServer()
    redis_server.start()
    try:
        async with running(sim, Settings(cache_url=redis_server.url)) as gateway:
            redis_server.stop()
            refused = await create(gateway, "outage-1")
            unkeyed = await gateway.query(CREATE_SUPPLIER, variables={"input": SEED_SUPPLIER})
    finally:
        redis_server.stop()

    error = refused["errors"][0]
    assert error["extensions"]["code"] == "IDEMPOTENCY_STORE_UNAVAILABLE"
    assert error["extensions"]["retryAfter"] > 0
    assert refused["data"] == {"createSupplier": None}  # only this mutation failed
    assert "errors" not in unkeyed  # writes without a key do not depend on the store
    assert posts(gateway) == 1


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
async def test_a_redis_that_may_evict_records_is_reported(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    redis_server = RedisServer()
    redis_server.start()
    client = redis_asyncio.Redis(port=redis_server.port)
    try:
        await client.config_set("maxmemory", "64mb")
        await client.config_set("maxmemory-policy", "volatile-lru")
        async with running(sim, Settings(cache_url=redis_server.url)) as gateway:
            await create(gateway, "policy-1")
    finally:
        await client.aclose()
        redis_server.stop()

    assert "maxmemory-policy volatile-lru" in caplog.text
