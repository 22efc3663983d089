"""Fan-out of accepted webhook changes to the broker of every replica.

Without Redis a change goes straight to this replica's broker. With Redis it is published on
one channel, and every replica (this one included) hands what it hears there to its own
broker, so each replica's subscribers see each change exactly once whichever replica the
dispatcher called. While Redis cannot be reached, changes still reach this replica's own
subscribers, and the listener keeps trying to subscribe again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from redis.exceptions import RedisError

from gateway.events.broker import Broker
from gateway.events.notifications import Change

log = logging.getLogger(__name__)

CHANNEL = "vgw:changes"
_RETRY_SECONDS = 2.0
# How long shutdown waits for the cancelled listener; past it the listener is left to the
# event loop's end rather than holding the process (a dead peer can stall a socket close).
_STOP_SECONDS = 3.0


class Fanout:
    """``publish`` from the webhook endpoint; ``running()`` in the app's lifespan."""

    def __init__(self, broker: Broker, redis_client: Any | None) -> None:
        self.broker = broker
        self.redis = redis_client

    async def publish(self, change: Change) -> None:
        if self.redis is None:
            self.broker.deliver(change)
            return
        try:
            await self.redis.publish(CHANNEL, orjson.dumps(change.to_json()))
        except (RedisError, OSError) as error:
            log.warning(
                "Redis unreachable (%s): change of tenant %s reaches this replica's "
                "subscribers only",
                type(error).__name__,
                change.tenant,
            )
            self.broker.deliver(change)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Listen on the Redis channel (when configured) while the context is open."""
        if self.redis is None:
            yield
            return
        subscribed = asyncio.Event()
        task = asyncio.create_task(self._listen(self.redis, subscribed))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(subscribed.wait(), 2.0)
        try:
            yield
        finally:
            task.cancel()
            done, _ = await asyncio.wait({task}, timeout=_STOP_SECONDS)
            if not done:
                log.warning(
                    "Redis pub/sub listener still closing after %.0f s: shutting down anyway",
                    _STOP_SECONDS,
                )

    async def _listen(self, redis: Any, subscribed: asyncio.Event) -> None:
        while True:
            try:
                async with redis.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    subscribed.set()
                    while True:
                        # Polled: the shared client's short socket timeout would end listen().
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=1.0
                        )
                        if message is not None:
                            self._hand_over(message)
            except (RedisError, OSError) as error:
                log.warning(
                    "Redis pub/sub lost (%s): retrying in %.0f s",
                    type(error).__name__,
                    _RETRY_SECONDS,
                )
                await asyncio.sleep(_RETRY_SECONDS)

    def _hand_over(self, message: Any) -> None:
        if message.get("type") != "message":
            return
        try:
            change = Change.from_json(orjson.loads(message["data"]))
        except orjson.JSONDecodeError:
            change = None
        if change is None:
            log.warning("ignored an unreadable message on Redis channel %s", CHANNEL)
            return
        self.broker.deliver(change)
