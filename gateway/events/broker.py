"""The in-process broker that hands webhook changes to this replica's subscriptions.

Each subscription has its own bounded queue, so a slow subscriber never holds up the others
or the webhook; when its queue is full the oldest change is dropped (and logged), because a
later change of the same record makes the subscriber read it afresh anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable

from gateway.events.notifications import Change

log = logging.getLogger(__name__)


class Broker:
    """Delivers each change to the queues of the subscriptions of its tenant."""

    def __init__(self, queue_size: int, on_drop: Callable[[], None] = lambda: None) -> None:
        self.queue_size = queue_size
        self.on_drop = on_drop
        self._queues: dict[str, set[asyncio.Queue[Change]]] = {}

    def subscribers(self, tenant: str) -> int:
        return len(self._queues.get(tenant, ()))

    def deliver(self, change: Change) -> None:
        """Queue ``change`` for every subscription of its tenant on this replica."""
        for queue in self._queues.get(change.tenant, ()):
            if queue.full():
                queue.get_nowait()
                self.on_drop()
                log.warning(
                    "a subscriber of tenant %s falls behind: dropped its oldest change",
                    change.tenant,
                )
            queue.put_nowait(change)

    @contextlib.asynccontextmanager
    async def subscribe(self, tenant: str) -> AsyncIterator[asyncio.Queue[Change]]:
        """A queue receiving the changes of ``tenant`` while the context is open."""
        queue: asyncio.Queue[Change] = asyncio.Queue(self.queue_size)
        self._queues.setdefault(tenant, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self._queues.get(tenant, set())
            queues.discard(queue)
            if not queues:
                self._queues.pop(tenant, None)
