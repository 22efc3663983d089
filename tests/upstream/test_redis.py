"""Replicas sharing a real redis-server: one cache, one budget, and life without Redis."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator

import pytest

from gateway.settings import Settings
from gateway.simulator import Simulator, SimulatorConfig
from tests.conftest import Gateway, running
from tests.redis_server import REDIS_SERVER, RedisServer
from tests.upstream.test_batching import NEXT_50, assert_invoices_as_visma_has_them

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (make test installs it)"
)


@contextlib.asynccontextmanager
async def replicas(sim: Simulator, settings: Settings) -> AsyncIterator[tuple[Gateway, Gateway]]:
    async with running(sim, settings) as one, running(sim, settings) as two:
        yield one, two


Q = '{ supplier(number: "10001") { name invoices(first: 5) { totalCount } } }'


async def test_replicas_share_one_cache(sim: Simulator, redis_server: RedisServer) -> None:
    async with replicas(sim, Settings(cache_url=redis_server.url)) as (one, two):
        first = await one.query(Q)
        sim.reset_calls()
        second = await two.query(Q)

    assert second["data"] == first["data"]
    assert second["extensions"]["upstream"]["calls"] == 0
    assert sim.calls == []


async def test_groups_kept_as_text_are_shared_through_redis(
    sim: Simulator, redis_server: RedisServer
) -> None:
    """A bulk read's groups nobody has read yet go to Redis as Visma's text, and another
    replica reads them as Visma sent them."""
    async with replicas(sim, Settings(cache_url=redis_server.url)) as (one, two):
        await one.query("{ suppliers(first: 50) { nodes { invoices(first: 1) { totalCount } } } }")
        sim.reset_calls()
        result = await two.query(NEXT_50)

    assert [call.path.lower() for call in sim.calls] == ["/v1/supplier"]
    assert_invoices_as_visma_has_them(two, result)


async def test_replicas_share_one_budget(redis_server: RedisServer) -> None:
    sim = Simulator(SimulatorConfig(hourly_budget=10_000))
    settings = Settings(cache_url=redis_server.url, rate_limit="6/hour")
    # As `serve` does at start-up: the heap earlier tests left is frozen, so that collecting
    # it cannot stall the event loop past Redis's 1 s timeout (which would make each replica
    # fall back to its own budget, as designed, and the shared one go unchecked).
    gc.freeze()
    try:
        async with replicas(sim, settings) as (one, two):
            results = await asyncio.gather(
                *(
                    gateway.query(f'{{ supplier(number: "{10001 + i}") {{ name }} }}')
                    for i, gateway in enumerate([one, two] * 5)
                )
            )
    finally:
        gc.unfreeze()

    assert len(sim.calls) == 6
    refused = [r for r in results if "errors" in r]
    assert len(refused) == 4
    assert {r["errors"][0]["extensions"]["code"] for r in refused} == {"RATE_LIMITED"}


async def test_losing_redis_loses_no_request_and_it_is_used_again_when_back(
    sim: Simulator, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(cache_url=redis_server.url)
    async with running(sim, settings) as gateway:
        assert "errors" not in await gateway.query(Q)
        assert (await gateway.client.get("/readyz")).json()["checks"]["redis"] == "ok"

        redis_server.stop()
        during = await asyncio.gather(*(gateway.query(Q) for _ in range(5)))
        assert all("errors" not in r and r["data"]["supplier"]["name"] for r in during)
        assert "Redis unreachable" in caplog.text
        ready = (await gateway.client.get("/readyz")).json()
        assert ready["checks"]["redis"].startswith("unreachable")

        redis_server.start()
        await asyncio.sleep(5.2)  # the gateway tries Redis again after a few seconds
        sim.reset_calls()
        again = await gateway.query(Q)  # Redis is empty again: one read, cached there
        assert "errors" not in again
        assert "Redis answers again" in caplog.text
        stores = gateway.app.state.stores
        assert stores.redis is not None and await stores.redis.client.dbsize() > 0
