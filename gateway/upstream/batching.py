"""Per-operation DataLoaders and the planner that picks per-key or bulk calls.

Visma's list endpoints filter by one parent (a supplier, a customer) at a time, and some lists
cannot be filtered by their parent at all. For a batch of N parents the nested lists can be read
as N filtered calls, or as the whole filtered collection (ceil(total / page size) calls) grouped
by parent. The planner weighs the two with the ``totalCount`` it has seen for that principal
and filter shape (``reads_whole``: calls first, but not at any price in bytes); when it has
seen no total, it reads the first bulk page as a probe and decides on what that page tells.
A list without a parent filter is always read whole. Bulk results are cached per parent
(and per record), so later operations read them without calling Visma.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from gateway.errors import NotFound
from gateway.resources.declaration import ParentLink, RecordKey, Resource
from gateway.upstream import paths
from gateway.upstream.cache import CacheEntry, normalized_query
from gateway.upstream.rows import Rows, decoded
from gateway.upstream.session import Bulk, FirstPage, Item, Slice, UpstreamSession

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


ParentWindow = tuple[str, Window]


@dataclass(frozen=True)
class PerKey:
    """What reading each key on its own costs: its calls, and the records they bring at most."""

    calls: int
    records: int


@dataclass(frozen=True)
class BulkSize:
    """What reading a whole filtered collection costs, as last seen."""

    pages: int
    total: int


def reads_whole(per_key: PerKey, calls: int, records: int, max_extra_records: int) -> bool:
    """Whether ``calls`` bringing ``records`` (the whole collection) beat ``per_key`` reads:
    calls first, since the hourly call budget is what locks a company out, but not at any
    price in bytes: no more calls, and at most ``max_extra_records`` records beyond those the
    keys need (``GATEWAY_PLANNER_MAX_EXTRA_RECORDS``). Round trips follow the calls: both
    plans send their calls ``GATEWAY_OPERATION_CONCURRENCY`` at a time, so the plan with
    fewer calls never waits for more rounds (the probe page, read before the choice, is sent
    with the page of parents: ``schema.prefetch``)."""
    return calls <= per_key.calls and records - per_key.records <= max_extra_records


class Planner:
    """Decides between per-key and bulk reads, remembering the list sizes it has seen."""

    def __init__(self, session: UpstreamSession) -> None:
        self.session = session
        # First bulk pages asked for ahead (``probe``), by collection and filter.
        self._probes: dict[tuple[str, str], FirstPage] = {}

    def per_key_calls(self, collection: Resource, window: Window, keys: int) -> int:
        """What ``keys`` filtered reads of ``window`` cost."""
        if not collection.paged:
            return keys  # answered whole: one call per key, whatever the window
        cap = self.session.upstream.page_size(collection.path)
        return keys * max(1, math.ceil((window.offset % cap + window.limit) / cap))

    async def bulk_if_cheaper(
        self, collection: Resource, params: Mapping[str, str], per_key: PerKey | None
    ) -> Bulk | None:
        """The whole filtered collection when reading it beats ``per_key`` reads
        (``reads_whole``); None when the per-key reads are the better plan. With ``per_key``
        None there is no per-key read, and the collection is read whole."""
        session, kind, path = self.session, collection.kind, collection.path
        if per_key is not None and per_key.calls <= 1:
            return None
        if not collection.paged:
            data, encoded_bytes = await session.get_sized(kind, path, params)
            items = [i for i in data if isinstance(i, dict)] if isinstance(data, list) else []
            return Bulk(Rows.of(items), encoded_bytes)
        known = await self.known_size(collection, params)
        if known is not None:
            if per_key is not None and not self._reads_whole(per_key, known.pages, known.total):
                return None
            return await session.list_all(kind, path, params)
        first = self._first_page(collection, params)
        # Decided on the head of the first page, as soon as it has come: the later pages are
        # then asked for while the first is still arriving.
        head = await first.head or await first.page
        if head.total is not None:
            await session.remember(
                await self._stats_key(collection, params),
                {"total": head.total, "pageSize": head.effective_size},
                kind,
            )
        left = session.pages_left(head)
        if per_key is not None:
            # The probe is spent either way: what is weighed is what is left to read.
            read = head.number * head.effective_size
            rest = 0 if left == 0 else max(0, (head.total or 0) - read)
            if left is None or not self._reads_whole(per_key, left, rest):
                return None
        return await session.read_whole(first, kind, path, params)

    def _reads_whole(self, per_key: PerKey, calls: int, records: int) -> bool:
        extra = self.session.upstream.settings.planner_max_extra_records
        return reads_whole(per_key, calls, records, extra)

    async def probe(self, collection: Resource, params: Mapping[str, str]) -> None:
        """Read the first bulk page of the filtered collection ahead, when its size has not
        been seen: the read ``bulk_if_cheaper`` starts with, which then takes this one."""
        if await self.known_size(collection, params) is None:
            await self._first_page(collection, params).page

    def release(self) -> None:
        """Forget the first pages read ahead (see ``Loaders.release``)."""
        self._probes.clear()

    def _first_page(self, collection: Resource, params: Mapping[str, str]) -> FirstPage:
        """The first bulk page of the filtered collection, read once per operation (asked
        for with the page size known then; later pages follow the size it came in)."""
        key = (collection.kind, normalized_query(params))
        page = self._probes.get(key)
        if page is None:
            page = self.session.read_first_page(collection.kind, collection.path, params)
            self._probes[key] = page
        return page

    async def known_size(self, collection: Resource, params: Mapping[str, str]) -> BulkSize | None:
        """What a bulk read of the filtered collection costs, if its size has been seen."""
        stats = await self.session.recall(await self._stats_key(collection, params), counted=False)
        if stats is None:
            return None
        total: int = stats["total"]
        return BulkSize(max(1, math.ceil(total / stats["pageSize"])), total)

    async def _stats_key(self, collection: Resource, params: Mapping[str, str]) -> str:
        return await self.session.key("stats", collection.kind, normalized_query(params))


class Loaders:
    """The DataLoaders of one operation: one per collection and filter shape."""

    def __init__(self, session: UpstreamSession) -> None:
        self.session = session
        self.planner = Planner(session)
        self._by_parent: dict[
            tuple[str, str | None, tuple[str, ...] | None, Params], DataLoader[ParentWindow, Slice]
        ] = {}
        self._records: dict[str, DataLoader[RecordKey, Item | None]] = {}

    def release(self) -> None:
        """Drop the loaders, with the windows and records they hold, and the planner's
        first pages (``Context.release``)."""
        self._by_parent.clear()
        self._records.clear()
        self.planner.release()

    def by_parent(
        self, collection: Resource, link: ParentLink, params: Mapping[str, str]
    ) -> DataLoader[ParentWindow, Slice]:
        """Loads windows of ``collection`` filtered by ``params``, keyed by the parent's key
        (the ``link``'s ``item_path``). Links that filter and group alike (a contact's
        business account, under suppliers and customers) share one loader."""
        shape = (collection.kind, link.param, link.item_path, tuple(sorted(params.items())))
        loader = self._by_parent.get(shape)
        if loader is None:
            frozen = dict(params)

            async def load(keys: list[ParentWindow]) -> list[Slice | BaseException]:
                return await self._load_by_parent(collection, link, frozen, keys)

            loader = DataLoader(load_fn=load)
            self._by_parent[shape] = loader
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

    async def _load_by_parent(
        self,
        collection: Resource,
        link: ParentLink,
        params: dict[str, str],
        keys: list[ParentWindow],
    ) -> list[Slice | BaseException]:
        session, kind = self.session, collection.kind
        # Without a parent filter, the list is read whole and grouped.
        parent_param = link.param
        query = normalized_query(params)
        # Groups are kept per grouping path: another link may group the same list otherwise.
        grouping = ".".join(link.item_path or ())
        results: dict[ParentWindow, Slice | BaseException] = {}
        complete = await session.recall(
            await session.key("grouped-all", kind, query, grouping), counted=False
        )
        pending: list[ParentWindow] = []
        unique = list(dict.fromkeys(keys))
        cached_groups = await session.recall_many(
            [await session.key("grouped", kind, query, grouping, parent) for parent, _ in unique]
        )
        for (parent, window), grouped in zip(unique, cached_groups, strict=True):
            if grouped is not None or complete is not None:
                results[(parent, window)] = window.of(decoded(grouped))
                continue
            cached = (
                None
                if parent_param is None
                else await self._of_parent(
                    collection, {**params, parent_param: parent}, window, cached_only=True
                )
            )
            if cached is not None:
                results[(parent, window)] = cached
            else:
                pending.append((parent, window))
        if pending:
            per_key = (
                None
                if parent_param is None
                else PerKey(
                    sum(self.planner.per_key_calls(collection, w, 1) for _, w in pending),
                    sum(w.limit for _, w in pending),
                )
            )
            try:
                everything = (
                    await self.planner.bulk_if_cheaper(collection, params, per_key)
                    if link.grouped
                    else None
                )
            except Exception as error:  # the whole batch shares the failure of the bulk read
                everything, failure = None, error
                results.update({key: failure for key in pending})
                pending = []
            if everything is not None:
                groups = await self._remember_groups(collection, link, query, everything)
                results.update({(p, w): w.of(decoded(groups.get(p))) for p, w in pending})
            elif pending and parent_param is not None:
                answers = await asyncio.gather(
                    *(
                        self._of_parent(collection, {**params, parent_param: parent}, window)
                        for parent, window in pending
                    ),
                    return_exceptions=True,
                )
                for key, answer in zip(pending, answers, strict=True):
                    results[key] = answer if answer is not None else key[1].of([])
        return [results[key] for key in keys]

    async def _of_parent(
        self,
        collection: Resource,
        params: dict[str, str],
        window: Window,
        *,
        cached_only: bool = False,
    ) -> Slice | None:
        """One parent's window of the list filtered by it (``params`` name the parent): paged
        as the window needs, or, for a list Visma answers whole, one call windowed here."""
        session, kind, path = self.session, collection.kind, collection.path
        if collection.paged:
            return await session.list_range(
                kind, path, params, window.offset, window.limit, cached_only=cached_only
            )
        data = await (session.peek if cached_only else session.get)(kind, path, params)
        if data is None and cached_only:
            return None
        items = [i for i in data if isinstance(i, dict)] if isinstance(data, list) else []
        return window.of(items)

    async def _remember_groups(
        self, collection: Resource, link: ParentLink, query: str, everything: Bulk
    ) -> dict[str, Rows]:
        session, kind = self.session, collection.kind
        grouping = ".".join(link.item_path or ())
        members: dict[str, list[int]] = defaultdict(list)
        if link.item_path is not None:
            for index, parent in enumerate(everything.rows.keys_at(link.item_path)):
                if parent is not None:
                    members[parent].append(index)
        # Each group stays JSON text until a query reads it: most of them are not read now.
        groups = {parent: everything.rows.take(indices) for parent, indices in members.items()}
        # Sized from the answers' length: encoding each group again to measure it cost as
        # much as a tenth of a cold query.
        entries = [
            (
                await session.key("grouped", kind, query, grouping, parent),
                group,
                everything.share(len(group)),
            )
            for parent, group in groups.items()
        ]
        await self._remember_in_turns(entries, kind)
        await session.remember(await session.key("grouped-all", kind, query, grouping), True, kind)
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
            if collection.record_path is None:
                pending.append(key)
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
                # A list without a read of one record is the only way to a record.
                per_key = PerKey(len(pending), len(pending)) if collection.record_path else None
                everything = await self.planner.bulk_if_cheaper(collection, {}, per_key)
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
        assert collection.record_path is not None  # read through the whole list otherwise
        try:
            data = await self.session.get(
                collection.kind, paths.build(collection.record_path, *key)
            )
        except NotFound:
            return None
        return data if isinstance(data, dict) else None

    async def _remember_records(
        self, collection: Resource, everything: Bulk
    ) -> dict[RecordKey, Item]:
        session, kind = self.session, collection.kind
        index: dict[RecordKey, Item] = {}
        for item in everything.items:
            key = collection.record_key(item)
            if key is not None:
                index[key] = item
        size = everything.share(1)
        entries = [
            (await session.key("record", kind, *key), item, size) for key, item in index.items()
        ]
        await self._remember_in_turns(entries, kind)
        await session.remember(await session.key("records-all", kind), True, kind)
        return index

    async def _remember_in_turns(self, entries: Sequence[CacheEntry], kind: str) -> None:
        """Cache ``entries`` a chunk per turn of the slicer: sizing them is CPU work."""
        slicer = self.session.upstream.slicer
        for start in range(0, len(entries), _CHUNK):
            await slicer.turn()
            await self.session.remember_many(list(entries[start : start + _CHUNK]), kind)
