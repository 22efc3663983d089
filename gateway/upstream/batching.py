"""Per-operation DataLoaders and the planner that picks per-key or bulk calls.

Visma's list endpoints filter by one supplier at a time. For a batch of N suppliers the nested
lists can be read as N filtered calls, or as the whole filtered collection (ceil(total / page
size) calls) grouped by supplier. The planner compares the two with the ``totalCount`` it has
seen for that principal and filter shape; when it has seen none, it reads the first bulk page
as a probe and decides on what that page tells. Bulk results are cached per supplier (and per
record), so later operations read them without calling Visma.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from gateway.errors import NotFound
from gateway.resources.declaration import RecordKey, Resource
from gateway.upstream import paths
from gateway.upstream.cache import normalized_query
from gateway.upstream.session import Item, Slice, UpstreamSession

Params = tuple[tuple[str, str], ...]
# Entries cached per turn of the slicer.
_CHUNK = 50


@dataclass(frozen=True)
class Window:
    """Which items of a list a connection asks for."""

    offset: int
    limit: int

    def of(self, items: Sequence[Item]) -> Slice:
        chosen = list(items[self.offset : self.offset + self.limit])
        return Slice(chosen, len(items), len(items) > self.offset + len(chosen))


SupplierWindow = tuple[str, Window]


class Planner:
    """Decides between per-key and bulk reads, remembering the list sizes it has seen."""

    def __init__(self, session: UpstreamSession) -> None:
        self.session = session

    def per_key_calls(self, collection: Resource, window: Window, keys: int) -> int:
        """What ``keys`` filtered reads of ``window`` cost."""
        cap = self.session.upstream.page_size(collection.path)
        return keys * max(1, math.ceil((window.offset % cap + window.limit) / cap))

    async def bulk_if_cheaper(
        self, collection: Resource, params: Mapping[str, str], per_key_calls: int
    ) -> list[Item] | None:
        """The whole filtered collection when reading it costs fewer calls than
        ``per_key_calls``; None when the per-key reads are the cheaper plan."""
        session, kind, path = self.session, collection.kind, collection.path
        if per_key_calls <= 1:
            return None
        if not collection.paged:
            data = await session.get(kind, path, params)
            return (
                [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
            )
        known = await self.known_pages(collection, params)
        if known is not None:
            if known >= per_key_calls:
                return None
            return await session.list_all(kind, path, params)
        first = await session.first_bulk_page(kind, path, params)
        if first.total is not None:
            await session.remember(
                await self._stats_key(collection, params),
                {"total": first.total, "pageSize": first.effective_size},
                kind,
            )
        left = session.pages_left(first)
        if left is None or left > per_key_calls:
            return None
        return await session.rest_of(first, kind, path, params)

    async def known_pages(self, collection: Resource, params: Mapping[str, str]) -> int | None:
        """Calls a bulk read of the filtered collection costs, if its size has been seen."""
        stats = await self.session.recall(await self._stats_key(collection, params), counted=False)
        if stats is None:
            return None
        pages: int = max(1, math.ceil(stats["total"] / stats["pageSize"]))
        return pages

    async def _stats_key(self, collection: Resource, params: Mapping[str, str]) -> str:
        return await self.session.key("stats", collection.kind, normalized_query(params))


class Loaders:
    """The DataLoaders of one operation: one per collection and filter shape."""

    def __init__(self, session: UpstreamSession) -> None:
        self.session = session
        self.planner = Planner(session)
        self._by_supplier: dict[tuple[str, Params], DataLoader[SupplierWindow, Slice]] = {}
        self._records: dict[str, DataLoader[RecordKey, Item | None]] = {}

    def by_supplier(
        self, collection: Resource, params: Mapping[str, str]
    ) -> DataLoader[SupplierWindow, Slice]:
        """Loads windows of ``collection`` filtered by ``params``, keyed by supplier number."""
        shape = (collection.kind, tuple(sorted(params.items())))
        loader = self._by_supplier.get(shape)
        if loader is None:
            frozen = dict(params)

            async def load(keys: list[SupplierWindow]) -> list[Slice | BaseException]:
                return await self._load_by_supplier(collection, frozen, keys)

            loader = DataLoader(load_fn=load)
            self._by_supplier[shape] = loader
        return loader

    def records(self, collection: Resource) -> DataLoader[RecordKey, Item | None]:
        """Loads single records of ``collection`` by their key; None when they do not exist."""
        loader = self._records.get(collection.kind)
        if loader is None:

            async def load(keys: list[RecordKey]) -> list[Item | BaseException | None]:
                return await self._load_records(collection, keys)

            loader = DataLoader(load_fn=load)
            self._records[collection.kind] = loader
        return loader

    def prime_records(self, collection: Resource, items: Sequence[Item]) -> None:
        """Let records already read in a list answer later lookups of the same operation."""
        loader = self.records(collection)
        for item in items:
            key = collection.record_key(item)
            if key is not None:
                loader.prime(key, item)

    async def _load_by_supplier(
        self, collection: Resource, params: dict[str, str], keys: list[SupplierWindow]
    ) -> list[Slice | BaseException]:
        session, kind = self.session, collection.kind
        parent_param = collection.parent_param
        query = normalized_query(params)
        results: dict[SupplierWindow, Slice | BaseException] = {}
        complete = await session.recall(
            await session.key("grouped-all", kind, query), counted=False
        )
        pending: list[SupplierWindow] = []
        unique = list(dict.fromkeys(keys))
        cached_groups = await session.recall_many(
            [await session.key("grouped", kind, query, number) for number, _ in unique]
        )
        for (number, window), grouped in zip(unique, cached_groups, strict=True):
            if grouped is not None or complete is not None:
                results[(number, window)] = window.of(grouped or [])
                continue
            cached = await session.list_range(
                kind,
                collection.path,
                {**params, parent_param: number},
                window.offset,
                window.limit,
                cached_only=True,
            )
            if cached is not None:
                results[(number, window)] = cached
            else:
                pending.append((number, window))
        if pending:
            cost = sum(self.planner.per_key_calls(collection, w, 1) for _, w in pending)
            try:
                everything = await self.planner.bulk_if_cheaper(collection, params, cost)
            except Exception as error:  # the whole batch shares the failure of the bulk read
                everything, failure = None, error
                results.update({key: failure for key in pending})
                pending = []
            if everything is not None:
                groups = await self._remember_groups(collection, query, everything)
                results.update({(n, w): w.of(groups.get(n, [])) for n, w in pending})
            elif pending:
                answers = await asyncio.gather(
                    *(
                        session.list_range(
                            kind,
                            collection.path,
                            {**params, parent_param: number},
                            window.offset,
                            window.limit,
                        )
                        for number, window in pending
                    ),
                    return_exceptions=True,
                )
                for key, answer in zip(pending, answers, strict=True):
                    results[key] = answer if answer is not None else key[1].of([])
        return [results[key] for key in keys]

    async def _remember_groups(
        self, collection: Resource, query: str, items: list[Item]
    ) -> dict[str, list[Item]]:
        session, kind = self.session, collection.kind
        groups: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            number = collection.parent_key(item)
            if number is not None:
                groups[number].append(item)
        entries = [
            (await session.key("grouped", kind, query, number), group)
            for number, group in groups.items()
        ]
        await self._remember_in_turns(entries, kind)
        await session.remember(await session.key("grouped-all", kind, query), True, kind)
        return groups

    async def _load_records(
        self, collection: Resource, keys: list[RecordKey]
    ) -> list[Item | BaseException | None]:
        session, kind = self.session, collection.kind
        results: dict[RecordKey, Item | BaseException | None] = {}
        complete = await session.recall(await session.key("records-all", kind), counted=False)
        pending: list[RecordKey] = []
        unique = list(dict.fromkeys(keys))
        records = await session.recall_many(
            [await session.key("record", kind, *key) for key in unique]
        )
        for key, record in zip(unique, records, strict=True):
            if record is not None or complete is not None:
                results[key] = record
                continue
            try:
                path = paths.build(collection.record_path, *key)
            except Exception as error:
                results[key] = error
                continue
            cached = await session.peek(kind, path)
            if cached is not None:
                results[key] = cached
            else:
                pending.append(key)
        if pending:
            try:
                everything = await self.planner.bulk_if_cheaper(collection, {}, len(pending))
            except Exception as error:
                everything = None
                results.update({key: error for key in pending})
                pending = []
            if everything is not None:
                index = await self._remember_records(collection, everything)
                results.update({key: index.get(key) for key in pending})
            elif pending:
                answers = await asyncio.gather(
                    *(self._get_record(collection, key) for key in pending),
                    return_exceptions=True,
                )
                results.update(zip(pending, answers, strict=True))
        return [results[key] for key in keys]

    async def _get_record(self, collection: Resource, key: RecordKey) -> Item | None:
        try:
            data = await self.session.get(
                collection.kind, paths.build(collection.record_path, *key)
            )
        except NotFound:
            return None
        return data if isinstance(data, dict) else None

    async def _remember_records(
        self, collection: Resource, items: list[Item]
    ) -> dict[RecordKey, Item]:
        session, kind = self.session, collection.kind
        index: dict[RecordKey, Item] = {}
        for item in items:
            key = collection.record_key(item)
            if key is not None:
                index[key] = item
        entries = [(await session.key("record", kind, *key), item) for key, item in index.items()]
        await self._remember_in_turns(entries, kind)
        await session.remember(await session.key("records-all", kind), True, kind)
        return index

    async def _remember_in_turns(self, entries: Sequence[tuple[str, Any]], kind: str) -> None:
        """Cache ``entries`` a chunk per turn of the slicer: sizing them is CPU work."""
        slicer = self.session.upstream.slicer
        for start in range(0, len(entries), _CHUNK):
            await slicer.turn()
            await self.session.remember_many(list(entries[start : start + _CHUNK]), kind)
