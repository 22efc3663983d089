"""Visma's descriptions for the hand-written mutation inputs, taken from the generated types.

The create and update inputs of the four resources written by the mutations name most fields
as Visma does; the generated record types (``schema/generated``) carry Visma's description of
each property. An input field without a description of its own gets the one of the generated
field of the same GraphQL name, nested types included, so each description is said once, in
the spec.
"""

from __future__ import annotations

from typing import Any

from strawberry.types.base import StrawberryContainer, has_object_definition
from strawberry.utils.str_converters import to_camel_case

from schema.generated import FIELDS
from schema.inputs.documents import (
    CreatePurchaseOrderInput,
    CreateSupplierInvoiceInput,
    CreateSupplierPaymentInput,
    UpdatePurchaseOrderInput,
    UpdateSupplierInvoiceInput,
)


def _named(kind: Any) -> Any:
    while isinstance(kind, StrawberryContainer):
        kind = kind.of_type
    return kind


def _fields(kind: Any) -> dict[str, Any]:
    definition = kind.__strawberry_definition__
    return {f.graphql_name or to_camel_case(f.python_name): f for f in definition.fields}


def borrow(hand: type[Any], generated: type[Any], seen: set[type[Any]] | None = None) -> None:
    """Describe ``hand``'s undescribed fields (and those of its nested types) with the
    descriptions of ``generated``'s fields of the same names."""
    seen = set() if seen is None else seen
    if hand in seen:
        return
    seen.add(hand)
    theirs = _fields(generated)
    for name, field in _fields(hand).items():
        other = theirs.get(name)
        if other is None:
            continue
        if field.description is None:
            field.description = other.description
        mine, its = _named(field.type), _named(other.type)
        if has_object_definition(mine) and has_object_definition(its):
            borrow(mine, its, seen)


def describe_inputs() -> None:
    """Borrow Visma's descriptions for the mutation inputs, from the generated record types."""
    for hand, name in (
        (UpdateSupplierInvoiceInput, "SupplierInvoice"),
        (CreateSupplierInvoiceInput, "SupplierInvoice"),
        (UpdatePurchaseOrderInput, "PurchaseOrder"),
        (CreatePurchaseOrderInput, "PurchaseOrder"),
        (CreateSupplierPaymentInput, "SupplierPayment"),
    ):
        borrow(hand, FIELDS[name])
