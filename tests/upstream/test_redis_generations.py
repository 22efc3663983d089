"""Generation counters in a real redis-server expire, so that tokens never seen again leave
nothing behind."""

from __future__ import annotations

import secrets

import pytest
import redis.asyncio as redis

from gateway.settings import Settings
from gateway.simulator import Simulator
from gateway.upstream.cache import GENERATION_TTL
from tests.conftest import running
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")


async def test_generation_keys_of_random_tokens_expire(
    redis_server: RedisServer, sim: Simulator
) -> None:
    async with running(sim, Settings(cache_url=redis_server.url)) as gateway:
        for _ in range(20):
            await gateway.post(
                "{ suppliers(first: 1) { totalCount } }", token=secrets.token_hex(16)
            )

    client = redis.Redis(host="127.0.0.1", port=redis_server.port)
    try:
        keys = [key async for key in client.scan_iter(match="*gen|*")]
        ttls = [await client.ttl(key) for key in keys]
    finally:
        await client.aclose()

    assert len(keys) >= 20
    assert all(0 < ttl <= GENERATION_TTL for ttl in ttls), sorted(set(ttls))
