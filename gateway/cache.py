"""The gateway's cache: our small interface over aiocache.

Keys never contain a token: they carry the principal (a SHA-256 digest of the token) and a
generation number per (tenant, resource kind). Bumping a generation makes every older entry
of that tenant and kind unreachable at once; the entries then expire by their TTL.

Values are JSON values (what Visma sent, or what the gateway derived from it). The memory
backend keeps them decoded, so a hit costs no parsing; callers must treat them as read-only.
It is bounded by the encoded size of its entries and evicts the least recently used first.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import orjson
from aiocache import SimpleMemoryCache

from gateway.settings import Settings, SettingsError


def normalized_query(params: Mapping[str, str]) -> str:
    """The query string of ``params`` in a canonical order, so equal requests share a key."""
    return urlencode(sorted(params.items()))


class Cache:
    """JSON values under string keys, with TTLs, plus the generation counters."""

    def __init__(self, backend: SimpleMemoryCache, max_bytes: int) -> None:
        self._backend = backend
        self._max_bytes = max_bytes
        # key -> (size, expiry on the monotonic clock), least recently used first.
        self._index: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._bytes = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    async def get(self, key: str) -> Any:
        """The value under ``key``, or None."""
        if key not in self._index:
            return None
        entry = await self._backend.get(key)
        if not isinstance(entry, _Entry):
            return None
        self._index.move_to_end(key)
        return entry.value

    async def set(self, key: str, value: Any, ttl: int, *, size: int | None = None) -> None:
        """Keep ``value`` for ``ttl`` seconds. ``size`` is its encoded length when the caller
        already knows it (a response body); otherwise it is measured."""
        if size is None:
            size = len(orjson.dumps(value))
        if ttl <= 0 or size > self._max_bytes:
            return
        self._forget(key)
        await self._backend.set(key, _Entry(value), ttl=ttl)
        self._index[key] = (size, time.monotonic() + ttl)
        self._bytes += size
        if self._bytes > self._max_bytes:
            await self._evict()

    async def add(self, key: str, value: Any, ttl: int) -> bool:
        """Keep ``value`` only if ``key`` holds nothing; True when it was stored. Atomic in
        the backend, so of two concurrent callers exactly one wins."""
        size = len(orjson.dumps(value))
        try:
            await self._backend.add(key, _Entry(value), ttl=ttl)
        except ValueError:
            return False
        self._forget(key)
        self._index[key] = (size, time.monotonic() + ttl)
        self._bytes += size
        return True

    async def generation(self, tenant: str, kind: str) -> int:
        """The current generation of (tenant, kind).

        A counter that is missing (never set, or lost) starts from the clock, so it never
        falls back to a value that older entries were written under.
        """
        key = _generation_key(tenant, kind)
        value = await self._backend.get(key)
        if isinstance(value, int):
            return value
        start = time.time_ns()
        try:
            await self._backend.add(key, start)
        except ValueError:  # another caller started it first
            value = await self._backend.get(key)
            return value if isinstance(value, int) else start
        return start

    async def bump_generation(self, tenant: str, kind: str) -> int:
        """Make every cached entry of (tenant, kind) unreachable."""
        current = await self.generation(tenant, kind)
        new = max(current + 1, time.time_ns())
        await self._backend.set(_generation_key(tenant, kind), new)
        return new

    async def close(self) -> None:
        await self._backend.close()

    def _forget(self, key: str) -> None:
        entry = self._index.pop(key, None)
        if entry is not None:
            self._bytes -= entry[0]

    async def _evict(self) -> None:
        now = time.monotonic()
        # Entries aiocache already dropped by TTL still count here; release those first.
        for key in [k for k, (_, expiry) in self._index.items() if expiry <= now]:
            self._forget(key)
        while self._bytes > self._max_bytes and self._index:
            key, (size, _) = self._index.popitem(last=False)
            self._bytes -= size
            await self._backend.delete(key)


class _Entry:
    """Wraps a cached value so that a stored JSON ``null`` is told from a miss."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _generation_key(tenant: str, kind: str) -> str:
    return f"gen|{tenant}|{kind}"


def create_cache(settings: Settings) -> Cache:
    """Build the cache named by ``GATEWAY_CACHE_URL``."""
    if settings.cache_url.startswith("memory://"):
        return Cache(SimpleMemoryCache(), settings.cache_max_bytes)
    raise SettingsError(f"GATEWAY_CACHE_URL: unsupported backend {settings.cache_url!r}")


def entry_key(*parts: Any) -> str:
    """Join key parts; callers pass principal and generation among them."""
    return "|".join(str(part) for part in parts)
