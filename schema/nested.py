"""Nested lists from parent links: a declared ``ParentLink`` puts a field on its parent's
engine-built type, read through the batching loaders with nothing per resource here.

``many`` links are Relay connections (``customer.invoices``) read per parent or in one bulk
read grouped by the link's ``item_path``, as the planner finds cheaper, with a ``filter``
argument where one is given for the field; single links (``customer.balance``) read the child
record by the parent's key, or one property of it (``supplier.balance``, an amount) where the
link names a ``value``. The child's type is named
lazily (``types`` holds every record type once it is built), as parent and child usually
reference each other.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import strawberry
from strawberry.types.lazy_type import LazyType

from gateway.resources.declaration import Item, Resource
from gateway.resources.registry import RESOURCES
from schema.context import Info
from schema.generated import FIELDS
from schema.pagination import FILTER, Connection, nested_connection
from schema.types.node import Node


@dataclass(frozen=True)
class Built(LazyType[str, str]):
    """A record type named before it is built: resolved from ``types`` when the schema is."""

    types: dict[str, type[Any]] = field(default_factory=dict, compare=False, hash=False)

    def resolve_type(self) -> type[Any]:
        return self.types[self.type_name]


def _children(parent: Resource, available: set[str]) -> list[Resource]:
    """The declared resources that hang under ``parent`` and have a type in ``available``."""
    return [
        r for r in RESOURCES if r.parent and r.parent.parent == parent.name and r.name in available
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
    for child in _children(parent, available):
        assert child.parent is not None
        if child.parent.many:
            filter_type = filters.get(child.parent.field)
            fields[child.parent.field] = _many(parent, child, types, builders, filter_type)
        elif child.parent.value is not None:
            fields[child.parent.field] = _value(parent, child, child.parent.value)
        else:
            fields[child.parent.field] = _one(parent, child, types, builders)
    return fields


def _parent_key(parent: Resource, root: Any) -> str | None:
    key = parent.record_key(root._data)
    return None if key is None else key[0]


def _many(
    parent: Resource,
    child: Resource,
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
        return await nested_connection(info, child, params, key, first, after, build)

    resolve.__annotations__ = {
        "root": Any,
        "info": Info,
        "first": int | None,
        "after": str | None,
        "return": Any,
    }
    if filter_type is not None:
        resolve.__annotations__["filter"] = Annotated[filter_type | None, FILTER]
    else:
        signature = inspect.signature(resolve)
        resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=list(signature.parameters.values())[:-1]
        )
    return strawberry.field(
        resolver=resolve,
        graphql_type=Connection[Built(child.name, __name__, types=types)] | None,  # type: ignore[misc]
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
    read = own.base_resolver.wrapped_func

    async def resolve(root: Any, info: Info) -> Any:
        key = _parent_key(parent, root)
        if key is None:
            return None
        record = await info.context.loaders.records(child).load((key,))
        return None if record is None else read(FIELDS[child.name](_data=record))

    resolve.__annotations__ = {"root": Any, "info": Info, "return": Any}
    return strawberry.field(
        resolver=resolve,
        graphql_type=own.type,
        description=f"{own.description} (the {parent.name}'s {child.name}, Visma.net "
        f"{child.record_path}).",
    )
