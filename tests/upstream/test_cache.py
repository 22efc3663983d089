"""The cache: bounded memory, TTLs and generations."""

from __future__ import annotations

import asyncio

from gateway.simulator import COMPANY_A_TENANT
from gateway.upstream.cache import OBJECT_BYTES_PER_JSON_BYTE as WEIGHT
from gateway.upstream.cache import MemoryCache, normalized_query
from tests.conftest import Gateway


def test_query_normalisation_ignores_order() -> None:
    assert normalized_query({"b": "2", "a": "1"}) == normalized_query({"a": "1", "b": "2"})
    assert normalized_query({"a": ">="}) == "a=%3E%3D"


async def test_memory_is_bounded_and_evicts_the_least_recently_used() -> None:
    cache = MemoryCache(max_bytes=100 * WEIGHT)
    await cache.set("a", ["x"], ttl=60, size=40)
    await cache.set("b", ["y"], ttl=60, size=40)
    assert await cache.get("a") == ["x"]  # a is now the most recently used

    await cache.set("c", ["z"], ttl=60, size=40)

    assert cache.size_bytes <= 100 * WEIGHT
    assert await cache.get("b") is None
    assert await cache.get("a") is not None and await cache.get("c") is not None


async def test_memory_freed_by_evictions_is_handed_back_once_an_eighth_of_the_bound() -> None:
    released: list[int] = []
    cache = MemoryCache(max_bytes=80 * WEIGHT, release=lambda: released.append(cache.size_bytes))
    await cache.set("a", ["a"], ttl=60, size=5)
    for key in "bcdefgh":
        await cache.set(key, [key], ttl=60, size=10)
    assert released == []  # 75 of 80: nothing evicted yet

    await cache.set("i", ["i"], ttl=60, size=10)  # evicts a: 5, less than an eighth
    assert released == []

    await cache.set("j", ["j"], ttl=60, size=10)  # evicts b: 15 evicted in all
    assert len(released) == 1
    assert await cache.get("a") is None and await cache.get("b") is None


async def test_sizes_are_weighed_from_json_and_oversized_entries_are_not_kept() -> None:
    cache = MemoryCache(max_bytes=10 * WEIGHT)
    await cache.set("small", "x" * 8, ttl=60)  # 10 bytes as JSON
    assert cache.size_bytes == 10 * WEIGHT
    await cache.set("big", "x" * 9, ttl=60)
    assert await cache.get("big") is None
    assert await cache.get("small") == "x" * 8


async def test_entries_kept_together_are_weighed_by_the_sizes_given_else_from_json() -> None:
    cache = MemoryCache(max_bytes=100 * WEIGHT)
    await cache.set_many([("given", ["x"], 40), ("measured", "x" * 8, None)], ttl=60)
    assert cache.size_bytes == (40 + 10) * WEIGHT
    assert await cache.get("given") == ["x"]


async def test_entries_expire() -> None:
    cache = MemoryCache(max_bytes=100)
    await cache.set("a", {"v": 1}, ttl=1)
    await asyncio.sleep(1.1)
    assert await cache.get("a") is None


async def test_bumping_a_generation_moves_only_that_tenant_and_kind() -> None:
    cache = MemoryCache(max_bytes=100)
    a = await cache.generation("tenant-a", "supplier")
    b = await cache.generation("tenant-b", "supplier")
    invoices = await cache.generation("tenant-a", "supplierInvoice")

    assert await cache.bump_generation("tenant-a", "supplier") > a
    assert await cache.generation("tenant-b", "supplier") == b
    assert await cache.generation("tenant-a", "supplierInvoice") == invoices


async def test_a_bumped_generation_makes_the_gateway_read_again(gateway: Gateway) -> None:
    query = "{ suppliers(first: 5) { totalCount } }"
    await gateway.query(query)
    assert (await gateway.query(query))["extensions"]["upstream"]["calls"] == 0

    await gateway.app.state.upstream.cache.bump_generation(COMPANY_A_TENANT, "supplier")

    assert (await gateway.query(query))["extensions"]["upstream"]["calls"] == 1
