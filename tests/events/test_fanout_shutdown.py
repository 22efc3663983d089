"""The app shuts down promptly after Redis restarted under its subscription listener."""

from __future__ import annotations

import asyncio
import time

import pytest

from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import running
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")

# Observed before the fix: 47-80 s; the listener's own poll is 1 s.
BOUND_SECONDS = 10.0


async def test_shutdown_after_a_redis_restart_is_bounded(sim: Simulator) -> None:
    redis_server = RedisServer()
    redis_server.start()
    settings = Settings(cache_url=redis_server.url)
    lifespan = running(sim, settings)
    gateway = await lifespan.__aenter__()
    try:
        assert "errors" not in await gateway.query('{ supplier(number: "10001") { name } }')
        redis_server.stop()
        await asyncio.sleep(3)  # the listener loses its subscription and retries
        redis_server.start()
        await asyncio.sleep(3)  # and subscribes again
    finally:
        started = time.monotonic()
        await lifespan.__aexit__(None, None, None)
        took = time.monotonic() - started
        redis_server.stop()

    assert took < BOUND_SECONDS, f"shutdown took {took:.1f} s"
