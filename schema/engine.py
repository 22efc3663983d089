"""The graph of the declared resources: built from the registry and the generated types,
with nothing per resource here.

Each declared resource with ``plural`` gets its record type (``<Name>``: the generated
``<Name>Fields``, a lazy view implementing ``Node``, with its references as edges and its
children as nested fields), and, unless the root has a field of that name already, a root
connection (``plural``) and, where Visma reads one record, a lookup by key (``singular``, one
argument per key property, typed as the key is). ``node(id:)`` and ``nodes(ids:)`` read any
of them again by its global id.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Annotated, Any

import strawberry

from gateway.errors import BadUserInput
from gateway.resources.declaration import Item, Resource
from gateway.resources.registry import BY_NAME, RESOURCES
from schema.context import Info
from schema.edges import owned_edges, reference_field
from schema.generated import FIELDS
from schema.generated.filters import FILTERS
from schema.nested import nested_fields
from schema.pagination import (
    After,
    Before,
    Connection,
    First,
    Last,
    connection,
    counted_connection,
    list_connection,
    window,
)
from schema.query_params import QueryParams
from schema.types.node import Node, decode_id


def record_types(
    nested_filters: Mapping[str, Mapping[str, type[Any]]] | None = None,
) -> dict[str, type[Any]]:
    """The record types, by resource name: the generated view, with its references to
    declared resources as edges and its children as nested fields. ``nested_filters`` gives
    a nested list a ``filter`` argument (by resource name, then field name)."""
    engine = [r for r in RESOURCES if r.plural and r.name in FIELDS]
    builders: dict[str, Callable[[Item], Node]] = {}
    # Edges and nested fields name their types lazily: resolved from ``types`` once all are
    # built, so records may reference each other (a supplier its parent supplier).
    types: dict[str, type[Any]] = {}
    available = {r.name for r in engine}
    filters = nested_filters or {}
    for resource in engine:
        fields = FIELDS[resource.name]
        edges = {
            ref.field: reference_field(ref, types, fields, builders)
            for ref in resource.references
            if ref.owner is None and ref.target in available
        }
        edges |= owned_edges(resource, fields, available, types, builders)
        edges |= nested_fields(resource, available, types, builders, filters.get(resource.name, {}))
        if any(f.python_name == "timeStamp" for f in fields.__strawberry_definition__.fields):  # type: ignore[attr-defined]
            edges["version"] = _version_field()
        description = fields.__strawberry_definition__.description  # type: ignore[attr-defined]
        kind = strawberry.type(type(resource.name, (fields,), edges), description=description)
        types[resource.name] = kind
        builders[resource.name] = partial(_view, kind)
    return {r.name: types[r.name] for r in engine}


def _version(root: Any) -> str | None:
    stamp = root._data.get("timeStamp")
    return stamp if isinstance(stamp, str) else None


def _version_field() -> Any:
    """``version``, on every record type whose DTO has a ``timeStamp`` (Visma's ETag)."""
    return strawberry.field(
        resolver=_version,
        description=(
            "The record's version (Visma.net's ETag, its `timeStamp`): pass it to an update "
            "as `expectedVersion` to change the record only if nobody has since."
        ),
    )


async def _whole(info: Info, resource: Resource, params: dict[str, str]) -> list[Item]:
    """A list Visma answers whole (windowed by the caller: its size is the answer's length)."""
    data = await info.context.upstream.get(resource.kind, resource.path, params)
    items: list[Item] = [i for i in data if isinstance(i, dict)] if isinstance(data, list) else []
    info.context.loaders.prime_records(resource, items)
    return items


def _list_field(resource: Resource, kind: type[Any]) -> Any:
    def build(item: Item) -> Any:
        return kind(_data=item)

    async def resolve(
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: QueryParams | None = None,
    ) -> Any:
        params = {} if filter is None else filter.to_params()
        if resource.paged:
            return await list_connection(
                info, resource, params, first, after, build, last=last, before=before
            )
        items = await _whole(info, resource, params)
        settings = info.context.settings
        at = window(first, after, settings, last=last, before=before, total=len(items))
        return await connection(info, at.of(items), at, build)

    filter_type = FILTERS.get(resource.name)
    resolve.__annotations__ = {
        "info": Info,
        "first": First,
        "after": After,
        "last": Last,
        "before": Before,
        "return": Connection[kind] if resource.paged else counted_connection(kind),  # type: ignore[valid-type]
    }
    if filter_type is not None:
        resolve.__annotations__["filter"] = Annotated[
            filter_type | None,
            strawberry.argument(description="Only the records that match; see the input's fields."),
        ]
    else:
        signature = inspect.signature(resolve)
        resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=list(signature.parameters.values())[:-1],
            return_annotation=resolve.__annotations__["return"],
        )
    return strawberry.field(
        resolver=resolve, description=f"Every {resource.name} record (Visma.net {resource.path})."
    )


def key_types(resource: Resource, kind: type[Any]) -> dict[str, type[Any]]:
    """The arguments naming one record (a lookup's, an update's): each key property typed as
    the record type has it (an integer key is an ``Int!``), text where the key is read from a
    nested value."""
    definition = kind.__strawberry_definition__
    own = {f.graphql_name or f.python_name: f.type for f in definition.fields}
    return {
        name: int if resource.key_path is None and own.get(name) is int else str
        for name in resource.key
    }


def _lookup_field(resource: Resource, kind: type[Any]) -> Any:
    async def resolve(info: Info, **key: str | int) -> Any:
        record = await info.context.loaders.records(resource).load(
            tuple(str(key[name]) for name in resource.key)
        )
        return None if record is None else kind(_data=record)

    types = key_types(resource, kind)
    parameters = [
        inspect.Parameter("info", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Info)
    ]
    parameters += [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=_key_argument(name, t))
        for name, t in types.items()
    ]
    resolve.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters, return_annotation=kind | None
    )
    resolve.__annotations__ = {p.name: p.annotation for p in parameters}
    resolve.__annotations__["return"] = kind | None
    return strawberry.field(
        resolver=resolve,
        description=f"One {resource.name} by its key; null when it does not exist.",
    )


def _key_argument(name: str, kind: type[Any]) -> Any:
    return Annotated[
        kind, strawberry.argument(description=f"Visma.net's `{name}` of the record (its key).")
    ]


def _view(kind: type[Any], record: Item) -> Node:
    view: Node = kind(_data=record)
    return view


def builder(kind: type[Any]) -> Callable[[Item], Node]:
    """What makes a record of ``kind`` (a record type) from the dict Visma sent."""
    return partial(_view, kind)


def root_fields(types: dict[str, type[Any]], taken: set[str]) -> dict[str, Any]:
    """The Query fields of the record types whose root fields are not in ``taken`` (the
    GraphQL names of root fields written by hand)."""
    fields: dict[str, Any] = {}
    for name, kind in types.items():
        resource = BY_NAME[name]
        assert resource.plural is not None
        if resource.plural in taken:
            continue
        fields[resource.plural] = _list_field(resource, kind)
        if resource.singular is not None:
            fields[resource.singular] = _lookup_field(resource, kind)
    return fields


# Reads a node that is no record (a background job) by its global id.
OtherNode = Callable[[Info, str], Awaitable[Node | None]]


def node_fields(types: dict[str, type[Any]], other: OtherNode | None = None) -> dict[str, Any]:
    """``node(id:)`` and ``nodes(ids:)`` over the record types, and over the nodes ``other``
    reads (background jobs) for the ids no record type wrote."""
    builders: dict[str, Callable[[Item], Node]] = {
        name: partial(_view, kind) for name, kind in types.items()
    }

    async def node(
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id (`id`).")],
    ) -> Node | None:
        decoded = decode_id(id)
        if decoded is None and other is not None:
            return await other(info, id)
        if decoded is None or decoded[0].name not in builders:
            raise BadUserInput(f"Unknown id {id[:60]!r}: pass an id this API returned")
        resource, key = decoded
        record = await info.context.loaders.records(resource).load(key)
        return None if record is None else builders[resource.name](record)

    async def nodes(
        info: Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="Global ids (`id`), any types.")
        ],
    ) -> list[Node | None]:
        return [await node(info, i) for i in ids]

    return {
        "node": strawberry.field(
            resolver=node, description="The record with this global id; null when it is gone."
        ),
        "nodes": strawberry.field(
            resolver=nodes, description="The records with these global ids, in their order."
        ),
    }
