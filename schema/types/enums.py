"""Enums of the Visma.net ERP API, named in GraphQL style; values are Visma's own strings.

The enums the spec declares are the generated ones (``schema.generated.enums``), re-exported
here; the ones below are the gateway's own or name a set the spec leaves unnamed.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.errors import BadUserInput
from schema.generated.enums import (
    PurchaseOrderStatus,
    SupplierInvoiceStatus,
    SupplierPaymentStatus,
    SupplierPaymentType,
    SupplierStatus,
)

__all__ = [
    "LISTABLE_INVOICE_TYPES",
    "ComparisonOperator",
    "PurchaseOrderStatus",
    "PurchaseOrderType",
    "SupplierInvoiceStatus",
    "SupplierInvoiceType",
    "SupplierPaymentStatus",
    "SupplierPaymentType",
    "SupplierStatus",
    "sent",
]


def sent(member: Enum, field: str) -> str:
    """Visma's value of the enum input at ``field``; ``UNKNOWN`` only ever answers (a value
    Visma sent that the spec does not list), so it is refused rather than sent."""
    if member.name == "UNKNOWN":
        kind = type(member).__name__
        raise BadUserInput(
            f"{field}: UNKNOWN is not a value Visma.net takes; pass one of the other {kind} values",
            field=field,
        )
    value: str = member.value
    return value


@strawberry.enum(description="Type of a supplier ledger document.")
class SupplierInvoiceType(Enum):
    INVOICE = strawberry.enum_value("Invoice", description="Visma.net's value `Invoice`.")
    CREDIT_ADJ = strawberry.enum_value("CreditAdj", description="Visma.net's value `CreditAdj`.")
    DEBIT_ADJ = strawberry.enum_value("DebitAdj", description="Visma.net's value `DebitAdj`.")
    PREPAYMENT = strawberry.enum_value("Prepayment", description="Visma.net's value `Prepayment`.")
    REFUND = strawberry.enum_value("Refund", description="Visma.net's value `Refund`.")
    PAYMENT = strawberry.enum_value("Payment", description="Visma.net's value `Payment`.")
    CHECK = strawberry.enum_value("Check", description="Visma.net's value `Check`.")
    QUICK_CHECK = strawberry.enum_value("QuickCheck", description="Visma.net's value `QuickCheck`.")
    VOID_CHECK = strawberry.enum_value("VoidCheck", description="Visma.net's value `VoidCheck`.")
    VOID_QUICK_CHECK = strawberry.enum_value(
        "VoidQuickCheck", description="Visma.net's value `VoidQuickCheck`."
    )


# The document types the invoice list endpoint can filter by.
LISTABLE_INVOICE_TYPES = frozenset(
    {
        SupplierInvoiceType.INVOICE,
        SupplierInvoiceType.CREDIT_ADJ,
        SupplierInvoiceType.DEBIT_ADJ,
        SupplierInvoiceType.PREPAYMENT,
        SupplierInvoiceType.REFUND,
        SupplierInvoiceType.PAYMENT,
    }
)


@strawberry.enum(description="Type of a purchase order.")
class PurchaseOrderType(Enum):
    REGULAR_ORDER = strawberry.enum_value(
        "RegularOrder", description="Visma.net's value `RegularOrder`."
    )
    DROP_SHIP = strawberry.enum_value("DropShip", description="Visma.net's value `DropShip`.")
    BLANKET = strawberry.enum_value("Blanket", description="Visma.net's value `Blanket`.")
    STANDARD_BLANKET = strawberry.enum_value(
        "StandardBlanket", description="Visma.net's value `StandardBlanket`."
    )


@strawberry.enum(description="How a filter value is compared (Visma's `…Condition` parameters).")
class ComparisonOperator(Enum):
    GREATER_THAN = strawberry.enum_value(">", description="Greater than (Visma.net's `>`).")
    GREATER_THAN_OR_EQUAL = strawberry.enum_value(
        ">=", description="Greater than or equal (Visma.net's `>=`)."
    )
    LESS_THAN = strawberry.enum_value("<", description="Less than (Visma.net's `<`).")
    LESS_THAN_OR_EQUAL = strawberry.enum_value(
        "<=", description="Less than or equal (Visma.net's `<=`)."
    )
