"""References as edges: a DTO property that names another declared resource resolves to that
resource's record, read through the batching loaders, and costs nothing when the query selects
only what Visma sent inline (plus the ids, which the inline key gives)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry

from gateway.resources.declaration import Item, Reference, read_path
from gateway.resources.registry import BY_NAME
from schema.context import Info
from schema.types.node import FROM_KEY, Node
from schema.types.references import _field_names


def reference_field(
    reference: Reference, kind: type[Any], builders: dict[str, Callable[[Item], Node]]
) -> Any:
    """The field of ``reference``, typed as ``kind`` (the target's record type)."""
    target = BY_NAME[reference.target]

    async def resolve(root: Any, info: Info) -> Any:
        data: Item = root._data
        inline = data.get(reference.field)
        if not isinstance(inline, dict):
            return None
        key = tuple(read_path(data, path) for path in reference.key_paths)
        if None in key:
            return None
        raw = info._raw_info  # its AST: Info.selected_fields converts the whole subtree
        answerable = set(inline) | FROM_KEY
        if all(name in answerable for name in _field_names(raw.field_nodes, raw.fragments)):
            return builders[target.name](inline)
        await info.context.slicer.turn()
        record = await info.context.loaders.records(target).load(
            tuple(part for part in key if part is not None)
        )
        return None if record is None else builders[target.name](record)

    resolve.__annotations__ = {"root": Any, "info": Info, "return": kind | None}

    description = (
        f"The {target.name} this record names, read in full when more than what Visma.net "
        "sent inline is selected."
    )
    return strawberry.field(resolver=resolve, description=description)
