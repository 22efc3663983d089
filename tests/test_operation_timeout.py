"""GATEWAY_OPERATION_TIMEOUT bounds the whole operation, not only its calls to Visma."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis.asyncio as redis_asyncio

from gateway.edge.graphql_view import OPERATION_GRACE
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator
from tests.conftest import running
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None, reason="redis-server is not installed (make test installs it)"
)

LOOKUP = '{ supplier(number: "10001") { name } }'
OTHER = '{ supplier(number: "10002") { name } }'
TIMEOUT = 2.0


async def test_a_stalled_redis_ends_the_operation_at_its_timeout(
    sim: Simulator, redis_server: RedisServer
) -> None:
    sim.company(COMPANY_A_TENANT)  # generate the demo data now, not inside the timed calls
    settings = Settings(cache_url=redis_server.url, operation_timeout=TIMEOUT)
    async with running(sim, settings) as gateway:
        assert "errors" not in await gateway.query(LOOKUP)  # connections to Redis are open
        # Reads go on, writes wait: the cache answers, the shared budget's update hangs.
        control = redis_asyncio.Redis(port=redis_server.port)
        await control.client_pause(20_000, all=False)
        started = time.monotonic()
        try:
            result = await asyncio.wait_for(gateway.query(OTHER), 30)
            elapsed = time.monotonic() - started
        finally:
            await control.client_unpause()
            await control.aclose()
    # Without the outer bound the answer came when Redis took writes again, 20 s later.
    assert elapsed < TIMEOUT + OPERATION_GRACE + 3.0  # the 3 s: room for a loaded machine
    assert result["data"] is None
    assert [e["extensions"]["code"] for e in result["errors"]] == ["OPERATION_TIMEOUT"]
