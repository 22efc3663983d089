"""References as edges: a DTO property that names another declared resource resolves to that
resource's record, read through the batching loaders, and costs nothing when the query selects
only what Visma sent inline (plus the ids, which the inline key gives)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)
from strawberry.types.base import StrawberryContainer, has_object_definition

from gateway.resources.declaration import Item, Reference, read_path
from gateway.resources.registry import BY_NAME
from schema.context import Info
from schema.types.node import FROM_KEY, Node


def field_names(
    selections: Iterable[SelectionNode], fragments: Mapping[str, FragmentDefinitionNode]
) -> Iterator[str]:
    """The names of the fields selected under ``selections``, through fragments."""
    for node in selections:
        selection_set: SelectionSetNode | None = None
        if isinstance(node, FieldNode | InlineFragmentNode):
            selection_set = node.selection_set
        elif isinstance(node, FragmentSpreadNode):
            fragment = fragments.get(node.name.value)
            selection_set = fragment.selection_set if fragment is not None else None
        for child in selection_set.selections if selection_set else ():
            if isinstance(child, FieldNode):
                yield child.name.value
            else:
                yield from field_names([child], fragments)


def _resolver(
    reference: Reference, builders: dict[str, Callable[[Item], Node]]
) -> Callable[..., Any]:
    target = BY_NAME[reference.target]

    async def resolve(root: Any, info: Info) -> Any:
        data: Item = root._data
        key = tuple(read_path(data, path) for path in reference.key_paths)
        if None in key:
            return None
        inline = data.get(reference.field)
        if isinstance(inline, dict):
            raw = info._raw_info  # its AST: Info.selected_fields converts the whole subtree
            answerable = set(inline) | FROM_KEY
            if all(name in answerable for name in field_names(raw.field_nodes, raw.fragments)):
                return builders[target.name](inline)
        await info.context.slicer.turn()
        record = await info.context.loaders.records(target).load(
            tuple(part for part in key if part is not None)
        )
        return None if record is None else builders[target.name](record)

    return resolve


def _description(reference: Reference) -> str:
    return (
        f"The {reference.target} this record names, read in full when more than what "
        "Visma.net sent inline is selected."
    )


def reference_field(
    reference: Reference, kind: type[Any], builders: dict[str, Callable[[Item], Node]]
) -> Any:
    """The field of ``reference``, typed as ``kind`` (the target's record type)."""
    resolve = _resolver(reference, builders)
    resolve.__annotations__ = {"root": Any, "info": Info, "return": kind | None}
    return strawberry.field(resolver=resolve, description=_description(reference))


def _nested(kind: type[Any], name: str, seen: set[type[Any]]) -> type[Any] | None:
    """The object type named ``name`` among the types nested in ``kind``."""
    if kind in seen:
        return None
    seen.add(kind)
    definition = kind.__strawberry_definition__
    if definition.name == name:
        return kind
    for field in definition.fields:
        inner: Any = field.type
        while isinstance(inner, StrawberryContainer):
            inner = inner.of_type
        if isinstance(inner, type) and has_object_definition(inner):
            found = _nested(inner, name, seen)
            if found is not None:
                return found
    return None


def attach_owned(
    root: type[Any],
    reference: Reference,
    kind: type[Any],
    builders: dict[str, Callable[[Item], Node]],
) -> None:
    """Put the edge of ``reference`` on the nested type it is declared on (``owner``, inside
    the record type ``root``): a payment line's ``invoice``, read by the line's own key
    properties. The generated nested type is shared, so the edge is added to its definition."""
    assert reference.owner is not None
    owner = _nested(root, reference.owner, set())
    if owner is None:
        raise ValueError(f"{reference.owner} is not a type nested in {root.__name__}")
    definition = owner.__strawberry_definition__
    if any(f.python_name == reference.field for f in definition.fields):
        return
    resolve = _resolver(reference, builders)
    resolve.__annotations__ = {"root": Any, "info": Info, "return": kind | None}
    field = strawberry.field(resolver=resolve, description=_description(reference))
    field.python_name = reference.field
    field.origin = owner
    definition.fields.append(field)
