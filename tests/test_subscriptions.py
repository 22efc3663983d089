"""GraphQL subscriptions over real websockets (graphql-transport-ws), fed by signed webhooks
that the simulator sends when its data changes; with Redis, across two replicas."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import websockets
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

from gateway.app import create_app
from gateway.settings import Settings
from gateway.simulator import (
    COMPANY_A_TENANT,
    COMPANY_B_TENANT,
    FaultRule,
    Simulator,
    SimulatorConfig,
)
from tests.conftest import TOKEN_A, TOKEN_B, Gateway, running, served
from tests.redis_server import REDIS_SERVER, RedisServer

SECRET = "subscription-test-key"
GRAPHQL_TRANSPORT_WS = Subprotocol("graphql-transport-ws")
SUPPLIER_CHANGED = "subscription { supplierChanged { number name lastModifiedDateTime } }"


@contextlib.asynccontextmanager
async def live(sim: Simulator, settings: Settings) -> AsyncIterator[tuple[Gateway, str]]:
    """A gateway served on a real port, whose simulator posts its webhooks there."""
    async with running(sim, settings) as gateway, served(gateway.app) as url:
        sim.config.webhook_url = f"{url}/webhooks/visma"
        yield gateway, url


def make_sim() -> Simulator:
    return Simulator(SimulatorConfig(webhook_secret=SECRET))


@contextlib.asynccontextmanager
async def subscriber(
    gateway: Gateway, url: str, query: str, token: str = TOKEN_A
) -> AsyncIterator[ClientConnection]:
    """A websocket with ``query`` subscribed, once the gateway has registered it."""
    tenant = COMPANY_A_TENANT if token == TOKEN_A else COMPANY_B_TENANT
    broker = gateway.app.state.broker
    before = broker.subscribers(tenant)
    async with websockets.connect(
        url.replace("http", "ws", 1) + "/graphql", subprotocols=[GRAPHQL_TRANSPORT_WS]
    ) as ws:
        await send(ws, {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        assert await receive(ws) == {"type": "connection_ack"}
        await send(ws, {"id": "1", "type": "subscribe", "payload": {"query": query}})
        for _ in range(200):
            if broker.subscribers(tenant) > before:
                break
            await asyncio.sleep(0.005)
        yield ws


async def send(ws: ClientConnection, message: dict[str, Any]) -> None:
    await ws.send(json.dumps(message))


async def receive(ws: ClientConnection, within: float = 1.0) -> Any:
    return json.loads(await asyncio.wait_for(ws.recv(), within))


async def trigger(sim: Simulator, tenant: str, entity: str, number: str) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=sim.app), base_url="http://sim"
    ) as client:
        answer = await client.post(
            "/_simulator/webhooks/trigger",
            json={"tenant": tenant, "entity": entity, "number": number},
        )
    assert answer.json()["delivered"] == 200, answer.text


async def nothing_more(ws: ClientConnection) -> None:
    with pytest.raises(TimeoutError):
        await receive(ws, within=0.3)


async def test_a_subscriber_gets_its_companys_change_within_a_second_and_nothing_else() -> None:
    sim = make_sim()
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, SUPPLIER_CHANGED) as ws,
    ):
        await trigger(sim, COMPANY_B_TENANT, "supplier", "20001")
        sim.reset_calls()
        started = asyncio.get_running_loop().time()
        await trigger(sim, COMPANY_A_TENANT, "supplier", "10001")

        event = await receive(ws, within=1.0)
        elapsed = asyncio.get_running_loop().time() - started
        await nothing_more(ws)

    assert event["type"] == "next"
    assert event["payload"]["data"]["supplierChanged"]["number"] == "10001"
    assert elapsed < 1.0
    # Re-read with the subscriber's own token, after the trigger changed the record.
    reads = [c for c in sim.calls if c.path == "/v1/supplier/10001"]
    assert [c.authorization for c in reads] == [f"Bearer {TOKEN_A}"]


async def test_a_number_filter_delivers_only_that_record() -> None:
    sim = make_sim()
    query = 'subscription { purchaseOrderChanged(number: "PO000002") { orderNumber } }'
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, query) as ws,
    ):
        await trigger(sim, COMPANY_A_TENANT, "purchaseOrder", "PO000001")
        await trigger(sim, COMPANY_A_TENANT, "purchaseOrder", "PO000002")
        event = await receive(ws)
        await nothing_more(ws)

    assert event["payload"]["data"] == {"purchaseOrderChanged": {"orderNumber": "PO000002"}}


async def test_a_failed_re_read_is_delivered_as_an_error_and_the_subscription_goes_on() -> None:
    sim = make_sim()
    query = "subscription { supplierInvoiceStatusChanged { referenceNumber status } }"
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, query) as ws,
    ):
        sim.add_fault(FaultRule(r"/v1/supplierInvoice/Invoice/100001$", status=403))
        await trigger(sim, COMPANY_A_TENANT, "supplierInvoice", "100001")
        failed = await receive(ws)
        await trigger(sim, COMPANY_A_TENANT, "supplierInvoice", "100002")
        delivered = await receive(ws)

    assert failed["payload"]["data"] == {"supplierInvoiceStatusChanged": None}
    assert failed["payload"]["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert delivered["payload"]["data"]["supplierInvoiceStatusChanged"]["referenceNumber"] == (
        "100002"
    )


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({}, "Missing Authorization header"),
        ({"authorization": "Basic dXNlcjpwYXNz"}, "Malformed Authorization header"),
    ],
)
async def test_a_connection_without_a_usable_token_is_closed_with_the_reason(
    payload: dict[str, Any], reason: str
) -> None:
    async with (
        live(make_sim(), Settings(webhook_secret=SECRET)) as (_, url),
        websockets.connect(
            url.replace("http", "ws", 1) + "/graphql", subprotocols=[GRAPHQL_TRANSPORT_WS]
        ) as ws,
    ):
        await send(ws, {"type": "connection_init", "payload": payload})
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await receive(ws)

    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    assert closed.value.rcvd.reason.startswith(reason)


@pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed")
async def test_a_webhook_to_one_replica_reaches_a_subscriber_on_the_other() -> None:
    redis_server = RedisServer()
    redis_server.start()
    sim = make_sim()
    settings = Settings(webhook_secret=SECRET, cache_url=redis_server.url)
    try:
        async with (
            live(sim, settings) as (one, url_one),
            running(sim, settings) as two,
            served(two.app) as url_two,
            subscriber(two, url_two, SUPPLIER_CHANGED) as ws,
            subscriber(one, url_one, SUPPLIER_CHANGED, token=TOKEN_B) as ws_b,
        ):
            # The simulator's webhooks go to replica one only.
            await trigger(sim, COMPANY_A_TENANT, "supplier", "10002")
            event = await receive(ws, within=1.0)
            await nothing_more(ws)
            await nothing_more(ws_b)
    finally:
        redis_server.stop()

    assert event["payload"]["data"]["supplierChanged"]["number"] == "10002"


async def test_a_subscription_sent_over_http_is_refused_with_where_to_go(
    gateway: Gateway,
) -> None:
    result = await gateway.query(SUPPLIER_CHANGED)

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "graphql-transport-ws" in result["errors"][0]["message"]


async def test_in_the_demo_a_write_reaches_a_subscriber_through_the_embedded_simulator() -> None:
    app = create_app(Settings(demo=True, webhook_secret="demo-key"))
    async with (
        app.router.lifespan_context(app),
        served(app) as url,
        httpx.AsyncClient(base_url=url) as client,
        websockets.connect(
            url.replace("http", "ws", 1) + "/graphql", subprotocols=[GRAPHQL_TRANSPORT_WS]
        ) as ws,
    ):
        lower_case = {"authorization": f"Bearer {TOKEN_A}"}
        await send(ws, {"type": "connection_init", "payload": lower_case})
        assert await receive(ws) == {"type": "connection_ack"}
        await send(ws, {"id": "1", "type": "subscribe", "payload": {"query": SUPPLIER_CHANGED}})
        for _ in range(200):
            if app.state.broker.subscribers(COMPANY_A_TENANT):
                break
            await asyncio.sleep(0.005)
        written = await client.post(
            "/graphql",
            json={
                "query": 'mutation { updateSupplier(number: "10003", input: {name: "Nytt Navn AS"})'
                " { supplier { name } } }"
            },
            headers={"Authorization": f"Bearer {TOKEN_A}"},
        )
        event = await receive(ws)

    assert "errors" not in written.json()
    assert event["payload"]["data"]["supplierChanged"]["name"] == "Nytt Navn AS"


async def test_a_query_over_the_websocket_is_refused_and_the_connection_stays() -> None:
    sim = make_sim()
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, SUPPLIER_CHANGED) as ws,
    ):
        query = '{ supplier(number: "10001") { name } }'
        await send(ws, {"id": "2", "type": "subscribe", "payload": {"query": query}})
        refused = await receive(ws)
        await trigger(sim, COMPANY_A_TENANT, "supplier", "10001")
        event = await receive(ws)

    assert refused["id"] == "2" and refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert event["id"] == "1" and event["payload"]["data"]["supplierChanged"]["number"] == "10001"


async def test_a_customer_change_reaches_its_companys_subscriber_re_read_with_its_token() -> None:
    sim = make_sim()
    query = "subscription { customerChanged { number name lastModifiedDateTime } }"
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, query) as ws,
    ):
        await trigger(sim, COMPANY_B_TENANT, "customer", "00002")
        sim.reset_calls()
        await trigger(sim, COMPANY_A_TENANT, "customer", "00001")
        event = await receive(ws)
        await nothing_more(ws)

    changed = event["payload"]["data"]["customerChanged"]
    assert changed["number"] == "00001"
    record = next(
        c for c in sim.company(COMPANY_A_TENANT).receivables.customers if c["number"] == "00001"
    )
    assert changed["name"] == record["name"]
    reads = [c for c in sim.calls if c.path == "/v1/customer/00001"]
    assert [c.authorization for c in reads] == [f"Bearer {TOKEN_A}"]


async def test_sales_order_and_customer_invoice_subscriptions_filter_by_number() -> None:
    sim = make_sim()
    orders = sim.company(COMPANY_A_TENANT).receivables.sales_orders
    invoices = sim.company(COMPANY_A_TENANT).receivables.invoices
    order, other_order = orders[0]["orderNo"], orders[1]["orderNo"]
    invoice = invoices[0]["referenceNumber"]
    query = (
        f'subscription {{ salesOrderChanged(number: "{order}") {{ orderNo }} }}',
        "subscription { customerInvoiceStatusChanged { referenceNumber } }",
    )
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (gateway, url),
        subscriber(gateway, url, query[0]) as order_ws,
        subscriber(gateway, url, query[1]) as invoice_ws,
    ):
        await trigger(sim, COMPANY_A_TENANT, "salesOrder", other_order)
        await trigger(sim, COMPANY_A_TENANT, "salesOrder", order)
        await trigger(sim, COMPANY_A_TENANT, "customerInvoice", invoice)
        order_event = await receive(order_ws)
        invoice_event = await receive(invoice_ws)
        await nothing_more(order_ws)

    assert order_event["payload"]["data"] == {"salesOrderChanged": {"orderNo": order}}
    assert invoice_event["payload"]["data"] == {
        "customerInvoiceStatusChanged": {"referenceNumber": invoice}
    }
