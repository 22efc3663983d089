"""Filter inputs and their translation into Visma list query parameters.

Each nested list of a supplier takes the filter of its collection without ``supplier``; the
top-level lists take the same filter plus ``supplier``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from gateway.errors import BadUserInput
from schema.query_params import written
from schema.types.enums import (
    LISTABLE_INVOICE_TYPES,
    ComparisonOperator,
    PurchaseOrderStatus,
    PurchaseOrderType,
    SupplierInvoiceStatus,
    SupplierInvoiceType,
    SupplierPaymentStatus,
    SupplierPaymentType,
    SupplierStatus,
    sent,
)

Params = dict[str, str]


@strawberry.input(description="Compare a date-time; values are sent to Visma in UTC.")
class DateTimeFilter:
    operator: ComparisonOperator = strawberry.field(
        description="How `value` is compared with the record's."
    )
    value: datetime = strawberry.field(description="The date-time compared with.")


@strawberry.input(description="Compare a calendar date.")
class DateFilter:
    operator: ComparisonOperator = strawberry.field(
        description="How `value` is compared with the record's."
    )
    value: date = strawberry.field(description="The date compared with.")


@strawberry.input(description="Compare an amount.")
class DecimalFilter:
    operator: ComparisonOperator = strawberry.field(
        description="How `value` is compared with the record's."
    )
    value: Decimal = strawberry.field(description="The amount compared with.")


def _put(params: Params, name: str, value: str | None) -> None:
    if value is not None:
        params[name] = value


def _put_compared(
    params: Params, name: str, condition: DateTimeFilter | DateFilter | DecimalFilter | None
) -> None:
    if condition is not None:
        params[name] = written(condition.value, name)
        params[name + "Condition"] = written(condition.operator, name + "Condition")


def _period(value: str | None, field: str) -> str | None:
    if value is not None and not (len(value) == 6 and value.isdigit()):
        raise BadUserInput(f"`{field}` must be a financial period YYYYPP, got {value[:20]!r}")
    return value


@strawberry.input(description="Filters of the supplier list.")
class SupplierFilter:
    name: str | None = strawberry.field(default=None, description="Visma.net's `name` filter.")
    status: SupplierStatus | None = strawberry.field(
        default=None, description="Only suppliers with this status."
    )
    vat_registration_id: str | None = strawberry.field(
        default=None, description="Only suppliers with this VAT registration id."
    )
    corporate_id: str | None = strawberry.field(
        default=None, description="Only suppliers with this corporate id."
    )
    last_modified: DateTimeFilter | None = strawberry.field(
        default=None, description="Compare the last modification (`lastModifiedDateTime`)."
    )

    def to_params(self) -> Params:
        params: Params = {}
        _put(params, "name", self.name)
        _put(params, "status", sent(self.status, "filter.status") if self.status else None)
        _put(params, "vatRegistrationId", self.vat_registration_id)
        _put(params, "corporateId", self.corporate_id)
        _put_compared(params, "lastModifiedDateTime", self.last_modified)
        return params


@strawberry.input(description="Filters of a supplier's invoices.")
class InvoiceFilter:
    document_type: SupplierInvoiceType | None = strawberry.field(
        default=None, description="Only documents of this type."
    )
    status: SupplierInvoiceStatus | None = strawberry.field(
        default=None, description="Only documents with this status."
    )
    released: bool | None = strawberry.field(
        default=None, description="Only released (true) or unreleased (false) documents."
    )
    project: str | None = strawberry.field(
        default=None, description="Only documents of this project (by id)."
    )
    branch: str | None = strawberry.field(
        default=None, description="Only records of this branch (by number)."
    )
    financial_period: str | None = strawberry.field(default=None, description="YYYYPP")
    date: DateFilter | None = strawberry.field(default=None, description="Document date.")
    due_date: DateFilter | None = strawberry.field(
        default=None, description="Compare the due date."
    )
    balance: DecimalFilter | None = strawberry.field(
        default=None, description="Compare the open balance."
    )
    last_modified: DateTimeFilter | None = strawberry.field(
        default=None, description="Compare the last modification (`lastModifiedDateTime`)."
    )
    created: DateTimeFilter | None = strawberry.field(
        default=None, description="Compare the creation (`createdDateTime`)."
    )

    def to_params(self) -> Params:
        if self.document_type is not None and self.document_type not in LISTABLE_INVOICE_TYPES:
            allowed = ", ".join(sorted(t.name for t in LISTABLE_INVOICE_TYPES))
            raise BadUserInput(f"Invoice lists can be filtered by documentType {allowed} only")
        params: Params = {}
        _put(
            params,
            "documentType",
            sent(self.document_type, "filter.documentType") if self.document_type else None,
        )
        _put(params, "status", sent(self.status, "filter.status") if self.status else None)
        _put(params, "released", None if self.released is None else str(int(self.released)))
        _put(params, "project", self.project)
        _put(params, "branch", self.branch)
        _put(params, "financialPeriod", _period(self.financial_period, "financialPeriod"))
        _put_compared(params, "docDate", self.date)
        _put_compared(params, "dueDate", self.due_date)
        _put_compared(params, "balance", self.balance)
        _put_compared(params, "lastModifiedDateTime", self.last_modified)
        _put_compared(params, "createdDateTime", self.created)
        return params


@strawberry.input(description="Filters of the supplier invoice list.")
class SupplierInvoiceFilter(InvoiceFilter):
    supplier: str | None = strawberry.field(default=None, description="Supplier number.")

    def to_params(self) -> Params:
        params = super().to_params()
        _put(params, "supplier", self.supplier)
        return params


@strawberry.input(description="Filters of a supplier's purchase orders.")
class OrderFilter:
    order_type: PurchaseOrderType | None = strawberry.field(
        default=None, description="Only orders of this type."
    )
    status: PurchaseOrderStatus | None = strawberry.field(
        default=None, description="Only orders with this status."
    )
    branch: str | None = strawberry.field(
        default=None, description="Only records of this branch (by number)."
    )
    date: DateFilter | None = strawberry.field(default=None, description="Order date.")
    promised_on: DateFilter | None = strawberry.field(
        default=None, description="Delivery (promised) date."
    )
    last_modified: DateTimeFilter | None = strawberry.field(
        default=None, description="Compare the last modification (`lastModifiedDateTime`)."
    )

    def to_params(self) -> Params:
        params: Params = {}
        _put(
            params,
            "orderType",
            sent(self.order_type, "filter.orderType") if self.order_type else None,
        )
        _put(params, "orderStatus", sent(self.status, "filter.status") if self.status else None)
        _put(params, "branch", self.branch)
        _put_compared(params, "orderDate", self.date)
        _put_compared(params, "deliveryDate", self.promised_on)
        _put_compared(params, "lastModifiedDateTime", self.last_modified)
        return params


@strawberry.input(description="Filters of the purchase order list.")
class PurchaseOrderFilter(OrderFilter):
    supplier: str | None = strawberry.field(default=None, description="Supplier number.")

    def to_params(self) -> Params:
        params = super().to_params()
        _put(params, "supplier", self.supplier)
        return params


@strawberry.input(description="Filters of a supplier's payments.")
class PaymentFilter:
    type: SupplierPaymentType | None = strawberry.field(
        default=None, description="Only payments of this type."
    )
    status: SupplierPaymentStatus | None = strawberry.field(
        default=None, description="Only payments with this status."
    )
    invoice_reference_number: str | None = strawberry.field(
        default=None,
        description="Only payments applied to the document with this reference number.",
    )
    branch: str | None = strawberry.field(
        default=None, description="Only records of this branch (by number)."
    )
    application_date: DateFilter | None = strawberry.field(
        default=None, description="Compare the application (document) date."
    )
    due_date: DateFilter | None = strawberry.field(
        default=None, description="Compare the due date."
    )
    financial_period: str | None = strawberry.field(default=None, description="YYYYPP")
    balance: DecimalFilter | None = strawberry.field(
        default=None, description="Compare the open balance."
    )
    last_modified: DateTimeFilter | None = strawberry.field(
        default=None, description="Compare the last modification (`lastModifiedDateTime`)."
    )

    def to_params(self) -> Params:
        params: Params = {}
        _put(params, "paymentType", sent(self.type, "filter.type") if self.type else None)
        _put(params, "status", sent(self.status, "filter.status") if self.status else None)
        _put(params, "invoiceRefNbr", self.invoice_reference_number)
        _put(params, "branch", self.branch)
        _put_compared(params, "docDate", self.application_date)
        _put_compared(params, "dueDate", self.due_date)
        _put(params, "financialPeriod", _period(self.financial_period, "financialPeriod"))
        _put_compared(params, "balance", self.balance)
        _put_compared(params, "lastModifiedDateTime", self.last_modified)
        return params


@strawberry.input(description="Filters of the supplier payment list.")
class SupplierPaymentFilter(PaymentFilter):
    supplier: str | None = strawberry.field(default=None, description="Supplier number.")

    def to_params(self) -> Params:
        params = super().to_params()
        _put(params, "supplier", self.supplier)
        return params
