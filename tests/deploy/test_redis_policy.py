"""The eviction policies compose.yaml gives its two Redis, on real redis-servers filled past
maxmemory by the gateway's own code: the cache Redis drops cache entries and keeps generation
counters, the state Redis never drops an idempotency or webhook dedupe record."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import redis.asyncio as redis_asyncio

from gateway.errors import IdempotencyStoreUnavailable
from gateway.redis_url import endpoint
from gateway.resources.declaration import RecordKey
from gateway.settings import Settings
from gateway.upstream.cache import RedisBackedCache
from gateway.upstream.idempotency import Idempotency
from gateway.upstream.idempotency_store import create_idempotency_store
from tests.deploy.files import COMPOSE, load_yaml
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")

HEADROOM = 2 * 1024 * 1024
ENTRY = {"invoices": ["x" * 100] * 20}  # about 2 KB encoded


def compose_redis_options(service: str) -> dict[str, str]:
    command: list[str] = load_yaml(COMPOSE)["services"][service]["command"]
    return {
        option.removeprefix("--"): command[index + 1]
        for index, option in enumerate(command)
        if option in ("--maxmemory-policy", "--maxmemory-samples")
    }


@dataclass
class Full:
    """A redis-server with a compose service's policy, 2 MB from its maxmemory when empty."""

    server: RedisServer
    client: redis_asyncio.Redis


async def start_like(service: str) -> Full:
    server = RedisServer()
    server.start()
    client = redis_asyncio.Redis(port=server.port)
    for option, value in compose_redis_options(service).items():
        await client.config_set(option, value)
    used = (await client.info("memory"))["used_memory"]
    await client.config_set("maxmemory", str(used + HEADROOM))
    return Full(server, client)


@pytest.fixture
async def two_redis() -> AsyncIterator[tuple[Full, Full]]:
    cache, state = await start_like("redis"), await start_like("redis-state")
    try:
        yield cache, state
    finally:
        for each in (cache, state):
            await each.client.aclose()
            each.server.stop()


async def test_a_full_cache_redis_drops_entries_never_the_records_in_the_state_redis(
    two_redis: tuple[Full, Full], caplog: pytest.LogCaptureFixture
) -> None:
    cache_redis, state_redis = two_redis
    settings = Settings(cache_url=cache_redis.server.url, idempotency_url=state_redis.server.url)
    cache = RedisBackedCache.from_endpoint(endpoint(cache_redis.server.url))
    records = create_idempotency_store(settings)
    idempotency = Idempotency(records, settings.idempotency_ttl, pending_ttl=60, wait_seconds=1)
    writes: list[str] = []

    async def write() -> RecordKey:
        writes.append("written")
        return ("10001",)

    arguments = {"name": "Nytt Navn AS"}
    try:
        with caplog.at_level(logging.WARNING):
            first = await idempotency.run("principal", "updateSupplier", "key-1", arguments, write)
        await records.put("webhook|n-1", "done", settings.webhook_dedup_ttl)
        generation = await cache.bump_generation("tenant-a", "supplierInvoice")
        for number in range(3000):  # about 6 MB of entries into 2 MB
            await cache.set(f"entry|{number}", ENTRY, settings.ttl("supplierInvoice"))

        evicted = (await cache_redis.client.info("stats"))["evicted_keys"]
        retried = await idempotency.run("principal", "updateSupplier", "key-1", arguments, write)

        assert evicted > 1000
        assert retried == first == ("10001",)
        assert writes == ["written"], "the retried mutation ran again"
        assert await records.get("webhook|n-1") == "done"
        assert await cache.generation("tenant-a", "supplierInvoice") == generation
        assert "evicts keys" not in caplog.text, "the store warned of the shipped state Redis"
    finally:
        await cache.close()
        await records.close()


async def test_a_full_state_redis_refuses_new_records_and_keeps_the_old_ones(
    two_redis: tuple[Full, Full],
) -> None:
    _, state_redis = two_redis
    records = create_idempotency_store(Settings(idempotency_url=state_redis.server.url))
    try:
        await records.put("kept", {"outcome": "x"}, 3600)
        with pytest.raises(IdempotencyStoreUnavailable):
            for number in range(3000):  # about 6 MB of records into 2 MB
                await records.put(f"record|{number}", ENTRY, 3600)

        assert (await state_redis.client.info("stats"))["evicted_keys"] == 0
        assert await records.get("kept") == {"outcome": "x"}
    finally:
        await records.close()


async def test_the_store_warns_of_a_redis_with_the_cache_redis_policy(
    two_redis: tuple[Full, Full], caplog: pytest.LogCaptureFixture
) -> None:
    cache_redis, _ = two_redis
    records = create_idempotency_store(Settings(idempotency_url=cache_redis.server.url))
    try:
        with caplog.at_level(logging.WARNING):
            await records.claim("key", "pending", 60)
    finally:
        await records.close()

    assert "evicts keys (maxmemory-policy volatile-ttl)" in caplog.text
