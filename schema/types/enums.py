"""Enums of the Visma.net ERP API, named in GraphQL style; values are Visma's own strings."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Status of a supplier.")
class SupplierStatus(Enum):
    ACTIVE = "Active"
    ON_HOLD = "OnHold"
    HOLD_PAYMENTS = "HoldPayments"
    INACTIVE = "Inactive"
    ONE_TIME = "OneTime"


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


@strawberry.enum(description="Status of a supplier invoice.")
class SupplierInvoiceStatus(Enum):
    HOLD = "Hold"
    BALANCED = "Balanced"
    VOIDED = "Voided"
    SCHEDULED = "Scheduled"
    OPEN = "Open"
    CLOSED = "Closed"
    PRINTED = "Printed"
    PREBOOKED = "Prebooked"
    RESERVED = "Reserved"


@strawberry.enum(description="Type of a purchase order.")
class PurchaseOrderType(Enum):
    REGULAR_ORDER = "RegularOrder"
    DROP_SHIP = "DropShip"
    BLANKET = "Blanket"
    STANDARD_BLANKET = "StandardBlanket"


@strawberry.enum(description="Status of a purchase order.")
class PurchaseOrderStatus(Enum):
    BALANCED = "Balanced"
    CANCELLED = "Cancelled"
    CLOSED = "Closed"
    HOLD = "Hold"
    OPEN = "Open"
    PENDING_EMAIL = "PendingEmail"
    PENDING_PRINT = "PendingPrint"
    PRINTED = "Printed"
    VOIDED = "Voided"


@strawberry.enum(description="Type of a supplier payment.")
class SupplierPaymentType(Enum):
    PAYMENT = "Payment"
    DEBIT_ADJ = "DebitAdj"
    PREPAYMENT = "Prepayment"
    REFUND = "Refund"
    VOID_PAYMENT = "VoidPayment"
    VOID_REFUND = "VoidRefund"


@strawberry.enum(description="Status of a supplier payment.")
class SupplierPaymentStatus(Enum):
    HOLD = "Hold"
    BALANCED = "Balanced"
    VOIDED = "Voided"
    SCHEDULED = "Scheduled"
    OPEN = "Open"
    CLOSED = "Closed"
    PRINTED = "Printed"
    PREBOOKED = "Prebooked"
    PENDING_APPROVAL = "PendingApproval"
    REJECTED = "Rejected"
    RESERVED = "Reserved"
    PENDING_PRINT = "PendingPrint"


@strawberry.enum(description="How a filter value is compared (Visma's `…Condition` parameters).")
class ComparisonOperator(Enum):
    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESS_THAN = "<"
    LESS_THAN_OR_EQUAL = "<="
