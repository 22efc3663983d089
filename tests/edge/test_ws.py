"""The websocket's own guards, over real websockets: a forged token gets no company's events,
a connection holds a bounded number of subscriptions, and the persisted-query allow-list
applies to subscriptions as it does to HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

from gateway.edge.persisted_queries import query_hash
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT
from tests.conftest import TOKEN_A
from tests.test_subscriptions import SECRET, SUPPLIER_CHANGED, live, make_sim, send, trigger
from tests.upstream.test_proofs import FORGED

PROTOCOL = Subprotocol("graphql-transport-ws")
OTHER_SUBSCRIPTION = "subscription { purchaseOrderChanged { orderNumber } }"


async def messages(ws: ClientConnection, within: float) -> list[dict[str, Any]]:
    """Whatever arrives within ``within`` seconds, until the server closes the socket."""
    received: list[dict[str, Any]] = []
    try:
        while True:
            received.append(json.loads(await asyncio.wait_for(ws.recv(), within)))
    except (TimeoutError, websockets.ConnectionClosed):
        return received


def socket_url(url: str) -> str:
    return url.replace("http", "ws", 1) + "/graphql"


async def open_connection(ws: ClientConnection, token: str) -> list[dict[str, Any]]:
    await send(ws, {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
    return await messages(ws, 0.5)


async def test_a_forged_token_never_receives_the_companys_events() -> None:
    sim = make_sim()
    async with (
        live(sim, Settings(webhook_secret=SECRET)) as (_, url),
        websockets.connect(socket_url(url), subprotocols=[PROTOCOL]) as ws,
    ):
        opened = await open_connection(ws, FORGED)
        with contextlib.suppress(websockets.ConnectionClosed):  # closed already, as it should
            await send(ws, {"id": "1", "type": "subscribe", "payload": {"query": SUPPLIER_CHANGED}})
        await asyncio.sleep(0.1)
        await trigger(sim, COMPANY_A_TENANT, "supplier", "10001")
        later = await messages(ws, 0.5)

    assert {"type": "connection_ack"} not in opened
    assert [m for m in later if m.get("type") == "next"] == []
    assert ws.close_code == 4403


async def test_a_connection_holds_at_most_the_configured_subscriptions() -> None:
    sim = make_sim()
    async with (
        live(sim, Settings(webhook_secret=SECRET, max_subscriptions=2)) as (_, url),
        websockets.connect(socket_url(url), subprotocols=[PROTOCOL]) as ws,
    ):
        assert await open_connection(ws, TOKEN_A) == [{"type": "connection_ack"}]
        for ident in ("1", "2", "3"):
            payload = {"query": SUPPLIER_CHANGED}
            await send(ws, {"id": ident, "type": "subscribe", "payload": payload})
        refused = await messages(ws, 0.5)

    assert len(refused) == 1 and refused[0]["id"] == "3" and refused[0]["type"] == "error"
    assert refused[0]["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"


async def test_the_allow_list_covers_subscriptions(tmp_path: Path) -> None:
    manifest = tmp_path / "operations.json"
    manifest.write_text(json.dumps({query_hash(SUPPLIER_CHANGED): SUPPLIER_CHANGED}))
    settings = Settings(
        webhook_secret=SECRET,
        persisted_queries="allowlist",
        persisted_queries_file=str(manifest),
    )
    sim = make_sim()
    registered = {"persistedQuery": {"version": 1, "sha256Hash": query_hash(SUPPLIER_CHANGED)}}
    async with (
        live(sim, settings) as (gateway, url),
        websockets.connect(socket_url(url), subprotocols=[PROTOCOL]) as ws,
    ):
        assert await open_connection(ws, TOKEN_A) == [{"type": "connection_ack"}]
        await send(ws, {"id": "1", "type": "subscribe", "payload": {"query": OTHER_SUBSCRIPTION}})
        refused = await messages(ws, 0.5)
        await send(ws, {"id": "2", "type": "subscribe", "payload": {"extensions": registered}})
        for _ in range(200):
            if gateway.app.state.broker.subscribers(COMPANY_A_TENANT):
                break
            await asyncio.sleep(0.005)
        await trigger(sim, COMPANY_A_TENANT, "purchaseOrder", "PO000001")
        await trigger(sim, COMPANY_A_TENANT, "supplier", "10001")
        events = await messages(ws, 0.5)

    assert [(m["id"], m["type"]) for m in refused] == [("1", "error")]
    assert refused[0]["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
    assert [(m["id"], m["type"]) for m in events] == [("2", "next")]
    assert events[0]["payload"]["data"]["supplierChanged"]["number"] == "10001"
