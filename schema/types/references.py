"""What supplier documents share: their version, and the way back to their supplier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
    SelectionSetNode,
)

from gateway.upstream.collections import SUPPLIERS
from schema.context import Info

if TYPE_CHECKING:
    from schema.types.supplier import Supplier

# Fields every document embeds in its `supplier` summary: asking only these costs no call.
SUMMARY_FIELDS = frozenset({"number", "name", "internalId", "__typename"})


async def load_supplier(info: Info, summary: dict[str, object]) -> Supplier | None:
    """The supplier a document names, from its embedded summary when that is all the query
    asks for, otherwise read (batched with the other documents of the operation)."""
    from schema.types.supplier import Supplier  # supplier.py imports the document types

    number = summary.get("number")
    if not isinstance(number, str) or not number:
        return None
    await info.context.slicer.turn()
    raw = info._raw_info  # its AST: Info.selected_fields converts the whole subtree each time
    if all(name in SUMMARY_FIELDS for name in _field_names(raw.field_nodes, raw.fragments)):
        return Supplier.from_dto(summary)
    record = await info.context.loaders.records(SUPPLIERS).load((number,))
    return None if record is None else Supplier.from_dto(record)


def _field_names(
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
                yield from _field_names([child], fragments)


@strawberry.type
class SupplierDocument:
    """Base of invoices, purchase orders and payments."""

    last_modified_date_time: dt.datetime | None
    time_stamp: str | None = strawberry.field(description="Version of the record (Visma's ETag).")
    supplier_summary: strawberry.Private[dict[str, Any]]

    @strawberry.field(
        description="The supplier; read only when more than its number or name is asked."
    )
    async def supplier(
        self, info: Info
    ) -> Annotated[Supplier, strawberry.lazy("schema.types.supplier")] | None:
        return await load_supplier(info, self.supplier_summary)
