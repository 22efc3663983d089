"""The in-process broker: per-tenant delivery and bounded queues that drop the oldest."""

from __future__ import annotations

import pytest

from gateway.events.broker import Broker
from gateway.events.notifications import Change


def change(tenant: str, number: str) -> Change:
    return Change(tenant, "supplier", (number,), "Supplier Changed")


async def test_a_slow_subscriber_loses_its_oldest_changes_and_it_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    drops: list[None] = []
    broker = Broker(2, on_drop=lambda: drops.append(None))

    async with broker.subscribe("a") as queue, broker.subscribe("b") as other:
        for number in ("1", "2", "3"):
            broker.deliver(change("a", number))
        received = [queue.get_nowait().key for _ in range(queue.qsize())]
        assert other.empty()

    assert received == [("2",), ("3",)]
    assert len(drops) == 1
    assert "falls behind" in caplog.text
    assert broker.subscribers("a") == 0
