"""Filter inputs and their translation into Visma list query parameters.

Each nested list of a supplier takes the filter of its collection without ``supplier``; the
top-level lists take the same filter plus ``supplier``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import strawberry

from gateway.errors import BadUserInput
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
    operator: ComparisonOperator
    value: datetime


@strawberry.input(description="Compare a calendar date.")
class DateFilter:
    operator: ComparisonOperator
    value: date


@strawberry.input(description="Compare an amount.")
class DecimalFilter:
    operator: ComparisonOperator
    value: Decimal


def _put(params: Params, name: str, value: str | None) -> None:
    if value is not None:
        params[name] = value


def _put_datetime(params: Params, name: str, condition: DateTimeFilter | None) -> None:
    if condition is not None:
        value = condition.value
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        params[name] = value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}"
        params[name + "Condition"] = condition.operator.value


def _put_date(params: Params, name: str, condition: DateFilter | None) -> None:
    if condition is not None:
        params[name] = condition.value.isoformat()
        params[name + "Condition"] = condition.operator.value


def _put_decimal(params: Params, name: str, condition: DecimalFilter | None) -> None:
    if condition is not None:
        if not condition.value.is_finite():
            raise BadUserInput(f"`{name}` must be a finite number")
        params[name] = format(condition.value, "f")
        params[name + "Condition"] = condition.operator.value


def _period(value: str | None, field: str) -> str | None:
    if value is not None and not (len(value) == 6 and value.isdigit()):
        raise BadUserInput(f"`{field}` must be a financial period YYYYPP, got {value[:20]!r}")
    return value


@strawberry.input(description="Filters of the supplier list.")
class SupplierFilter:
    name: str | None = None
    status: SupplierStatus | None = None
    vat_registration_id: str | None = None
    corporate_id: str | None = None
    last_modified: DateTimeFilter | None = None

    def to_params(self) -> Params:
        params: Params = {}
        _put(params, "name", self.name)
        _put(params, "status", sent(self.status, "filter.status") if self.status else None)
        _put(params, "vatRegistrationId", self.vat_registration_id)
        _put(params, "corporateId", self.corporate_id)
        _put_datetime(params, "lastModifiedDateTime", self.last_modified)
        return params


@strawberry.input(description="Filters of a supplier's invoices.")
class InvoiceFilter:
    document_type: SupplierInvoiceType | None = None
    status: SupplierInvoiceStatus | None = None
    released: bool | None = None
    project: str | None = None
    branch: str | None = None
    financial_period: str | None = strawberry.field(default=None, description="YYYYPP")
    date: DateFilter | None = strawberry.field(default=None, description="Document date.")
    due_date: DateFilter | None = None
    balance: DecimalFilter | None = None
    last_modified: DateTimeFilter | None = None
    created: DateTimeFilter | None = None

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
        _put_date(params, "docDate", self.date)
        _put_date(params, "dueDate", self.due_date)
        _put_decimal(params, "balance", self.balance)
        _put_datetime(params, "lastModifiedDateTime", self.last_modified)
        _put_datetime(params, "createdDateTime", self.created)
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
    order_type: PurchaseOrderType | None = None
    status: PurchaseOrderStatus | None = None
    branch: str | None = None
    date: DateFilter | None = strawberry.field(default=None, description="Order date.")
    promised_on: DateFilter | None = strawberry.field(
        default=None, description="Delivery (promised) date."
    )
    last_modified: DateTimeFilter | None = None

    def to_params(self) -> Params:
        params: Params = {}
        _put(
            params,
            "orderType",
            sent(self.order_type, "filter.orderType") if self.order_type else None,
        )
        _put(params, "orderStatus", sent(self.status, "filter.status") if self.status else None)
        _put(params, "branch", self.branch)
        _put_date(params, "orderDate", self.date)
        _put_date(params, "deliveryDate", self.promised_on)
        _put_datetime(params, "lastModifiedDateTime", self.last_modified)
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
    type: SupplierPaymentType | None = None
    status: SupplierPaymentStatus | None = None
    invoice_reference_number: str | None = None
    branch: str | None = None
    application_date: DateFilter | None = None
    due_date: DateFilter | None = None
    financial_period: str | None = strawberry.field(default=None, description="YYYYPP")
    balance: DecimalFilter | None = None
    last_modified: DateTimeFilter | None = None

    def to_params(self) -> Params:
        params: Params = {}
        _put(params, "paymentType", sent(self.type, "filter.type") if self.type else None)
        _put(params, "status", sent(self.status, "filter.status") if self.status else None)
        _put(params, "invoiceRefNbr", self.invoice_reference_number)
        _put(params, "branch", self.branch)
        _put_date(params, "docDate", self.application_date)
        _put_date(params, "dueDate", self.due_date)
        _put(params, "financialPeriod", _period(self.financial_period, "financialPeriod"))
        _put_decimal(params, "balance", self.balance)
        _put_datetime(params, "lastModifiedDateTime", self.last_modified)
        return params


@strawberry.input(description="Filters of the supplier payment list.")
class SupplierPaymentFilter(PaymentFilter):
    supplier: str | None = strawberry.field(default=None, description="Supplier number.")

    def to_params(self) -> Params:
        params = super().to_params()
        _put(params, "supplier", self.supplier)
        return params
