"""References as edges: a DTO property that names another declared resource resolves to that
resource's record, read through the batching loaders, and costs nothing when the query selects
only what Visma sent inline (plus the ids, which the inline key gives)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.types.base import StrawberryContainer, StrawberryList, has_object_definition
from strawberry.types.field import StrawberryField

from gateway.resources.declaration import Item, LineOf, Reference, Resource, read_path
from gateway.resources.registry import BY_NAME
from schema.context import Info
from schema.nested import Built
from schema.selections import selected_fields
from schema.types.node import FROM_KEY, Node
from schema.types.record import read_field


def _resolver(
    reference: Reference, builders: dict[str, Callable[[Item], Node]]
) -> Callable[..., Any]:
    target = BY_NAME[reference.target]

    async def resolve(root: Any, info: Info) -> Any:
        data: Item = root._data
        key = tuple(read_path(data, path) for path in reference.key_paths)
        if None in key:
            return None
        # What Visma sent inline, with the key under the target's own names (a line's
        # ``inventory`` sends ``number``, the item's key is ``inventoryNumber``).
        given = data.get(reference.field)
        inline: Item = dict(given) if isinstance(given, dict) else {}
        if target.key_path is None:
            inline.update(zip(target.key, key, strict=True))
        if target.record_key(inline) is not None:
            raw = info._raw_info  # its AST: Info.selected_fields converts the whole subtree
            answerable = set(inline) | FROM_KEY
            selected = (
                field.name.value
                for node in raw.field_nodes
                for field in selected_fields(node.selection_set, raw.fragments)
            )
            if all(name in answerable for name in selected):
                return builders[target.name](inline)
        await info.context.slicer.turn()
        record = await info.context.loaders.records(target).load(
            tuple(part for part in key if part is not None)
        )
        return None if record is None else builders[target.name](record)

    return resolve


def _line_resolver(reference: Reference, line: LineOf, kind: Built) -> Callable[..., Any]:
    """One line of the target record (read through the loaders), as ``kind``."""
    target = BY_NAME[reference.target]

    async def resolve(root: Any, info: Info) -> Any:
        data: Item = root._data
        key = tuple(read_path(data, path) for path in reference.key_paths)
        wanted = read_path(data, line.key_path)
        if None in key or wanted is None:
            return None
        await info.context.slicer.turn()
        record = await info.context.loaders.records(target).load(
            tuple(part for part in key if part is not None)
        )
        lines = record.get(line.lines) if record is not None else None
        for item in lines if isinstance(lines, list) else ():
            if isinstance(item, dict) and read_path(item, (line.key,)) == wanted:
                return kind.resolve_type()(_data=item)
        return None

    return resolve


@dataclass(frozen=True)
class BuiltLine(Built):
    """The line type of a record type named before it is built (the type its ``lines``
    field holds, references as edges included)."""

    lines: str = ""

    def resolve_type(self) -> type[Any]:
        record = self.types[self.type_name]
        for field in record.__strawberry_definition__.fields:
            if field.python_name == self.lines:
                kind, _ = _nested(field.type)
                if kind is not None:
                    return kind
        raise ValueError(f"{self.type_name} has no list of lines {self.lines!r}")


def _description(reference: Reference, holder: type[Any]) -> str:
    """Visma's description of the property (the field of ``holder``, the generated type that
    holds it), and how the edge reads it."""
    if reference.line is not None:
        return f"The line of the {reference.target} this line names, read with that record."
    edge = (
        f"Resolved to the {reference.target} record, read in full when more than what "
        "Visma.net sent inline is selected."
    )
    for field in holder.__strawberry_definition__.fields:
        if field.python_name == reference.field and field.description:
            return f"{field.description}\n\n{edge}"
    return edge


def reference_field(
    reference: Reference,
    types: dict[str, type[Any]],
    holder: type[Any],
    builders: dict[str, Callable[[Item], Node]],
) -> Any:
    """The field of ``reference`` on ``holder`` (the generated type holding the property),
    typed as the target's record type (or its line type), named lazily from ``types``."""
    kind: Built
    if reference.line is None:
        kind = Built(reference.target, __name__, types=types)
        resolve = _resolver(reference, builders)
    else:
        kind = BuiltLine(reference.target, __name__, types=types, lines=reference.line.lines)
        resolve = _line_resolver(reference, reference.line, kind)
    resolve.__annotations__ = {"root": Any, "info": Info, "return": kind | None}
    return strawberry.field(resolver=resolve, description=_description(reference, holder))


def owned_edges(
    resource: Resource,
    fields: type[Any],
    available: set[str],
    types: dict[str, type[Any]],
    builders: dict[str, Callable[[Item], Node]],
) -> dict[str, Any]:
    """The fields of ``fields`` (a record's generated type) holding a nested DTO that owns
    references (a sales order's ``lines``, each naming its inventory item), answered as that
    nested type with its references as edges. A reference whose ``owner`` is no nested type
    of the record is a declaration error."""
    owned: dict[str, list[Reference]] = {}
    for ref in resource.references:
        if ref.owner is not None and ref.target in available:
            owned.setdefault(ref.owner, []).append(ref)
    overrides: dict[str, Any] = {}
    rebuilt: dict[str, type[Any]] = {}
    for field in fields.__strawberry_definition__.fields:
        nested, listed = _nested(field.type)
        if nested is None:
            continue
        definition = nested.__strawberry_definition__
        refs = owned.get(definition.name)
        if refs is None:
            continue
        if definition.name not in rebuilt:  # one type, however many fields hold it
            edges = {ref.field: reference_field(ref, types, nested, builders) for ref in refs}
            rebuilt[definition.name] = strawberry.type(
                type(definition.name, (nested,), edges),
                name=definition.name,
                description=definition.description,
            )
        overrides[field.python_name] = _nested_field(field, rebuilt[definition.name], listed)
    missing = set(owned) - set(rebuilt)
    if missing:
        raise ValueError(f"{resource.name} has no nested type {', '.join(sorted(missing))}")
    return overrides


def _nested(kind: Any) -> tuple[type[Any] | None, bool]:
    """The object type a field holds, and whether it holds a list of them."""
    listed = False
    while isinstance(kind, StrawberryContainer):
        listed |= isinstance(kind, StrawberryList)
        kind = kind.of_type
    return (kind, listed) if has_object_definition(kind) else (None, False)


def _nested_field(field: StrawberryField, kind: type[Any], listed: bool) -> Any:
    """``field`` answered as ``kind``: the generated field's own reading, each value viewed
    as ``kind`` (a deprecated alias reads the property it names, as the original does)."""

    def resolve(root: Any) -> Any:
        value = read_field(root, field.python_name)
        if value is None:
            return None
        return [kind(_data=v._data) for v in value] if listed else kind(_data=value._data)

    resolve.__annotations__ = {
        "root": Any,
        "return": (list[kind] | None) if listed else (kind | None),  # type: ignore[valid-type]
    }
    return strawberry.field(
        resolver=resolve,
        name=field.graphql_name or field.python_name,
        description=field.description,
        deprecation_reason=field.deprecation_reason,
    )
