"""The gateway's cache: our small interface over aiocache, in memory or in Redis.

Keys never contain a token: they carry the principal (a SHA-256 digest of the token) and a
generation number per (tenant, resource kind). Bumping a generation makes every older entry
of that tenant and kind unreachable at once; the entries then expire by their TTL. A missing
generation counter starts from the clock, so it never falls back to a value older entries
were written under.

Generation counters expire ``GENERATION_TTL`` after they start, so that the counters of tokens
never seen again do not pile up; a counter that starts again starts from the clock, above
every value before it, so older entries stay unreachable.

Values are JSON values (what Visma sent, or what the gateway derived from it), or ``Rows``
(lists kept as Visma's text until read), which Redis stores as their text and gives back
decoded. The memory backend keeps values as they are, so a hit costs no parsing (callers
treat them as read-only); it is bounded by the memory its entries take, estimated as
``OBJECT_BYTES_PER_JSON_BYTE`` times their encoded size (whether they are decoded yet or
not), and evicts the least recently used first, handing what evictions freed
back to the operating system (``gateway.upstream.heap``) so that the bound holds in the
process's resident memory, not only in the estimate.
The Redis backend shares entries and generations between replicas; when Redis cannot be
reached the gateway carries on with its memory cache (see ``gateway.upstream.redis``).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, Protocol
from urllib.parse import urlencode

import orjson
from aiocache import RedisCache, SimpleMemoryCache
from aiocache.serializers import BaseSerializer

from gateway.redis_url import RedisEndpoint
from gateway.upstream.heap import trim_heap
from gateway.upstream.rows import to_json

GENERATION_TTL = 24 * 3600
# Decoded JSON takes about four times its encoded size as Python objects (measured with
# tracemalloc over the simulator's list pages: 3.8 to 4.25), and the allocators keep part of
# what evicted entries freed (pymalloc's partly used arenas). With 5, a cache filled far beyond
# its bound kept at most 0.9 of it resident (bench.big_company); with 4, up to 1.1.
OBJECT_BYTES_PER_JSON_BYTE = 5


# A value to keep under a key, with its encoded length when the caller knows it (None: the
# cache measures it).
CacheEntry = tuple[str, Any, int | None]


def normalized_query(params: Mapping[str, str]) -> str:
    """The query string of ``params`` in a canonical order, so equal requests share a key."""
    return urlencode(sorted(params.items()))


def entry_key(*parts: Any) -> str:
    """Join key parts; callers pass principal and generation among them."""
    return "|".join(str(part) for part in parts)


class Cache(Protocol):
    """JSON values under string keys, with TTLs, plus the generation counters."""

    async def get(self, key: str) -> Any:
        """The value under ``key``, or None."""

    async def set(self, key: str, value: Any, ttl: int, *, size: int | None = None) -> None:
        """Keep ``value`` for ``ttl`` seconds. ``size`` is its encoded length when the caller
        already knows it (a response body)."""

    async def get_many(self, keys: list[str]) -> list[Any]:
        """The values under ``keys`` (None where missing), in one round trip."""

    async def set_many(self, items: list[CacheEntry], ttl: int) -> None:
        """Keep several values for ``ttl`` seconds, in one round trip."""

    async def add(self, key: str, value: Any, ttl: int) -> bool:
        """Keep ``value`` only if ``key`` holds nothing; True when it was stored. Atomic in
        the backend, so of two concurrent callers (on any replica) exactly one wins."""

    async def generation(self, tenant: str, kind: str) -> int: ...

    async def bump_generation(self, tenant: str, kind: str) -> int:
        """Make every cached entry of (tenant, kind) unreachable."""

    async def close(self) -> None: ...


class MemoryCache:
    """The cache of one process, bounded in bytes. ``bytes_per_json_byte`` estimates the
    memory an entry takes from its encoded size (1 for values kept encoded)."""

    def __init__(
        self,
        max_bytes: int,
        *,
        bytes_per_json_byte: int = OBJECT_BYTES_PER_JSON_BYTE,
        release: Callable[[], None] = trim_heap,
    ) -> None:
        # Expiry is kept in the index below rather than as one event-loop timer per entry,
        # and there is no per-call timeout: each would cost a task or a timer on a hot path.
        self._backend = SimpleMemoryCache(timeout=None)
        self._max_bytes = max_bytes
        self._scale = bytes_per_json_byte
        # key -> (size, expiry on the monotonic clock), least recently used first.
        self._index: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._bytes = 0
        # key -> (generation, expiry on the monotonic clock)
        self._generations: dict[str, tuple[int, float]] = {}
        self._sweep_at = 1024
        # Bytes evicted since memory was last handed back: a trim walks the heap, so it runs
        # once an eighth of the bound has been freed, not after every eviction.
        self._release = release
        self._evicted = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    async def get(self, key: str) -> Any:
        indexed = self._index.get(key)
        if indexed is None:
            return None
        if indexed[1] <= time.monotonic():
            self._forget(key)
            await self._backend.delete(key)
            return None
        entry = await self._backend.get(key)
        if not isinstance(entry, _Entry):
            return None
        self._index.move_to_end(key)
        return entry.value

    async def get_many(self, keys: list[str]) -> list[Any]:
        return [await self.get(key) for key in keys]

    async def set_many(self, items: list[CacheEntry], ttl: int) -> None:
        for key, value, size in items:
            await self.set(key, value, ttl, size=size)

    async def set(self, key: str, value: Any, ttl: int, *, size: int | None = None) -> None:
        if size is None:
            size = len(orjson.dumps(value, default=to_json))
        size *= self._scale
        if ttl <= 0 or size > self._max_bytes:
            return
        await self._backend.set(key, _Entry(value))
        # No await between these two: a concurrent get must never find the key missing.
        self._forget(key)
        self._index[key] = (size, time.monotonic() + ttl)
        self._bytes += size
        if self._bytes > self._max_bytes:
            await self._evict()

    async def add(self, key: str, value: Any, ttl: int) -> bool:
        size = len(orjson.dumps(value, default=to_json)) * self._scale
        try:
            await self._backend.add(key, _Entry(value))
        except ValueError:
            indexed = self._index.get(key)
            if indexed is not None and indexed[1] > time.monotonic():
                return False
            await self._backend.set(key, _Entry(value))  # the holder had expired
        self._forget(key)
        self._index[key] = (size, time.monotonic() + ttl)
        self._bytes += size
        if self._bytes > self._max_bytes:
            await self._evict()
        return True

    async def generation(self, tenant: str, kind: str) -> int:
        key = _generation_key(tenant, kind)
        now = time.monotonic()
        held = self._generations.get(key)
        if held is not None and held[1] > now:
            return held[0]
        if len(self._generations) >= self._sweep_at:
            self._generations = {k: v for k, v in self._generations.items() if v[1] > now}
            self._sweep_at = max(1024, 2 * len(self._generations))
        value = time.time_ns()
        self._generations[key] = (value, now + GENERATION_TTL)
        return value

    async def bump_generation(self, tenant: str, kind: str) -> int:
        current = await self.generation(tenant, kind)
        key = _generation_key(tenant, kind)
        new = max(current + 1, time.time_ns())
        self._generations[key] = (new, self._generations[key][1])
        return new

    async def close(self) -> None:
        await self._backend.close()

    def _forget(self, key: str) -> None:
        entry = self._index.pop(key, None)
        if entry is not None:
            self._bytes -= entry[0]

    async def _evict(self) -> None:
        # Least recently used first; expired entries are among the oldest, or are dropped
        # when they are next read.
        while self._bytes > self._max_bytes and self._index:
            key, (size, _) = self._index.popitem(last=False)
            self._bytes -= size
            self._evicted += size
            await self._backend.delete(key)
        if self._evicted >= self._max_bytes // 8:
            self._evicted = 0
            self._release()


class _Entry:
    """Wraps a cached value so that a stored JSON ``null`` is told from a miss."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _OrjsonSerializer(BaseSerializer):  # type: ignore[misc]
    DEFAULT_ENCODING = None

    def dumps(self, value: Any) -> bytes:
        return orjson.dumps(value, default=to_json)

    def loads(self, value: bytes | None) -> Any:
        return None if value is None else orjson.loads(value)


class RedisBackedCache:
    """Entries and generations in Redis, shared by every replica. Errors reach the caller
    (``gateway.upstream.redis.FailoverCache`` turns them into a fallback)."""

    def __init__(self, backend: RedisCache) -> None:
        self._backend = backend

    @classmethod
    def from_endpoint(cls, where: RedisEndpoint) -> RedisBackedCache:
        return cls(
            RedisCache(
                serializer=_OrjsonSerializer(),
                endpoint=where.host,
                port=where.port,
                db=where.db,
                password=where.password,
                ssl=where.tls,
                namespace="vgw",
                timeout=1,
                create_connection_timeout=1,
            )
        )

    @property
    def client(self) -> Any:
        """The redis-py client, shared with the rate budget."""
        return self._backend.client

    async def get(self, key: str) -> Any:
        return await self._backend.get(key)

    async def set(self, key: str, value: Any, ttl: int, *, size: int | None = None) -> None:
        if ttl > 0:
            await self._backend.set(key, value, ttl=ttl)

    async def get_many(self, keys: list[str]) -> list[Any]:
        return list(await self._backend.multi_get(keys)) if keys else []

    async def set_many(self, items: list[CacheEntry], ttl: int) -> None:
        if items and ttl > 0:
            await self._backend.multi_set([(key, value) for key, value, _ in items], ttl=ttl)

    async def add(self, key: str, value: Any, ttl: int) -> bool:
        try:
            await self._backend.add(key, value, ttl=ttl)  # SET NX EX
        except ValueError:
            return False
        return True

    async def generation(self, tenant: str, kind: str) -> int:
        key = _generation_key(tenant, kind)
        value = await self._backend.get(key)
        if isinstance(value, int):
            return value
        start = time.time_ns()
        try:
            await self._backend.add(key, start, ttl=GENERATION_TTL)
        except ValueError:  # another replica started it first
            value = await self._backend.get(key)
            return value if isinstance(value, int) else start
        return start

    async def bump_generation(self, tenant: str, kind: str) -> int:
        await self.generation(tenant, kind)
        new: int = await self._backend.increment(_generation_key(tenant, kind), 1)
        return new

    async def ping(self) -> None:
        await self._backend.client.ping()

    async def close(self) -> None:
        await self._backend.close()


def _generation_key(tenant: str, kind: str) -> str:
    return f"gen|{tenant}|{kind}"
