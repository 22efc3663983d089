"""Where idempotency records live: apart from the cache, so that no cache eviction drops one.

In memory (one replica) the records sit in their own table, bounded only by their TTLs (one
record per keyed mutation). With Redis they are keys under their own prefix (``vgw:idem:``)
in the Redis that ``GATEWAY_IDEMPOTENCY_URL`` names (by default the cache's), each with a TTL.
Redis evicts keys with a TTL under every ``volatile-*`` and ``allkeys-*`` policy once
``maxmemory`` is reached, so that Redis must run with ``maxmemory-policy noeviction`` (or
without ``maxmemory``): point ``GATEWAY_IDEMPOTENCY_URL`` at a small instance configured so
when the cache's Redis evicts. A Redis that cannot be reached is never replaced by this
replica's memory: another replica could hold the claim there, so keyed writes are refused
with IDEMPOTENCY_STORE_UNAVAILABLE until Redis answers again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

import orjson
import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from gateway.errors import IdempotencyStoreUnavailable
from gateway.redis_url import endpoint
from gateway.settings import Settings

log = logging.getLogger(__name__)

_RETRY_AFTER_SECONDS = 5
_SWEEP_EVERY = 1000


class IdempotencyStore(Protocol):
    """JSON records under string keys, each with a TTL."""

    async def claim(self, key: str, value: Any, ttl: float) -> bool:
        """Store ``value`` only if ``key`` holds nothing; True when it was stored (atomic)."""

    async def get(self, key: str) -> Any:
        """The record under ``key``, or None."""

    async def put(self, key: str, value: Any, ttl: float) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds."""

    async def extend(self, key: str, ttl: float) -> None:
        """Keep the record under ``key`` for ``ttl`` seconds from now."""

    async def close(self) -> None: ...


class MemoryIdempotencyStore:
    """The records of one process; expired ones are swept as new ones arrive."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._records: dict[str, tuple[Any, float]] = {}
        self._clock = clock
        self._writes = 0

    async def claim(self, key: str, value: Any, ttl: float) -> bool:
        if await self.get(key) is not None:
            return False
        await self.put(key, value, ttl)
        return True

    async def get(self, key: str) -> Any:
        record = self._records.get(key)
        if record is None or record[1] <= self._clock():
            return None
        return record[0]

    async def put(self, key: str, value: Any, ttl: float) -> None:
        self._records[key] = (value, self._clock() + ttl)
        self._writes += 1
        if self._writes % _SWEEP_EVERY == 0:
            now = self._clock()
            for stale in [k for k, (_, expires) in self._records.items() if expires <= now]:
                del self._records[stale]

    async def extend(self, key: str, ttl: float) -> None:
        record = self._records.get(key)
        if record is not None:
            self._records[key] = (record[0], self._clock() + ttl)

    async def close(self) -> None:
        self._records.clear()


class RedisIdempotencyStore:
    """Records in Redis under ``vgw:idem:``; any Redis failure is a coded refusal."""

    def __init__(self, client: redis_asyncio.Redis) -> None:
        self.client = client
        self._policy_checked = False

    async def claim(self, key: str, value: Any, ttl: float) -> bool:
        if not self._policy_checked:
            self._policy_checked = True
            await self._warn_if_evicting()
        stored = await self._call(
            self.client.set(_name(key), orjson.dumps(value), nx=True, px=_ms(ttl))
        )
        return bool(stored)

    async def get(self, key: str) -> Any:
        raw = await self._call(self.client.get(_name(key)))
        return None if raw is None else orjson.loads(raw)

    async def put(self, key: str, value: Any, ttl: float) -> None:
        await self._call(self.client.set(_name(key), orjson.dumps(value), px=_ms(ttl)))

    async def extend(self, key: str, ttl: float) -> None:
        await self._call(self.client.pexpire(_name(key), _ms(ttl)))

    async def close(self) -> None:
        await self.client.aclose()

    async def _warn_if_evicting(self) -> None:
        """Say once when this Redis may evict records (managed Redis may forbid CONFIG)."""
        try:
            config = await self.client.config_get("maxmemory*")
        except (RedisError, OSError, TimeoutError):
            return
        values = {_text(k): _text(v) for k, v in config.items()}
        policy = values.get("maxmemory-policy", "noeviction")
        if values.get("maxmemory", "0") != "0" and policy != "noeviction":
            log.warning(
                "the Redis of idempotency records evicts keys (maxmemory-policy %s): a record "
                "evicted early lets a repeated mutation write again; set noeviction there or "
                "point GATEWAY_IDEMPOTENCY_URL at a Redis that does not evict",
                policy,
            )

    async def _call(self, command: Any) -> Any:
        try:
            return await command
        except (TimeoutError, RedisError, OSError):
            raise IdempotencyStoreUnavailable(
                "The store of idempotency keys is unreachable, so this write could run twice; "
                "it was not sent. Retry later with the same idempotencyKey",
                retryAfter=_RETRY_AFTER_SECONDS,
            ) from None


def create_idempotency_store(settings: Settings) -> IdempotencyStore:
    """The store ``GATEWAY_IDEMPOTENCY_URL`` names, by default the cache's Redis (or memory)."""
    url = settings.idempotency_url or settings.cache_url
    if url.startswith("memory://"):
        return MemoryIdempotencyStore()
    where = endpoint(url)
    client = redis_asyncio.Redis(
        host=where.host,
        port=where.port,
        db=where.db,
        password=where.password,
        ssl=where.tls,
        socket_timeout=1,
        socket_connect_timeout=1,
    )
    return RedisIdempotencyStore(client)


def _name(key: str) -> str:
    return f"vgw:idem:{key}"


def _text(value: bytes | str | None) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))
