"""Relay-style connections over Visma's page-number paging.

A cursor is the opaque, base64-encoded offset of an item in the filtered list, so cursors stay
valid across page sizes; ``after`` continues right behind the item it names.
"""

from __future__ import annotations

import base64
import binascii
import types
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from gateway.errors import BadUserInput
from gateway.resources.declaration import ParentLink, Resource
from gateway.settings import Settings
from gateway.upstream.batching import Window
from gateway.upstream.session import INT32_MAX, Slice
from schema.context import Info
from schema.prefetch import start_child_probes

T = TypeVar("T")
FIRST = "How many records from the start of the window (default and bound in the settings)."
AFTER = "Start right after the record of this cursor (an `endCursor` or an edge's `cursor`)."
LAST = "How many records from the end of the window; not with `first`."
BEFORE = "End right before the record of this cursor (a `startCursor` or an edge's `cursor`)."
First = Annotated[int | None, strawberry.argument(description=FIRST)]
After = Annotated[str | None, strawberry.argument(description=AFTER)]
Last = Annotated[int | None, strawberry.argument(description=LAST)]
Before = Annotated[str | None, strawberry.argument(description=BEFORE)]
FILTER = strawberry.argument(description="Only the records that match.")
_PREFIX = "offset:"
# Items converted per turn of the slicer.
_CHUNK = 50


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        raw = ""
    if not raw.startswith(_PREFIX) or not raw[len(_PREFIX) :].isdigit():
        raise BadUserInput(f"Invalid cursor {cursor[:40]!r}: pass an endCursor from this API")
    return int(raw[len(_PREFIX) :])


class NeedsTotal(Exception):
    """``last`` without ``before`` counts back from the end: the list's size is needed."""


def window(
    first: int | None,
    after: str | None,
    settings: Settings,
    *,
    last: int | None = None,
    before: str | None = None,
    total: int | None = None,
) -> Window:
    """The window the paging arguments ask for, checked against the limits.

    ``after`` and ``before`` bound the list, ``first`` counts from the start of what is left,
    ``last`` from its end; ``last`` without ``before`` needs ``total`` (NeedsTotal without).
    """
    if first is not None and last is not None:
        raise BadUserInput("Pass `first` or `last`, not both", argument="last")
    start = 0 if after is None else decode_cursor(after) + 1
    end = None if before is None else decode_cursor(before)
    if last is None:
        limit = _bounded("first", settings.default_first if first is None else first, settings)
        return Window(start, limit if end is None else min(limit, max(0, end - start)))
    _bounded("last", last, settings)
    if end is None:
        if total is None:
            raise NeedsTotal
        end = total
    offset = max(start, end - last)
    return Window(offset, max(0, end - offset))


def _bounded(argument: str, limit: int, settings: Settings) -> int:
    if limit < 0 or limit > settings.max_first:
        raise BadUserInput(
            f"`{argument}` must be between 0 and {settings.max_first}, got {limit}",
            argument=argument,
        )
    return limit


@strawberry.type(description="Where a page of a connection stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether records follow this page.")
    has_previous_page: bool = strawberry.field(description="Whether records precede this page.")
    start_cursor: str | None = strawberry.field(
        description="The cursor of the page's first record; null for an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last record (pass it as `after` for the next "
        "page); null for an empty page."
    )


@strawberry.type(description="One record of a connection and its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque position of the record in the list, for `after` and `before`."
    )
    node: T = strawberry.field(description="The record.")


def edges_of(root: Any) -> list[Edge[Any]]:
    """A connection's edges, built when selected: a cursor per record is work a query of
    nodes alone skips."""
    return [Edge(cursor=encode_cursor(root.offset + i), node=n) for i, n in enumerate(root.nodes)]


_EDGES = "The records of the page with their cursors."
_NODES = "The records of the page."
_PAGE = "Where the page stands in the whole list."
_TOTAL = (
    "Size of the whole filtered list. A count beyond 2147483647 (GraphQL's Int) reads "
    "2147483647, with a VALUE_OUT_OF_RANGE warning in the response's extensions.warnings."
)


@strawberry.type(
    description="A page of a list Visma.net pages. `totalCount` is null when Visma.net does not "
    "report the list's size (its lists carry no `metadata.totalCount`) and the page read does "
    "not reach the end of the list."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description=_EDGES, resolver=edges_of)
    nodes: list[T] = strawberry.field(description=_NODES)
    page_info: PageInfo = strawberry.field(description=_PAGE)
    total_count: int | None = strawberry.field(
        description=f"{_TOTAL} Null when Visma.net does not report the size."
    )
    offset: strawberry.Private[int]  # of the first node in the whole list


_COUNTED = "A page of a list Visma.net answers whole, so its size is always known."


@strawberry.type(description=_COUNTED)
class CountedConnection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description=_EDGES, resolver=edges_of)
    nodes: list[T] = strawberry.field(description=_NODES)
    page_info: PageInfo = strawberry.field(description=_PAGE)
    total_count: int = strawberry.field(description="Size of the whole filtered list.")


_COUNTED_TYPES: dict[type[Any], type[Any]] = {}


def counted_connection(kind: type[Any]) -> type[Any]:
    """``<Type>Connection`` of a list Visma answers whole: ``totalCount: Int!`` (one type per
    record type, shared by its root and nested lists)."""
    built = _COUNTED_TYPES.get(kind)
    if built is None:
        name = f"{kind.__name__}Connection"
        shape = types.new_class(name, (CountedConnection[kind],))  # type: ignore[valid-type]
        built = _COUNTED_TYPES[kind] = strawberry.type(shape, name=name, description=_COUNTED)
    return built


async def connection(
    info: Info, part: Slice, at: Window, build: Callable[[dict[str, Any]], T]
) -> Connection[T]:
    """Turn a slice of upstream items into a connection of GraphQL objects, a chunk of
    items per turn of the slicer."""
    nodes: list[T] = []
    for start in range(0, len(part.items), _CHUNK):
        await info.context.slicer.turn()
        nodes += [build(item) for item in part.items[start : start + _CHUNK]]
    return Connection(
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=part.has_more,
            has_previous_page=at.offset > 0,
            start_cursor=encode_cursor(at.offset) if nodes else None,
            end_cursor=encode_cursor(at.offset + len(nodes) - 1) if nodes else None,
        ),
        total_count=_in_range(info, part.total),
        offset=at.offset,
    )


def _in_range(info: Info, total: int | None) -> int | None:
    """``total``, clamped to GraphQL's Int with a warning (Visma types counts as int64)."""
    if total is None or total <= INT32_MAX:
        return total
    info.context.warnings.append(
        {
            "code": "VALUE_OUT_OF_RANGE",
            "path": [*info.path.as_list(), "totalCount"],
            "message": f"Visma.net reported a count of {total}; totalCount reads {INT32_MAX}",
        }
    )
    return INT32_MAX


async def list_connection(
    info: Info,
    collection: Resource,
    params: dict[str, str],
    first: int | None,
    after: str | None,
    build: Callable[[dict[str, Any]], T],
    last: int | None = None,
    before: str | None = None,
) -> Connection[T]:
    """A top-level list: one window of the filtered collection. ``last`` without ``before``
    first reads the list's size (one call of one item, or Visma's count seen before)."""
    settings = info.context.settings
    upstream = info.context.upstream
    try:
        at = window(first, after, settings, last=last, before=before)
    except NeedsTotal:
        probe = await upstream.list_range(collection.kind, collection.path, params, 0, 1)
        assert probe is not None  # only cached_only reads answer None
        if probe.total is None:
            raise BadUserInput(
                f"`last` without `before` needs the size of the list, which Visma.net does not "
                f"report for {collection.plural}; pass `before` (a cursor) as well",
                argument="last",
            ) from None
        at = window(first, after, settings, last=last, before=before, total=probe.total)
    start_child_probes(info, collection, at.limit)
    part = await upstream.list_range(collection.kind, collection.path, params, at.offset, at.limit)
    assert part is not None  # only cached_only reads answer None
    info.context.loaders.prime_records(collection, part.items)
    return await connection(info, part, at, build)


async def nested_connection(
    info: Info,
    collection: Resource,
    link: ParentLink,
    params: dict[str, str],
    parent_key: str,
    first: int | None,
    after: str | None,
    build: Callable[[dict[str, Any]], T],
) -> Connection[T]:
    """A parent's list (one of ``collection.parents``), loaded in one batch with the same list
    of its sibling parents."""
    at = window(first, after, info.context.settings)
    part = await info.context.loaders.by_parent(collection, link, params).load((parent_key, at))
    return await connection(info, part, at, build)
