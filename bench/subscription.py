"""One graphql-transport-ws subscription held open through a load run, for the load bench.

It subscribes to ``supplierChanged`` and records every message with its arrival time, so the
bench can tell how long a change took to arrive after the write or webhook that caused it.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

QUERY = "subscription { supplierChanged { number name } }"


@dataclass
class Subscription:
    """Messages received so far, as (monotonic time, message)."""

    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    # Why the connection ended, if it did before the bench closed it.
    closed: str | None = None

    async def next_after(self, since: float, within: float) -> tuple[float, dict[str, Any]] | None:
        """The first message that arrived after ``since``, waiting up to ``within`` seconds."""
        deadline = time.monotonic() + within
        while True:
            for arrival, message in self.messages:
                if arrival >= since:
                    return arrival, message
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.arrived.clear()
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except TimeoutError:
                return None


@asynccontextmanager
async def subscribed(url: str, token: str) -> AsyncIterator[Subscription]:
    """A ``supplierChanged`` subscription on ``url`` (``ws://.../graphql``) while open."""
    async with websockets.connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"subscription refused: {ack}")
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": QUERY}}))
        subscription = Subscription()
        reader = asyncio.create_task(_read(ws, subscription))
        await asyncio.sleep(0.5)  # the replica registers it with its broker
        try:
            yield subscription
        finally:
            reader.cancel()


async def _read(ws: ClientConnection, subscription: Subscription) -> None:
    try:
        async for raw in ws:
            subscription.messages.append((time.monotonic(), json.loads(raw)))
            subscription.arrived.set()
    except websockets.ConnectionClosed as closed:
        subscription.closed = str(closed)
    else:
        subscription.closed = "closed by the server"


@dataclass
class SubscriptionResult:
    """What one subscription through the proxy received."""

    after_write: str = "-"
    after_run: str = "-"
    closed: str | None = None


def describe_event(received: tuple[float, dict[str, Any]] | None, since: float) -> str:
    """What arrived (an event's supplier, or the codes of an error), how long after ``since``."""
    if received is None:
        return "nothing within the wait"
    arrival, message = received
    payload = message.get("payload") or {}
    if isinstance(payload, list):  # an "error" message carries the errors alone
        payload = {"errors": payload}
    changed = (payload.get("data") or {}).get("supplierChanged")
    if message.get("type") == "next" and changed:
        what = f"supplier {changed['number']}"
    else:
        errors = payload.get("errors") or []
        codes = [(error.get("extensions") or {}).get("code") for error in errors]
        what = f"{message.get('type')} with {', '.join(map(str, codes))}"
    return f"{what} after {(arrival - since) * 1000:.0f} ms"
