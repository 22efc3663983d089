"""Relay-style connections over Visma's page-number paging.

A cursor is the opaque, base64-encoded offset of an item in the filtered list, so cursors stay
valid across page sizes; ``after`` continues right behind the item it names.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry

from gateway.errors import BadUserInput
from gateway.resources.declaration import Resource
from gateway.settings import Settings
from gateway.upstream.batching import Window
from gateway.upstream.session import INT32_MAX, Slice
from schema.context import Info

T = TypeVar("T")
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


def window(first: int | None, after: str | None, settings: Settings) -> Window:
    """The window a ``first``/``after`` pair asks for, checked against the limits."""
    limit = settings.default_first if first is None else first
    if limit < 0 or limit > settings.max_first:
        raise BadUserInput(
            f"`first` must be between 0 and {settings.max_first}, got {limit}",
            argument="first",
        )
    offset = 0 if after is None else decode_cursor(after) + 1
    return Window(offset, limit)


@strawberry.type(description="Where a page of a connection stands in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    """A page of a list. ``totalCount`` is the size of the whole filtered list (null when
    Visma does not report it)."""

    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="Size of the whole filtered list; null when Visma does not report it. "
        "A count beyond 2147483647 (GraphQL's Int) reads 2147483647, with a "
        "VALUE_OUT_OF_RANGE warning in the response's extensions.warnings."
    )


async def connection(
    info: Info, part: Slice, at: Window, build: Callable[[dict[str, Any]], T]
) -> Connection[T]:
    """Turn a slice of upstream items into a connection of GraphQL objects, a chunk of
    items per turn of the slicer."""
    nodes: list[T] = []
    for start in range(0, len(part.items), _CHUNK):
        await info.context.slicer.turn()
        nodes += [build(item) for item in part.items[start : start + _CHUNK]]
    edges = [Edge(cursor=encode_cursor(at.offset + i), node=node) for i, node in enumerate(nodes)]
    return Connection(
        edges=edges,
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=part.has_more,
            has_previous_page=at.offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=_in_range(info, part.total),
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
) -> Connection[T]:
    """A top-level list: one window of the filtered collection."""
    at = window(first, after, info.context.settings)
    upstream = info.context.upstream
    part = await upstream.list_range(collection.kind, collection.path, params, at.offset, at.limit)
    assert part is not None  # only cached_only reads answer None
    info.context.loaders.prime_records(collection, part.items)
    return await connection(info, part, at, build)


async def nested_connection(
    info: Info,
    collection: Resource,
    params: dict[str, str],
    supplier_number: str,
    first: int | None,
    after: str | None,
    build: Callable[[dict[str, Any]], T],
) -> Connection[T]:
    """A supplier's list, loaded in one batch with the same list of its sibling suppliers."""
    at = window(first, after, info.context.settings)
    part = await info.context.loaders.by_supplier(collection, params).load((supplier_number, at))
    return await connection(info, part, at, build)
