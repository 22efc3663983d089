"""One company's records as the API serves them: lookups, filtered listings and paging.

Lists keep the demo data's order (suppliers by number, invoices by referenceNumber, orders
by orderNbr, payments by refNbr). Paging is 1-based; an oversized ``pageSize`` is clamped
to the resource's maximum and every item of a page carries ``metadata`` with the filtered
total, unless the resource is configured to omit it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gateway.simulator.demodata import CompanyData
from gateway.simulator.errors import bad_request
from gateway.simulator.filters import (
    AnyEquals,
    Contains,
    DateCompare,
    Equals,
    Filter,
    GreaterThan,
    NumberCompare,
    OneOf,
    Params,
    Record,
    Released,
    each,
    field,
    single,
)

_INT32_MAX = 2**31 - 1

# Enum values exactly as the OpenAPI document lists them for each list parameter.
SUPPLIER_STATUSES = ("Active", "OnHold", "HoldPayments", "Inactive", "OneTime")
INVOICE_TYPES = ("Invoice", "CreditAdj", "DebitAdj", "Prepayment", "Refund", "Payment")
INVOICE_STATUSES = (
    "Hold",
    "Balanced",
    "Voided",
    "Scheduled",
    "Open",
    "Closed",
    "Printed",
    "Prebooked",
    "Reserved",
)
ORDER_TYPES = ("RegularOrder", "DropShip", "Blanket", "StandardBlanket")
ORDER_STATUSES = (
    "Balanced",
    "Cancelled",
    "Closed",
    "Hold",
    "Open",
    "PendingEmail",
    "PendingPrint",
    "Printed",
    "Voided",
)
PAYMENT_TYPES = ("Payment", "DebitAdj", "Prepayment", "Refund", "VoidPayment", "VoidRefund")
PAYMENT_STATUSES = (
    "Hold",
    "Balanced",
    "Voided",
    "Scheduled",
    "Open",
    "Closed",
    "Printed",
    "Prebooked",
    "PendingApproval",
    "Rejected",
    "Reserved",
    "PendingPrint",
)


@dataclass(frozen=True)
class Listing:
    """A list endpoint's resource name (for paging settings) and its filters."""

    resource: str
    filters: tuple[Filter, ...]


def _modified() -> DateCompare:
    return DateCompare("lastModifiedDateTime", single(field("lastModifiedDateTime")))


SUPPLIERS = Listing(
    "supplier",
    (
        Contains("name", field("name")),
        OneOf("status", field("status"), SUPPLIER_STATUSES),
        Equals("vatRegistrationId", field("vatRegistrationId")),
        Equals("corporateId", field("corporateId")),
        _modified(),
        GreaterThan(field("number")),
    ),
)

_INVOICE_FILTERS: tuple[Filter, ...] = (
    OneOf("documentType", field("documentType"), INVOICE_TYPES),
    OneOf("status", field("status"), INVOICE_STATUSES),
    Released(),
    AnyEquals("project", each("invoiceLines", "project", "id")),
    Equals("branch", field("branchNumber", "number")),
    Equals("financialPeriod", field("financialPeriod")),
    DateCompare("dueDate", single(field("dueDate"))),
    DateCompare("docDate", single(field("date"))),
    NumberCompare("balance", field("balance")),
    _modified(),
    DateCompare("createdDateTime", single(field("createdDateTime"))),
    GreaterThan(field("referenceNumber")),
)
SUPPLIER_INVOICES = Listing("supplierInvoice", _INVOICE_FILTERS)
INVOICES = Listing(
    "supplierInvoice", (Equals("supplier", field("supplier", "number")), *_INVOICE_FILTERS)
)

ORDERS = Listing(
    "purchaseOrder",
    (
        Equals("supplier", field("supplier", "number")),
        OneOf("orderType", field("orderType"), ORDER_TYPES),
        OneOf("orderStatus", field("status"), ORDER_STATUSES),
        Equals("branch", field("branch", "number")),
        DateCompare("orderDate", single(field("date"))),
        DateCompare("deliveryDate", single(field("promisedOn"))),
        _modified(),
        GreaterThan(field("orderNbr")),
    ),
)

PAYMENTS = Listing(
    "supplierPayment",
    (
        Equals("supplier", field("supplier", "number")),
        OneOf("paymentType", field("type"), PAYMENT_TYPES),
        OneOf("status", field("status"), PAYMENT_STATUSES),
        AnyEquals("invoiceRefNbr", each("paymentLines", "invoiceRefNbr")),
        Equals("branch", field("branch")),
        DateCompare("docDate", single(field("applicationDate"))),
        DateCompare("dueDate", each("paymentLines", "dueDate")),
        Equals("financialPeriod", field("applicationPeriod")),
        NumberCompare("balance", field("balance")),
        _modified(),
        GreaterThan(field("refNbr")),
    ),
)

BALANCE_FILTERS: tuple[Filter, ...] = (_modified(), GreaterThan(field("supplier", "number")))


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int


def read_page(params: Params, max_size: int) -> PageRequest:
    """Read ``pageNumber`` (default 1) and ``pageSize`` (default and cap: ``max_size``)."""
    number = _positive_int(params, "pageNumber", 1)
    size = _positive_int(params, "pageSize", max_size)
    return PageRequest(number=number, size=min(size, max_size))


def page_of(
    records: list[Record], page: PageRequest, max_size: int, with_metadata: bool
) -> list[Record]:
    """The requested page; past the end it is empty."""
    start = (page.number - 1) * page.size
    chosen = records[start : start + page.size]
    if not with_metadata:
        return chosen
    metadata = {"totalCount": len(records), "maxPageSize": max_size}
    return [{**record, "metadata": dict(metadata)} for record in chosen]


def _positive_int(params: Params, name: str, default: int) -> int:
    text = params.get(name.lower())
    if text is None:
        return default
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or not 1 <= int(stripped) <= _INT32_MAX:
        raise bad_request(f"The value '{text}' is not valid for {name}. Use a whole number from 1.")
    return int(stripped)


class CompanyStore:
    """Indexes over one company's data for single-record lookups."""

    def __init__(self, data: CompanyData) -> None:
        self.data = data
        # Files attached by writes (a Ledger's), by attachment id: name, contentType, content.
        self.uploads: dict[str, Record] = {}
        self._suppliers = _index(data.suppliers, "number")
        self._invoices = _index(data.invoices, "referenceNumber")
        self._orders = _index(data.purchase_orders, "orderNbr")
        self._payments = _index(data.payments, "refNbr")
        self._balances = {b["supplier"]["number"]: b for b in data.supplier_balances}
        self._po_balances = {b["supplier"]["number"]: b for b in data.po_balances}
        self._invoices_by_supplier: dict[str, list[Record]] = {}
        for invoice in data.invoices:
            number = invoice["supplier"]["number"]
            self._invoices_by_supplier.setdefault(number, []).append(invoice)

    def supplier(self, number: str) -> Record | None:
        return self._suppliers.get(number)

    def invoice(self, reference: str) -> Record | None:
        return self._invoices.get(reference)

    def invoices_of(self, supplier_number: str) -> list[Record]:
        return self._invoices_by_supplier.get(supplier_number, [])

    def order(self, number: str) -> Record | None:
        return self._orders.get(number)

    def payment(self, reference: str) -> Record | None:
        return self._payments.get(reference)

    def balance(self, supplier_number: str) -> Record | None:
        return self._balances.get(supplier_number)

    def po_balance(self, supplier_number: str) -> Record | None:
        return self._po_balances.get(supplier_number)


def _index(records: Iterable[Record], key: str) -> dict[str, Record]:
    return {str(record[key]): record for record in records}
