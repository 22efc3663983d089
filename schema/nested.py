"""Nested lists from parent links: a declared ``ParentLink`` puts a field on its parent's
type, read through the batching loaders with nothing per resource here.

``many`` links are Relay connections (``customer.invoices``) read per parent or in one bulk
read grouped by the link's ``item_path``, as the planner finds cheaper; single links
(``customer.balance``) read the child record by the parent's key. Engine-built parents get
every link's field from ``nested_fields``; a hand-written parent (``Supplier``) names the
fields it takes with ``nested_field``. The child's type is named lazily (``GRAPH`` holds
every record type once it is built), as parent and child usually reference each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import strawberry
from strawberry.types.lazy_type import LazyType

from gateway.resources.declaration import Item, ParentLink, Resource
from gateway.resources.registry import RESOURCES
from schema.context import Info
from schema.pagination import Connection, counted_connection, nested_connection
from schema.types.node import Node

ParentKey = Callable[[Any], str | None]


@dataclass
class Graph:
    """The record types and their builders by resource name, filled as they are built
    (``schema.engine.record_types``) and read when the schema resolves its lazy types."""

    types: dict[str, type[Any]] = field(default_factory=dict)
    builders: dict[str, Callable[[Item], Node]] = field(default_factory=dict)


GRAPH = Graph()


@dataclass(frozen=True)
class Built(LazyType[str, str]):
    """A record type named before it is built: resolved from ``types`` when the schema is."""

    types: dict[str, type[Any]] = field(default_factory=dict, compare=False, hash=False)

    def resolve_type(self) -> type[Any]:
        return self.types[self.type_name]


@dataclass(frozen=True)
class BuiltCounted(Built):
    """The connection type of a list Visma answers whole, of a record type named before it
    is built (the same type as the root list's)."""

    def resolve_type(self) -> type[Any]:
        return counted_connection(self.types[self.type_name])


def _links(parent: Resource, available: set[str]) -> list[tuple[Resource, ParentLink]]:
    """The declared links under ``parent`` whose child has a type in ``available``."""
    return [
        (r, link)
        for r in RESOURCES
        for link in r.parents
        if link.parent == parent.name and r.name in available
    ]


def nested_fields(parent: Resource, available: set[str], graph: Graph) -> dict[str, Any]:
    """The fields of ``parent``'s engine-built type listing (or naming) its children."""
    if parent.key_parts != 1:
        return {}  # children are grouped by one key value
    return {
        link.field: _field(parent, child, link, _view_key(parent), graph)
        for child, link in _links(parent, available)
    }


def nested_field(parent: Resource, child: Resource, key: ParentKey) -> Any:
    """The field of a hand-written ``parent`` type declared by ``child``'s link to it, with
    ``key`` reading the parent's key from the parent object."""
    link = next(link for link in child.parents if link.parent == parent.name)
    return _field(parent, child, link, key, GRAPH)


def _view_key(parent: Resource) -> ParentKey:
    def key(root: Any) -> str | None:
        found = parent.record_key(root._data)
        return None if found is None else found[0]

    return key


def _field(
    parent: Resource, child: Resource, link: ParentLink, key: ParentKey, graph: Graph
) -> Any:
    if link.many:
        return _many(parent, child, link, key, graph)
    return _one(parent, child, key, graph)


def _many(parent: Resource, child: Resource, link: ParentLink, key: ParentKey, graph: Graph) -> Any:
    async def resolve(
        root: Any, info: Info, first: int | None = None, after: str | None = None
    ) -> Any:
        parent_key = key(root)
        if parent_key is None:
            return None
        build = graph.builders[child.name]
        return await nested_connection(info, child, link, {}, parent_key, first, after, build)

    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "first": int | None,
        "after": str | None,
        "return": Any,
    }
    listed: Any = (
        Connection[Built(child.name, __name__, types=graph.types)]  # type: ignore[misc]
        if child.paged
        else BuiltCounted(child.name, __name__, types=graph.types)
    )
    return strawberry.field(
        resolver=resolve,
        graphql_type=listed | None,
        description=f"The {parent.name}'s {child.name} records (Visma.net {child.path}).",
    )


def _one(parent: Resource, child: Resource, key: ParentKey, graph: Graph) -> Any:
    async def resolve(root: Any, info: Info) -> Any:
        parent_key = key(root)
        if parent_key is None:
            return None
        record = await info.context.loaders.records(child).load((parent_key,))
        return None if record is None else graph.builders[child.name](record)

    resolve.__annotations__ = {"root": Any, "info": Info, "return": Any}
    return strawberry.field(
        resolver=resolve,
        graphql_type=Built(child.name, __name__, types=graph.types) | None,
        description=f"The {parent.name}'s {child.name} (Visma.net {child.record_path}).",
    )
