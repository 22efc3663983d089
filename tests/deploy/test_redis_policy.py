"""The eviction policy compose.yaml gives Redis, on a real redis-server filled past maxmemory
by the gateway's own code: cache entries go, idempotency records and generation counters stay."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import redis.asyncio as redis_asyncio

from gateway.cache import RedisBackedCache
from gateway.idempotency import Idempotency
from gateway.idempotency_store import IdempotencyStore, create_idempotency_store
from gateway.resources.declaration import RecordKey
from gateway.settings import Settings
from tests.deploy.files import COMPOSE, load_yaml
from tests.test_redis import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")

HEADROOM = 2 * 1024 * 1024
ENTRY = {"invoices": ["x" * 100] * 20}  # about 2 KB encoded


def compose_redis_options() -> dict[str, str]:
    command: list[str] = load_yaml(COMPOSE)["services"]["redis"]["command"]
    return {
        option.removeprefix("--"): command[index + 1]
        for index, option in enumerate(command)
        if option in ("--maxmemory-policy", "--maxmemory-samples")
    }


@pytest.fixture
async def full_soon() -> AsyncIterator[
    tuple[RedisBackedCache, IdempotencyStore, redis_asyncio.Redis]
]:
    """A redis-server with compose's policy and a maxmemory 2 MB above what it uses empty,
    holding the cache and (as compose sets no GATEWAY_IDEMPOTENCY_URL) idempotency records."""
    server = RedisServer()
    server.start()
    client = redis_asyncio.Redis(port=server.port)
    cache = RedisBackedCache.from_url("127.0.0.1", server.port, 0, None)
    records = create_idempotency_store(Settings(cache_url=f"redis://127.0.0.1:{server.port}/0"))
    try:
        for option, value in compose_redis_options().items():
            await client.config_set(option, value)
        used = (await client.info("memory"))["used_memory"]
        await client.config_set("maxmemory", str(used + HEADROOM))
        yield cache, records, client
    finally:
        await records.close()
        await cache.close()
        await client.aclose()
        server.stop()


async def test_a_full_redis_drops_cache_entries_not_idempotency_records_or_generations(
    full_soon: tuple[RedisBackedCache, IdempotencyStore, redis_asyncio.Redis],
) -> None:
    cache, records, client = full_soon
    settings = Settings()
    idempotency = Idempotency(records, settings.idempotency_ttl, pending_ttl=60, wait_seconds=1)
    writes: list[str] = []

    async def write() -> RecordKey:
        writes.append("written")
        return ("10001",)

    arguments = {"name": "Nytt Navn AS"}
    first = await idempotency.run("principal", "updateSupplier", "key-1", arguments, write)
    generation = await cache.bump_generation("tenant-a", "supplierInvoice")
    for number in range(3000):  # about 6 MB of entries into 2 MB
        await cache.set(f"entry|{number}", ENTRY, settings.ttl("supplierInvoice"))

    evicted = (await client.info("stats"))["evicted_keys"]
    retried = await idempotency.run("principal", "updateSupplier", "key-1", arguments, write)

    assert evicted > 1000
    assert retried == first == ("10001",)
    assert writes == ["written"], "the retried mutation ran again"
    assert await cache.generation("tenant-a", "supplierInvoice") == generation
