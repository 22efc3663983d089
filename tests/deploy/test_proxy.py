"""Debian's nginx with deploy/nginx/gateway.conf (the compose file's) in front of two gateway
replicas sharing a redis-server: queries, balancing, webhooks and subscriptions through it."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from starlette.applications import Starlette
from websockets.typing import Subprotocol

from bench.proxy import NGINX, Nginx, nginx
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, Simulator, SimulatorConfig
from tests.conftest import TOKEN_A, running, served
from tests.redis_server import REDIS_SERVER, RedisServer

pytestmark = pytest.mark.skipif(
    NGINX is None or REDIS_SERVER is None,
    reason="nginx and redis-server are needed (make services installs them)",
)

SECRET = "proxy-test-key"
SUPPLIER = '{ supplier(number: "10001") { number name } }'


@contextlib.asynccontextmanager
async def behind_nginx(sim: Simulator) -> AsyncIterator[tuple[Nginx, list[Starlette], list[str]]]:
    """Two replicas served on loopback ports, nginx in front, the simulator's webhooks to it."""
    redis_server = RedisServer()
    redis_server.start()
    settings = Settings(cache_url=redis_server.url, webhook_secret=SECRET)
    try:
        async with (
            running(sim, settings) as one,
            running(sim, settings) as two,
            served(one.app) as url_one,
            served(two.app) as url_two,
        ):
            addresses = [url.removeprefix("http://") for url in (url_one, url_two)]
            with nginx(addresses) as proxy:
                sim.config.webhook_url = f"{proxy.url}/webhooks/visma"
                yield proxy, [one.app, two.app], addresses
    finally:
        redis_server.stop()


async def test_queries_through_the_proxy_reach_both_replicas() -> None:
    sim = Simulator(SimulatorConfig(webhook_secret=SECRET))
    async with (
        behind_nginx(sim) as (proxy, _, addresses),
        httpx.AsyncClient(base_url=proxy.url) as client,
    ):
        answers = [
            await client.post(
                "/graphql", json={"query": SUPPLIER}, headers={"Authorization": f"Bearer {TOKEN_A}"}
            )
            for _ in range(6)
        ]
        ready = await client.get("/readyz")
        used = proxy.replicas_used()

    assert [a.status_code for a in answers] == [200] * 6
    assert all(a.json()["data"] == answers[0].json()["data"] for a in answers)
    assert answers[0].json()["data"]["supplier"]["number"] == "10001"
    assert ready.json()["checks"] == {"upstream": "ok", "redis": "ok"}
    assert set(used) == set(addresses)
    assert min(used.values()) >= 3
    # One replica read supplier 10001 from Visma; the other found it in the shared cache.
    assert [c.path for c in sim.calls].count("/v1/supplier/10001") == 1


async def test_a_subscription_through_the_proxy_gets_the_change_a_write_through_it_made() -> None:
    sim = Simulator(SimulatorConfig(webhook_secret=SECRET))
    async with (
        behind_nginx(sim) as (proxy, apps, _),
        websockets.connect(
            proxy.url.replace("http", "ws", 1) + "/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
        ) as ws,
        httpx.AsyncClient(base_url=proxy.url) as client,
    ):
        await ws.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {TOKEN_A}"}}
            )
        )
        acknowledged = json.loads(await asyncio.wait_for(ws.recv(), 5))
        subscription = "subscription { supplierChanged { number name } }"
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": subscription}})
        )
        for _ in range(400):
            if sum(app.state.broker.subscribers(COMPANY_A_TENANT) for app in apps):
                break
            await asyncio.sleep(0.005)
        written = await client.post(
            "/graphql",
            json={
                "query": 'mutation { updateSupplier(number: "10003", input: {name: "Via Proxy AS"})'
                " { supplier { name } } }"
            },
            headers={"Authorization": f"Bearer {TOKEN_A}"},
        )
        event = json.loads(await asyncio.wait_for(ws.recv(), 5))
        webhooks = [line for line in proxy.access_log() if "/webhooks/visma" in line]

    assert acknowledged == {"type": "connection_ack"}
    assert "errors" not in written.json(), written.text
    assert event["type"] == "next"
    assert event["payload"]["data"]["supplierChanged"] == {
        "number": "10003",
        "name": "Via Proxy AS",
    }
    # The simulator's signed webhook went through the proxy too, and was accepted.
    assert [line.split()[1] for line in webhooks] == ["200"]
