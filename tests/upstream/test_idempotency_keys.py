"""Idempotency keys over HTTP: refused keys, replayed errors, waiting, first runs that end badly.

Where several replicas matter they share a real redis-server, as in production.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
import redis.asyncio as redis_asyncio

from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, FaultRule, Simulator, demo_token
from tests.conftest import Gateway, running
from tests.redis_server import RedisServer
from tests.schema.test_mutation import CREATE_SUPPLIER, SEED_SUPPLIER, code, failure

REFUSED_SUPPLIER = {**SEED_SUPPLIER, "supplierClassId": "NOPE"}
STALL = FaultRule(r"^/v1/supplier$", status=None, method="POST", times=1, delay_seconds=600)


@contextlib.asynccontextmanager
async def pair(
    sim: Simulator, first: Settings, second: Settings
) -> AsyncIterator[tuple[Gateway, Gateway]]:
    async with running(sim, first) as one, running(sim, second) as two:
        yield one, two


def posts(sim: Simulator) -> int:
    return [call.method for call in sim.calls].count("POST")


async def until_posted(sim: Simulator) -> None:
    """Return once the simulator has received a POST (its answer may still be stalled)."""
    async with asyncio.timeout(30):
        while posts(sim) == 0:  # noqa: ASYNC110 - the simulator offers a list, not an event
            await asyncio.sleep(0.01)


async def create(gateway: Gateway, key: str, supplier: dict[str, Any]) -> dict[str, Any]:
    return await gateway.query(CREATE_SUPPLIER, variables={"input": supplier, "key": key})


def stalled_create(gateway: Gateway, key: str) -> asyncio.Task[dict[str, Any]]:
    return asyncio.create_task(create(gateway, key, SEED_SUPPLIER))


async def cancel(task: asyncio.Task[Any]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_a_key_of_the_wrong_length_is_refused_before_any_write(
    gateway: Gateway, key: str
) -> None:
    result = await create(gateway, key, SEED_SUPPLIER)

    error = failure(result)
    assert (error["code"], error["field"]) == ("BAD_USER_INPUT", ["idempotencyKey"])
    assert posts(gateway.sim) == 0


async def test_a_key_of_255_characters_is_accepted(gateway: Gateway) -> None:
    result = await create(gateway, "k" * 255, SEED_SUPPLIER)

    assert result["data"]["createSupplier"]["supplier"]["number"] == "10263"


async def test_a_refused_write_is_replayed_on_another_replica_without_writing_again(
    sim: Simulator, redis_server: RedisServer
) -> None:
    settings = Settings(cache_url=redis_server.url)
    async with pair(sim, settings, settings) as (one, two):
        first = await create(one, "refused-1", REFUSED_SUPPLIER)
        again = await create(two, "refused-1", REFUSED_SUPPLIER)

    error, replayed = failure(first), failure(again)
    assert error["code"] == "BAD_USER_INPUT"
    assert replayed == error
    assert posts(sim) == 1


async def test_a_second_call_waits_for_the_running_first_and_gets_its_record(
    sim: Simulator, redis_server: RedisServer
) -> None:
    settings = Settings(cache_url=redis_server.url)
    sim.add_fault(
        FaultRule(r"^/v1/supplier$", status=None, method="POST", times=1, delay_seconds=1)
    )
    async with pair(sim, settings, settings) as (one, two):
        running_first = stalled_create(one, "wait-1")
        await until_posted(sim)
        second = await create(two, "wait-1", SEED_SUPPLIER)
        first = await running_first

    assert second["data"] == first["data"]
    assert first["data"]["createSupplier"]["supplier"]["number"] == "10263"
    assert posts(sim) == 1


async def test_a_first_run_that_was_cancelled_makes_the_key_fail_rather_than_write_twice(
    sim: Simulator, redis_server: RedisServer
) -> None:
    settings = Settings(cache_url=redis_server.url)
    sim.add_fault(STALL)
    async with pair(sim, settings, settings) as (one, two):
        first = stalled_create(one, "cancelled-1")
        await until_posted(sim)
        await cancel(first)
        again = await create(two, "cancelled-1", SEED_SUPPLIER)
        fresh = await create(two, "cancelled-2", {**SEED_SUPPLIER, "name": "Fresh AS"})

    assert code(again) == "UPSTREAM_ERROR"
    assert "failed unexpectedly; use a new key" in again["errors"][0]["message"]
    assert fresh["data"]["createSupplier"]["supplier"]["name"] == "Fresh AS"
    assert posts(sim) == 2


async def test_a_call_gives_up_with_conflict_while_the_first_still_runs(
    sim: Simulator, redis_server: RedisServer
) -> None:
    # The waiting replica waits its upstream timeout plus five seconds, then gives up.
    waiting = Settings(cache_url=redis_server.url, upstream_timeout=0.1)
    sim.add_fault(STALL)
    async with pair(sim, Settings(cache_url=redis_server.url), waiting) as (one, two):
        first = stalled_create(one, "slow-1")
        await until_posted(sim)
        again = await create(two, "slow-1", SEED_SUPPLIER)
        await cancel(first)

    assert failure(again) == {
        "code": "CONFLICT",
        "field": ["idempotencyKey"],
        "message": "A mutation with this idempotencyKey is still in progress",
    }
    assert posts(sim) == 1


async def redis_gets(url: str) -> int:
    """How many GET commands the Redis server has run so far."""
    client = redis_asyncio.Redis.from_url(url)
    try:
        stats = await client.info("commandstats")
    finally:
        await client.aclose()
    return int(stats.get("cmdstat_get", {}).get("calls", 0))


async def flush(url: str) -> None:
    client = redis_asyncio.Redis.from_url(url)
    try:
        await client.flushall()
    finally:
        await client.aclose()


async def test_an_outcome_evicted_from_redis_is_a_conflict_not_a_second_write(
    sim: Simulator, redis_server: RedisServer
) -> None:
    settings = Settings(cache_url=redis_server.url)
    sim.add_fault(STALL)
    async with pair(sim, settings, settings) as (one, two):
        first = stalled_create(one, "lost-1")
        await until_posted(sim)
        before = await redis_gets(redis_server.url)
        waiting = asyncio.create_task(create(two, "lost-1", SEED_SUPPLIER))
        async with asyncio.timeout(30):  # until the second replica polls Redis for the outcome
            while await redis_gets(redis_server.url) < before + 3:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
        await flush(redis_server.url)  # as eviction, or a failover to an empty Redis, would
        again = await waiting
        await cancel(first)

    error = failure(again)
    assert (error["code"], error["field"]) == ("CONFLICT", ["idempotencyKey"])
    assert "left no outcome; use a new key" in error["message"]
    assert posts(sim) == 1


async def test_the_same_key_from_another_user_is_another_key(gateway: Gateway) -> None:
    other = demo_token(COMPANY_A_TENANT, subject="someone-else")
    first = await create(gateway, "per-user", SEED_SUPPLIER)
    theirs = await gateway.query(
        CREATE_SUPPLIER,
        token=other,
        variables={"input": {**SEED_SUPPLIER, "name": "Other AS"}, "key": "per-user"},
    )

    assert first["data"]["createSupplier"]["supplier"]["name"] == "Nordlys Elektro AS"
    assert theirs["data"]["createSupplier"]["supplier"]["name"] == "Other AS"
    assert posts(gateway.sim) == 2
