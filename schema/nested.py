"""Nested lists from parent links: a declared ``ParentLink`` puts a field on its parent's
engine-built type, read through the batching loaders with nothing per resource here.

``many`` links are Relay connections (``customer.invoices``) read per parent or in one bulk
read grouped by the link's ``item_path``, as the planner finds cheaper, with a ``filter``
argument where one is given for the field; single links (``customer.balance``) read the child
record by the parent's key, or one property of it (``supplier.balance``, an amount) where the
link names a ``value``. A resource may hang under several parents (a contact under its
supplier and under its customer), one link each. The child's type is named lazily (``types``
holds every record type once it is built), as parent and child usually reference each other.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import strawberry
from strawberry.types.lazy_type import LazyType

from gateway.resources.declaration import Item, ParentLink, Resource
from gateway.resources.registry import RESOURCES
from schema.context import Info
from schema.generated import FIELDS
from schema.pagination import (
    FILTER,
    After,
    Connection,
    First,
    counted_connection,
    nested_connection,
)
from schema.types.node import Node
from schema.types.record import read_field


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


def nested_fields(
    parent: Resource,
    available: set[str],
    types: dict[str, type[Any]],
    builders: Mapping[str, Callable[[Item], Node]],
    filters: Mapping[str, type[Any]],
) -> dict[str, Any]:
    """The fields of ``parent``'s type listing (or naming) its children, by field name;
    ``filters`` are the filter inputs of nested lists, by field name."""
    if parent.key_parts != 1:
        return {}  # children are grouped by one key value
    fields: dict[str, Any] = {}
    for child, link in _links(parent, available):
        if link.many:
            filter_type = filters.get(link.field)
            fields[link.field] = _many(parent, child, link, types, builders, filter_type)
        elif link.value is not None:
            fields[link.field] = _value(parent, child, link.value)
        else:
            fields[link.field] = _one(parent, child, types, builders)
    return fields


def _parent_key(parent: Resource, root: Any) -> str | None:
    key = parent.record_key(root._data)
    return None if key is None else key[0]


def _many(
    parent: Resource,
    child: Resource,
    link: ParentLink,
    types: dict[str, type[Any]],
    builders: Mapping[str, Callable[[Item], Node]],
    filter_type: type[Any] | None,
) -> Any:
    async def resolve(
        root: Any,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: Any = None,
    ) -> Any:
        key = _parent_key(parent, root)
        if key is None:
            return None
        build = builders[child.name]
        params = {} if filter is None else filter.to_params()
        return await nested_connection(info, child, link, params, key, first, after, build)

    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "first": First,
        "after": After,
        "return": Any,
    }
    if filter_type is not None:
        resolve.__annotations__["filter"] = Annotated[filter_type | None, FILTER]
    else:
        signature = inspect.signature(resolve)
        resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=list(signature.parameters.values())[:-1]
        )
    listed: Any = (
        Connection[Built(child.name, __name__, types=types)]  # type: ignore[misc]
        if child.paged
        else BuiltCounted(child.name, __name__, types=types)
    )
    return strawberry.field(
        resolver=resolve,
        graphql_type=listed | None,
        description=f"The {parent.name}'s {child.name} records (Visma.net {child.path}).",
    )


def _one(
    parent: Resource,
    child: Resource,
    types: dict[str, type[Any]],
    builders: Mapping[str, Callable[[Item], Node]],
) -> Any:
    async def resolve(root: Any, info: Info) -> Any:
        key = _parent_key(parent, root)
        if key is None:
            return None
        record = await info.context.loaders.records(child).load((key,))
        return None if record is None else builders[child.name](record)

    resolve.__annotations__ = {"root": Any, "info": Info, "return": Any}
    return strawberry.field(
        resolver=resolve,
        graphql_type=Built(child.name, __name__, types=types) | None,
        description=f"The {parent.name}'s {child.name} (Visma.net {child.record_path}).",
    )


def _value(parent: Resource, child: Resource, name: str) -> Any:
    """The field answering the property ``name`` of ``parent``'s one ``child`` record, typed,
    described and read as the child's own field of that name."""
    own = next(
        f
        for f in FIELDS[child.name].__strawberry_definition__.fields  # type: ignore[attr-defined]
        if (f.graphql_name or f.python_name) == name
    )

    async def resolve(root: Any, info: Info) -> Any:
        key = _parent_key(parent, root)
        if key is None:
            return None
        record = await info.context.loaders.records(child).load((key,))
        view = FIELDS[child.name](_data=record) if record is not None else None
        return None if view is None else read_field(view, own.python_name)

    resolve.__annotations__ = {"root": Any, "info": Info, "return": Any}
    return strawberry.field(
        resolver=resolve,
        graphql_type=own.type,
        description=f"{own.description} (the {parent.name}'s {child.name}, Visma.net "
        f"{child.record_path}).",
    )
