"""The only HTTP client to Visma.net: token forwarding, caching, paging and single-flight.

``Upstream`` lives as long as the app and owns the one ``httpx.AsyncClient``. Each GraphQL
operation gets an ``UpstreamSession`` carrying the caller's credentials, the operation's call
counters, its deadline and a memo, so identical GETs inside one operation are sent once, and
identical GETs of one principal in concurrent operations share one call. Sending itself
(budget, breaker, retries, error codes) is ``gateway.upstream.sender``'s.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from gateway.credentials import Credentials
from gateway.errors import UpstreamError
from gateway.metrics import Metrics
from gateway.settings import Settings
from gateway.upstream.cache import Cache, CacheEntry, entry_key, normalized_query
from gateway.upstream.first_item import FirstItem
from gateway.upstream.rows import Rows
from gateway.upstream.sender import CallStats, Sender
from gateway.upstream.slicer import Slicer

Item = dict[str, Any]
INT32_MAX = 2**31 - 1  # GraphQL's Int

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageHead:
    """What a page of a Visma list tells of the list, from its first item's metadata."""

    number: int
    size: int
    total: int | None  # metadata.totalCount when plausible, for planning; else None
    max_page_size: int | None
    reported_total: int | None = None  # metadata.totalCount as sent, when it is a count

    @property
    def effective_size(self) -> int:
        """The page size Visma actually used (it silently clamps to its maximum)."""
        if self.max_page_size is not None and self.max_page_size < self.size:
            return self.max_page_size
        return self.size

    @property
    def is_last(self) -> bool:
        return self.total is not None and self.number * self.effective_size >= self.total


@dataclass(frozen=True)
class Page(PageHead):
    """One page of a Visma list answer."""

    rows: Rows = field(default_factory=lambda: Rows.of([]))
    encoded_bytes: int | None = None  # the answer's length, when read from Visma just now

    @property
    def items(self) -> list[Item]:
        return self.rows.items()

    @property
    def is_last(self) -> bool:
        return len(self.rows) < self.effective_size or super().is_last


@dataclass(frozen=True)
class FirstPage:
    """The first page of a list being read. ``head`` comes as soon as the start of the answer
    tells the list's size, else with the page (None when reading the page failed)."""

    head: asyncio.Future[PageHead | None]
    page: asyncio.Future[Page]


@dataclass(frozen=True)
class Bulk:
    """A whole filtered list, with the length of the answers it came in when every one of
    them was read from Visma by this operation (what caching parts of it costs)."""

    rows: Rows
    encoded_bytes: int | None

    @property
    def items(self) -> list[Item]:
        return self.rows.items()

    def share(self, count: int) -> int | None:
        """The encoded bytes of ``count`` of the items, taking each at the list's average."""
        if self.encoded_bytes is None or not self.rows:
            return None
        return self.encoded_bytes * count // len(self.rows)


@dataclass(frozen=True)
class Slice:
    """A window of a list, with what is known about the rest."""

    items: list[Item]
    total: int | None
    has_more: bool


class Upstream:
    """Shared across requests: the HTTP client, the cache, the sender, the GETs in flight,
    what was learned of page sizes and the slicer CPU-heavy steps take turns with. The client
    is set by the app's lifespan."""

    def __init__(self, cache: Cache, sender: Sender, metrics: Metrics, settings: Settings) -> None:
        self.client: httpx.AsyncClient | None = None
        self.cache = cache
        self.sender = sender
        self.metrics = metrics
        self.settings = settings
        self.max_page_sizes: dict[str, int] = {}
        self.in_flight: dict[str, asyncio.Future[Any]] = {}
        self.slicer = Slicer()

    def page_size(self, path: str) -> int:
        """The largest page to ask ``path`` for: Visma's maximum once learned, else ours."""
        return self.max_page_sizes.get(path, self.settings.upstream_page_size)

    def require_client(self) -> httpx.AsyncClient:
        if self.client is None:
            raise RuntimeError("the upstream client is used outside the app's lifespan")
        return self.client

    def session(self, credentials: Credentials) -> UpstreamSession:
        deadline = time.monotonic() + self.settings.operation_timeout
        lane = asyncio.Semaphore(self.settings.operation_concurrency)
        return UpstreamSession(self, credentials, deadline, CallStats(lane))


@dataclass
class UpstreamSession:
    """One operation's access to Visma with one caller's token."""

    upstream: Upstream
    credentials: Credentials
    deadline: float
    stats: CallStats
    _memo: dict[str, asyncio.Task[Any]] = field(default_factory=dict)
    _generations: dict[str, asyncio.Future[int]] = field(default_factory=dict)
    _uncached_reads: bool = False
    # The length of each answer this operation read from Visma, by cache key.
    _encoded_bytes: dict[str, int] = field(default_factory=dict)

    def release(self) -> None:
        """Forget the answers this operation read (``Context.release``); later reads go to
        the cache or to Visma again."""
        self._memo.clear()
        self._encoded_bytes.clear()

    async def get(self, kind: str, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET ``path`` and return its parsed JSON, from the cache when it is there."""
        return (await self.get_sized(kind, path, params))[0]

    async def get_sized(
        self,
        kind: str,
        path: str,
        params: Mapping[str, str] | None = None,
        watch: Callable[[bytes], None] | None = None,
        *,
        rows: bool = False,
    ) -> tuple[Any, int | None]:
        """``get``'s JSON with the length of the answer it was parsed from, when this
        operation read it from Visma (None when it came from the cache or another's call).
        ``watch`` sees the answer arrive, when this call is the one that asks Visma. With
        ``rows``, an array Visma sends is kept as ``Rows`` (the caller takes both forms: the
        cache may hold either)."""
        key = await self.key("http", kind, path, normalized_query(params or {}))
        task = self._memo.get(key)
        if task is None:
            fetch = self._fetch(key, kind, path, dict(params or {}), watch, rows)
            task = asyncio.ensure_future(fetch)
            self._memo[key] = task
        data = await task
        return data, self._encoded_bytes.get(key)

    async def peek(self, kind: str, path: str, params: Mapping[str, str] | None = None) -> Any:
        """The cached JSON of a GET, or None; never calls Visma."""
        key = await self.key("http", kind, path, normalized_query(params or {}))
        task = self._memo.get(key)
        if task is not None and task.done() and task.exception() is None:
            return task.result()
        data = await self.upstream.cache.get(key)
        if data is not None:
            self.stats.cache_hits += 1
        return data

    async def get_page(
        self,
        kind: str,
        path: str,
        params: Mapping[str, str],
        number: int,
        size: int,
        watch: Callable[[bytes], None] | None = None,
    ) -> Page:
        query = {**params, "pageNumber": str(number), "pageSize": str(size)}
        data, encoded_bytes = await self.get_sized(kind, path, query, watch, rows=True)
        return self._page(data, number, size, path, encoded_bytes)

    async def peek_page(
        self, kind: str, path: str, params: Mapping[str, str], number: int, size: int
    ) -> Page | None:
        query = {**params, "pageNumber": str(number), "pageSize": str(size)}
        data = await self.peek(kind, path, query)
        return None if data is None else self._page(data, number, size, path)

    async def list_range(
        self,
        kind: str,
        path: str,
        params: Mapping[str, str],
        offset: int,
        limit: int,
        *,
        cached_only: bool = False,
    ) -> Slice | None:
        """Items ``offset`` to ``offset + limit`` of a filtered list, in as few calls as paging
        allows. With ``cached_only``, None unless every page needed is cached."""
        cap = self.upstream.page_size(path)
        size = max(1, min(limit, cap))
        if offset % size and offset + limit <= cap:
            size = offset + limit  # one page from the start covers the window
        first_number = offset // size + 1
        last_number = max(first_number, (offset + limit - 1) // size + 1)
        fetch = self.peek_page if cached_only else self.get_page
        first = await fetch(kind, path, params, first_number, size)
        if first is None:
            return None
        if first.effective_size < size and first_number > 1:
            # Visma clamped the page size, so the page numbers mean other offsets: plan again.
            return await self.list_range(kind, path, params, offset, limit, cached_only=cached_only)
        size = first.effective_size
        last_number = max(first_number, (offset + limit - 1) // size + 1) if limit else first_number
        pages = [first]
        if not first.is_last and last_number > first_number:
            rest = await self._pages_after(first, kind, path, params, last_number, cached_only)
            if rest is None:
                return None
            pages += rest
        items = [item for page in pages for item in page.items]
        start = offset - (first_number - 1) * size
        window = items[start : start + limit]
        total = first.total if first.total is not None else first.reported_total
        if total is None and pages[-1].is_last and (items or first_number == 1):
            total = (first_number - 1) * size + len(items)
        has_more = total > offset + len(window) if total is not None else not pages[-1].is_last
        return Slice(window, total, has_more)

    async def list_all(self, kind: str, path: str, params: Mapping[str, str]) -> Bulk:
        """Every item of a filtered list."""
        return await self.read_whole(self.read_first_page(kind, path, params), kind, path, params)

    def read_first_page(self, kind: str, path: str, params: Mapping[str, str]) -> FirstPage:
        """Start reading the first page of a filtered list, as large as Visma serves."""
        size = self.upstream.page_size(path)
        head: asyncio.Future[PageHead | None] = asyncio.get_running_loop().create_future()

        def found(item: Item) -> None:
            early = self._head(item, 1, size, path)
            if early.total is not None and not head.done():
                head.set_result(early)

        def settle(page: asyncio.Future[Page]) -> None:
            if not head.done():
                failed = page.cancelled() or page.exception() is not None
                head.set_result(None if failed else page.result())

        page = asyncio.ensure_future(self.get_page(kind, path, params, 1, size, FirstItem(found)))
        page.add_done_callback(settle)
        return FirstPage(head, page)

    async def read_whole(
        self, first: FirstPage, kind: str, path: str, params: Mapping[str, str]
    ) -> Bulk:
        """Every item of the list ``first`` begins. The later pages are asked for as soon as
        the first's head tells how many there are, while the first is still arriving: a
        page of a thousand records takes longer to receive and parse than a round trip."""
        head = await first.head
        later: asyncio.Future[list[Page] | None] | None = None
        if head is not None and not isinstance(head, Page) and not head.is_last:
            later = asyncio.ensure_future(self._pages_after(head, kind, path, params, None, False))
        try:
            page = await first.page
        except BaseException:
            if later is not None:
                later.cancel()
            raise
        pages = [page]
        if page.is_last:
            if later is not None:
                later.cancel()  # the page is shorter than its count said: it is the end
        else:
            rest = await (later or self._pages_after(page, kind, path, params, None, False))
            assert rest is not None
            pages += rest
        sizes = [page.encoded_bytes for page in pages]
        encoded = None if None in sizes else sum(size or 0 for size in sizes)
        return Bulk(Rows.concat([page.rows for page in pages]), encoded)

    @staticmethod
    def pages_left(first: PageHead) -> int | None:
        """How many more calls the list after ``first`` costs; None when it cannot be told."""
        if first.is_last:
            return 0
        if first.total is None:
            return None
        return max(0, math.ceil(first.total / first.effective_size) - first.number)

    async def key(self, *parts: str) -> str:
        """A cache key of this principal, under the current generation of the kind."""
        namespace, kind = parts[0], parts[1]
        generation = self._generations.get(kind)
        if generation is None:
            generation = asyncio.ensure_future(
                self.upstream.cache.generation(self.credentials.cache_group, kind)
            )
            self._generations[kind] = generation
        return entry_key(namespace, kind, await generation, self.credentials.principal, *parts[2:])

    async def open_download(self, path: str, kind: str) -> httpx.Response:
        """GET a file at ``path`` (any content type), uncached, with its body left to be
        streamed, or the call's coded error. The caller must close the answer: until then it
        holds the call's concurrency slots. ``GATEWAY_MAX_UPSTREAM_BYTES`` refuses a file whose
        ``Content-Length`` is above it and breaks off the body of one that passes it."""
        response = await self.upstream.sender.stream(
            self.upstream.require_client(),
            path,
            self.credentials,
            kind=kind,
            deadline=self.deadline,
            stats=self.stats,
            # Bytes as stored, so the bound counts the file's own and none are inflated here.
            headers={"Accept": "*/*", "Accept-Encoding": "identity"},
        )
        self.accept_claims()
        return response

    def accept_claims(self) -> None:
        """Group the rest of this operation by the token's claims: Visma accepted it."""
        if not self.credentials.proven:
            self.credentials = self.credentials.with_claims()

    async def prove(self) -> None:
        """Make the cheapest call Visma serves (one supplier) to learn whether it accepts the
        token; raises the call's coded error when it does not."""
        await self.upstream.sender.get(
            self.upstream.require_client(),
            "/v1/supplier",
            {"pageNumber": "1", "pageSize": "1"},
            self.credentials,
            kind="supplier",
            deadline=self.deadline,
            stats=self.stats,
        )
        self.accept_claims()

    def generations_read(self) -> dict[str, int] | None:
        """The generation of every kind this operation read data under (of
        ``credentials.cache_group``); None when one of them is not known, or when it read
        around the cache, so that what the operation built cannot be tied to them."""
        if self._uncached_reads:
            return None
        read: dict[str, int] = {}
        for kind, generation in self._generations.items():
            if not generation.done() or generation.cancelled() or generation.exception():
                return None
            read[kind] = generation.result()
        return read

    def read_uncached(self) -> None:
        """This operation read something no cache generation covers (a background job's
        state, a record read fresh): nothing built from it may be kept."""
        self._uncached_reads = True

    def forget_generations(self, kinds: Iterable[str]) -> None:
        """Read the generations of ``kinds`` afresh (after this operation bumped them)."""
        for kind in kinds:
            self._generations.pop(kind, None)

    async def remember(self, key: str, value: Any, kind: str) -> None:
        """Cache a value derived from upstream answers (grouped lists, records)."""
        await self.upstream.cache.set(key, value, self.upstream.settings.ttl(kind))

    async def remember_many(self, items: list[CacheEntry], kind: str) -> None:
        await self.upstream.cache.set_many(items, self.upstream.settings.ttl(kind))

    async def recall_many(self, keys: list[str]) -> list[Any]:
        """Values stored by ``remember`` (None where missing), each hit counted."""
        values = await self.upstream.cache.get_many(keys)
        self.stats.cache_hits += sum(value is not None for value in values)
        return values

    async def recall(self, key: str, *, counted: bool = True) -> Any:
        """A value stored by ``remember``, or None. ``counted`` reports it as a cache hit."""
        value = await self.upstream.cache.get(key)
        if value is not None and counted:
            self.stats.cache_hits += 1
        return value

    async def _pages_after(
        self,
        first: PageHead,
        kind: str,
        path: str,
        params: Mapping[str, str],
        last_number: int | None,
        cached_only: bool,
    ) -> list[Page] | None:
        size = first.effective_size
        fetch = self.peek_page if cached_only else self.get_page
        if first.total is not None:
            end = math.ceil(first.total / size)
            if last_number is not None:
                end = min(end, last_number)
            numbers = range(first.number + 1, end + 1)
            pages = await asyncio.gather(*(fetch(kind, path, params, n, size) for n in numbers))
            if any(page is None for page in pages):
                return None
            return [page for page in pages if page is not None]
        # Without metadata the end is only seen as a short page.
        result: list[Page] = []
        number = first.number
        while last_number is None or number < last_number:
            number += 1
            page = await fetch(kind, path, params, number, size)
            if page is None:
                return None
            result.append(page)
            if page.is_last:
                break
        return result

    async def _fetch(
        self,
        key: str,
        kind: str,
        path: str,
        params: dict[str, str],
        watch: Callable[[bytes], None] | None,
        rows: bool,
    ) -> Any:
        upstream = self.upstream
        cached = await upstream.cache.get(key)
        if cached is not None:
            self.stats.cache_hits += 1
            upstream.metrics.cache_lookups.labels("hit").inc()
            return cached
        upstream.metrics.cache_lookups.labels("miss").inc()
        shared = upstream.in_flight.get(key)
        if shared is not None:
            upstream.metrics.singleflight_joins.inc()
            return await asyncio.shield(shared)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        upstream.in_flight[key] = future
        try:
            data = await self._call(key, kind, path, params, watch, rows)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as error:
            future.set_exception(error)
            future.exception()  # retrieved here: joiners re-raise it, nobody else has to
            raise
        else:
            future.set_result(data)
            return data
        finally:
            del upstream.in_flight[key]

    async def _call(
        self,
        key: str,
        kind: str,
        path: str,
        params: dict[str, str],
        watch: Callable[[bytes], None] | None,
        rows: bool,
    ) -> Any:
        response = await self.upstream.sender.get(
            self.upstream.require_client(),
            path,
            params,
            self.credentials,
            kind=kind,
            deadline=self.deadline,
            stats=self.stats,
            watch=watch,
        )
        await self.upstream.slicer.turn()  # a page of a thousand records takes a while to parse
        self.accept_claims()
        content = response.content
        try:
            if rows and content[:64].lstrip()[:1] == b"[":
                # Split, not decoded: a bulk read's query reads a few of its groups.
                data: Any = Rows.parse(content)
            else:
                data = orjson.loads(content) if content else None
        except ValueError:
            raise UpstreamError(f"Visma.net sent an unreadable answer for {path}") from None
        self._encoded_bytes[key] = len(content)
        await self.upstream.cache.set(
            key, data, self.upstream.settings.ttl(kind), size=len(content)
        )
        return data

    def _page(
        self, data: Any, number: int, size: int, path: str, encoded_bytes: int | None = None
    ) -> Page:
        if isinstance(data, dict) and isinstance(data.get("records"), list):
            return self._wrapped_page(data, number, size, path, encoded_bytes)
        rows = Rows.of(data) if isinstance(data, list) else data
        if not isinstance(rows, Rows) or not rows.are_objects():
            raise UpstreamError(f"Visma.net sent something other than a list for {path}")
        head = self._head(rows.first(), number, size, path)
        return Page(
            number,
            size,
            head.total,
            head.max_page_size,
            head.reported_total,
            rows=rows,
            encoded_bytes=encoded_bytes,
        )

    def _head(self, first: Item | None, number: int, size: int, path: str) -> PageHead:
        """What the metadata of a page's first item tells of the list."""
        reported: int | None = None
        max_page_size: int | None = None
        meta = first.get("metadata") if first is not None else None
        if isinstance(meta, dict):
            reported = _count(meta.get("totalCount"), path, "totalCount")
            largest = _count(meta.get("maxPageSize"), path, "maxPageSize")
            if largest:
                # Larger than what we ask for tells nothing; believing it would make every
                # page Visma really clamps look like the last one.
                max_page_size = min(largest, self.upstream.settings.upstream_page_size)
                self.upstream.max_page_sizes[path] = max_page_size
        # A count beyond any real ledger is not planned with: paging reads on to a short page.
        total = reported if reported is not None and reported <= INT32_MAX else None
        return PageHead(number, size, total, max_page_size, reported)

    def _wrapped_page(
        self, data: dict[str, Any], number: int, size: int, path: str, encoded_bytes: int | None
    ) -> Page:
        """A page some lists answer as the spec's ``BasePaginationDtoOf…``: ``records`` with
        ``totalCount`` beside them rather than in each item's ``metadata``."""
        items = data["records"]
        if not all(isinstance(item, dict) for item in items):
            raise UpstreamError(f"Visma.net sent records that are not objects for {path}")
        reported = _count(data.get("totalCount"), path, "totalCount")
        total = reported if reported is not None and reported <= INT32_MAX else None
        return Page(
            number, size, total, None, reported, rows=Rows.of(items), encoded_bytes=encoded_bytes
        )


def _count(value: Any, path: str, name: str) -> int | None:
    """A non-negative whole number of Visma's metadata, or None (logged when it was odd)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    log.warning("ignoring metadata.%s %.40r from Visma.net for %s", name, value, path)
    return None
