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
    INVOICE = "Invoice"
    CREDIT_ADJ = "CreditAdj"
    DEBIT_ADJ = "DebitAdj"
    PREPAYMENT = "Prepayment"
    REFUND = "Refund"
    PAYMENT = "Payment"
    CHECK = "Check"
    QUICK_CHECK = "QuickCheck"
    VOID_CHECK = "VoidCheck"
    VOID_QUICK_CHECK = "VoidQuickCheck"


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
    REGULAR_ORDER = "RegularOrder"
    DROP_SHIP = "DropShip"
    BLANKET = "Blanket"
    STANDARD_BLANKET = "StandardBlanket"


@strawberry.enum(description="How a filter value is compared (Visma's `…Condition` parameters).")
class ComparisonOperator(Enum):
    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESS_THAN = "<"
    LESS_THAN_OR_EQUAL = "<="
