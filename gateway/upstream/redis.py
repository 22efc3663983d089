"""Redis for several replicas: a shared cache and a shared rate budget, with a local fallback.

When Redis cannot be reached the gateway keeps serving from this replica's memory cache and
budget, says so once in the logs, and tries Redis again every few seconds; when Redis answers
again, it says so and goes back to it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError, WatchError

from gateway.redis_url import endpoint, is_redis_url, redact
from gateway.settings import Settings, SettingsError
from gateway.upstream.budget import (
    BudgetStore,
    Decision,
    MemoryBudgetStore,
    Window,
    window_from_mapping,
    window_to_mapping,
)
from gateway.upstream.cache import Cache, CacheEntry, MemoryCache, RedisBackedCache

log = logging.getLogger(__name__)

T = TypeVar("T")
_ERRORS = (RedisError, OSError, asyncio.TimeoutError)
_RETRY_SECONDS = 5.0


class RedisLink:
    """Whether to use Redis now; after a failure, not for ``retry_seconds``."""

    def __init__(self, retry_seconds: float = _RETRY_SECONDS) -> None:
        self.retry_seconds = retry_seconds
        self._down_until = 0.0
        self._down = False

    async def run(
        self, primary: Callable[[], Awaitable[T]], fallback: Callable[[], Awaitable[T]]
    ) -> T:
        """``primary()`` while Redis works, ``fallback()`` while it does not."""
        if time.monotonic() >= self._down_until:
            try:
                result = await primary()
            except _ERRORS as error:
                self._failed(error)
            else:
                if self._down:
                    self._down = False
                    log.warning("Redis answers again: shared cache and rate budget resumed")
                return result
        return await fallback()

    def _failed(self, error: BaseException) -> None:
        self._down_until = time.monotonic() + self.retry_seconds
        if not self._down:
            self._down = True
            log.warning(
                "Redis unreachable (%s): serving from this replica's memory cache and rate "
                "budget until it is back",
                type(error).__name__,
            )


class FailoverCache:
    """Redis first, this replica's memory when Redis is unreachable."""

    def __init__(self, primary: RedisBackedCache, fallback: MemoryCache, link: RedisLink) -> None:
        self.primary = primary
        self.fallback = fallback
        self.link = link

    async def get(self, key: str) -> Any:
        return await self.link.run(lambda: self.primary.get(key), lambda: self.fallback.get(key))

    async def set(self, key: str, value: Any, ttl: int, *, size: int | None = None) -> None:
        await self.link.run(
            lambda: self.primary.set(key, value, ttl, size=size),
            lambda: self.fallback.set(key, value, ttl, size=size),
        )

    async def get_many(self, keys: list[str]) -> list[Any]:
        return await self.link.run(
            lambda: self.primary.get_many(keys), lambda: self.fallback.get_many(keys)
        )

    async def set_many(self, items: list[CacheEntry], ttl: int) -> None:
        await self.link.run(
            lambda: self.primary.set_many(items, ttl), lambda: self.fallback.set_many(items, ttl)
        )

    async def add(self, key: str, value: Any, ttl: int) -> bool:
        return await self.link.run(
            lambda: self.primary.add(key, value, ttl), lambda: self.fallback.add(key, value, ttl)
        )

    async def generation(self, tenant: str, kind: str) -> int:
        return await self.link.run(
            lambda: self.primary.generation(tenant, kind),
            lambda: self.fallback.generation(tenant, kind),
        )

    async def bump_generation(self, tenant: str, kind: str) -> int:
        # Both, so that entries written to either place during an outage go stale.
        local = await self.fallback.bump_generation(tenant, kind)
        return await self.link.run(
            lambda: self.primary.bump_generation(tenant, kind), lambda: _value(local)
        )

    async def close(self) -> None:
        await self.fallback.close()
        await self.primary.close()


async def _value(value: T) -> T:
    return value


class RedisBudgetStore:
    """Budget windows in Redis hashes, updated atomically (WATCH/MULTI) across replicas."""

    def __init__(self, client: redis_asyncio.Redis) -> None:
        self.client = client

    async def update(
        self, key: str, change: Callable[[Window | None], tuple[Window | None, Decision | None]]
    ) -> Decision | None:
        name = f"vgw:budget:{key}"
        async with self.client.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(name)
                    window, decision = change(_window(await pipe.hgetall(name)))
                    pipe.multi()  # type: ignore[no-untyped-call]
                    if window is not None:
                        pipe.hset(name, mapping=dict[Any, Any](window_to_mapping(window)))
                        pipe.expireat(name, int(window.resets_at) + 60)
                    await pipe.execute()
                    return decision
                except WatchError:
                    continue  # another replica changed the window meanwhile: decide again

    async def get(self, key: str) -> Window | None:
        return _window(await self.client.hgetall(f"vgw:budget:{key}"))


def _window(data: Mapping[bytes | str, bytes | str]) -> Window | None:
    if not data:
        return None
    return window_from_mapping({_text(k): _text(v) for k, v in data.items()})


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class FailoverBudgetStore:
    def __init__(self, primary: RedisBudgetStore, fallback: MemoryBudgetStore, link: RedisLink):
        self.primary = primary
        self.fallback = fallback
        self.link = link

    async def update(
        self, key: str, change: Callable[[Window | None], tuple[Window | None, Decision | None]]
    ) -> Decision | None:
        return await self.link.run(
            lambda: self.primary.update(key, change), lambda: self.fallback.update(key, change)
        )

    async def get(self, key: str) -> Window | None:
        return await self.link.run(lambda: self.primary.get(key), lambda: self.fallback.get(key))


@dataclass
class Stores:
    """Where the cache and the rate budget live, and how to tell whether that place works."""

    cache: Cache
    budget: BudgetStore
    redis: RedisBackedCache | None = None

    async def redis_check(self) -> str | None:
        """None without Redis; else 'ok' or why it is not reachable."""
        if self.redis is None:
            return None
        try:
            await self.redis.ping()
        except _ERRORS as error:
            return f"unreachable: {type(error).__name__} (serving from local memory)"
        return "ok"


def create_stores(settings: Settings) -> Stores:
    """The cache and budget store named by ``GATEWAY_CACHE_URL``."""
    memory = MemoryCache(settings.cache_max_bytes)
    if settings.cache_url.startswith("memory://"):
        return Stores(memory, MemoryBudgetStore())
    if not is_redis_url(settings.cache_url):
        raise SettingsError(
            f"GATEWAY_CACHE_URL: unsupported backend {redact(settings.cache_url)!r}"
        )
    redis_cache = RedisBackedCache.from_endpoint(endpoint(settings.cache_url))
    link = RedisLink()
    return Stores(
        FailoverCache(redis_cache, memory, link),
        FailoverBudgetStore(RedisBudgetStore(redis_cache.client), MemoryBudgetStore(), link),
        redis_cache,
    )
