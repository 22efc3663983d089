"""Read routes of the receivable side (customers, their invoices, payments, sales orders,
classes, contacts, balances and documents), from the purchasing routes' collection table.

Lists filter with the query parameters the OpenAPI document declares for each and page with
``pageNumber``/``pageSize`` (items carry ``metadata``) where the DTO has ``metadata``; lists
under ``/v1/customer/{...}/`` answer 404 for an unknown customer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from starlette.responses import Response

from gateway.simulator.errors import not_found
from gateway.simulator.filters import (
    AnyEquals,
    Contains,
    DateCompare,
    Equals,
    Filter,
    Getter,
    GreaterThan,
    OneOf,
    Released,
    each,
    field,
    single,
)
from gateway.simulator.paths import PathPattern
from gateway.simulator.routes_purchasing import (
    CONTACT_FILTERS,
    Collection,
    list_route,
    record_route,
)

if TYPE_CHECKING:
    from gateway.simulator.endpoints import Call, Handler

# Enum values exactly as the OpenAPI document lists them for each list parameter.
CUSTOMER_STATUSES = ("Active", "OnHold", "CreditHold", "Inactive", "OneTime")
DOCUMENT_TYPES = (
    "Invoice",
    "DebitNote",
    "CreditNote",
    "Payment",
    "VoidPayment",
    "Prepayment",
    "Refund",
    "FinCharge",
    "SmallBalanceWo",
    "SmallCreditWo",
    "CashSale",
    "CashReturn",
    "Undefined",
    "NoUpdate",
)
DOCUMENT_STATUSES = (
    "Hold",
    "Balanced",
    "Voided",
    "Scheduled",
    "Open",
    "Closed",
    "PendingPrint",
    "PendingEmail",
    "CreditHold",
    "CcHold",
    "Reserved",
)
PAYMENT_TYPES = (
    "Payment",
    "CreditNote",
    "Prepayment",
    "Refund",
    "VoidPayment",
    "SmallBalanceWo",
    "VoidRefund",
    "Undefined",
)
ORDER_STATUSES = (
    "Open",
    "Hold",
    "CreditHold",
    "Completed",
    "Cancelled",
    "BackOrder",
    "Shipping",
    "Invoiced",
    "PendingApproval",
    "Voided",
)


def _modified(name: str = "lastModifiedDateTime") -> DateCompare:
    return DateCompare(name, single(field(name)))


def _by_customer(param: str) -> tuple[tuple[str, Getter], ...]:
    return ((param, field("customer", "number")),)


CUSTOMERS = Collection(
    "customer",
    lambda data: data.receivables.customers,
    (
        Contains("name", field("name")),
        OneOf("status", field("status"), CUSTOMER_STATUSES),
        Equals("corporateId", field("corporateId")),
        Equals("vatRegistrationId", field("vatRegistrationId")),
        Equals("email", field("mainContact", "email")),
        Equals("phone", field("mainContact", "phone1")),
        GreaterThan(field("number")),
        _modified(),
        _modified("createdDateTime"),
    ),
    (("customerCd", field("number")),),
    label="Customer",
)
CLASSES = Collection(
    "customerClass",
    lambda data: data.receivables.customer_classes,
    keys=(("customerClassId", field("id")),),
    paged=False,
    label="Customer class",
)
# Documents (and invoices, which are documents with lines) share these parameters.
_DOCUMENT_FILTERS: tuple[Filter, ...] = (
    OneOf("documentType", field("documentType"), DOCUMENT_TYPES),
    OneOf("status", field("status"), DOCUMENT_STATUSES),
    Released(),
    Equals("project", field("project", "id")),
    Equals("financialPeriod", field("financialPeriod")),
    DateCompare("documentDueDate", single(field("documentDueDate"))),
    DateCompare("documentDate", single(field("documentDate"))),
    Equals("customerRefNumber", field("customerRefNumber")),
    Equals("paymentReference", field("paymentReference")),
    Equals("branch", field("branchNumber", "number")),
    GreaterThan(field("referenceNumber")),
    _modified(),
    _modified("createdDateTime"),
)
_CUSTOMER = Equals("customer", field("customer", "number"))
INVOICES = Collection(
    "customerInvoice",
    lambda data: data.receivables.invoices,
    (_CUSTOMER, *_DOCUMENT_FILTERS),
    (("invoiceNumber", field("referenceNumber")),),
    label="Customer invoice",
)
CUSTOMER_INVOICES = Collection(
    "customerInvoice",
    lambda data: data.receivables.invoices,
    (_CUSTOMER, *_DOCUMENT_FILTERS),
    _by_customer("customerNumber"),
)
PAYMENTS = Collection(
    "customerPayment",
    lambda data: data.receivables.payments,
    (
        Equals("paymentNbr", field("refNbr")),
        OneOf("paymentType", field("type"), PAYMENT_TYPES),
        _CUSTOMER,
        AnyEquals("invoiceRefNbr", each("paymentLines", "refNbr")),
        OneOf("status", field("status"), DOCUMENT_STATUSES),
        Equals("branch", field("branch")),
        DateCompare("docDate", single(field("applicationDate"))),
        Equals("financialPeriod", field("applicationPeriod")),
        GreaterThan(field("refNbr")),
        _modified(),
    ),
    (("paymentNumber", field("refNbr")),),
    label="Customer payment",
)
_ORDER_FILTERS: tuple[Filter, ...] = (
    Equals("orderType", field("orderType")),
    OneOf("status", field("status"), ORDER_STATUSES),
    GreaterThan(field("orderNo")),
    _modified(),
)
ORDERS = Collection(
    "salesOrder",
    lambda data: data.receivables.sales_orders,
    _ORDER_FILTERS,
    (("orderNbr", field("orderNo")),),
    label="Sales order",
)
TYPED_ORDER = Collection(
    "salesOrder",
    lambda data: data.receivables.sales_orders,
    keys=(("orderType", field("orderType")), ("orderNbr", field("orderNo"))),
    label="Sales order",
)
CUSTOMER_ORDERS = Collection(
    "salesOrder",
    lambda data: data.receivables.sales_orders,
    _ORDER_FILTERS,
    _by_customer("customerCd"),
)
ORDER_TYPES = Collection("salesOrderType", lambda data: data.receivables.order_types)
CONTACTS = Collection(
    "contact",
    lambda data: data.receivables.contacts,
    CONTACT_FILTERS,
    (("customerCd", field("businessAccount")),),
    paged=False,
)
BALANCES = Collection(
    "customerBalance",
    lambda data: data.receivables.balances,
    (GreaterThan(field("customer", "number")), _modified("lastModified")),
    _by_customer("customerCd"),
    paged=False,
    label="Customer",
)
DOCUMENTS = Collection(
    "customerDocument",
    lambda data: data.receivables.documents,
    (_CUSTOMER, *_DOCUMENT_FILTERS),
)
CUSTOMER_DOCUMENTS = Collection(
    "customerDocument",
    lambda data: data.receivables.documents,
    (_CUSTOMER, *_DOCUMENT_FILTERS),
    _by_customer("customerNumber"),
)


def _of_customer(param: str, handler: Handler) -> Handler:
    """``handler`` for a known customer; Visma's 404 when the path names none."""

    def handle(call: Call) -> Response:
        number = call.path[param]
        if not any(c["number"] == number for c in call.store.data.receivables.customers):
            raise not_found("Customer", number)
        return handler(call)

    return handle


CUSTOMER_ROUTES: Sequence[tuple[PathPattern, Handler]] = (
    # Fixed paths first: "customerClass" and "balance" are not customer numbers.
    (PathPattern("v1/customer/customerClass"), list_route(CLASSES)),
    (PathPattern("v1/customer/customerClass/{customerClassId}"), record_route(CLASSES)),
    (PathPattern("v1/customer/balance"), list_route(BALANCES)),
    (PathPattern("v1/customer"), list_route(CUSTOMERS)),
    (PathPattern("v1/customer/{customerCd}"), record_route(CUSTOMERS)),
    (PathPattern("v1/customer/{customerCd}/balance"), record_route(BALANCES)),
    (
        PathPattern("v1/customer/{customerNumber}/invoice"),
        _of_customer("customerNumber", list_route(CUSTOMER_INVOICES)),
    ),
    (
        PathPattern("v1/customer/{customerCd}/salesorder"),
        _of_customer("customerCd", list_route(CUSTOMER_ORDERS)),
    ),
    (
        PathPattern("v1/customer/{customerCd}/contact"),
        _of_customer("customerCd", list_route(CONTACTS)),
    ),
    (
        PathPattern("v1/customer/{customerNumber}/document"),
        _of_customer("customerNumber", list_route(CUSTOMER_DOCUMENTS)),
    ),
    (PathPattern("v1/customerinvoice"), list_route(INVOICES)),
    (PathPattern("v1/customerinvoice/{invoiceNumber}"), record_route(INVOICES)),
    (PathPattern("v1/customerdocument"), list_route(DOCUMENTS)),
    (PathPattern("v1/customerPayment"), list_route(PAYMENTS)),
    (PathPattern("v1/customerPayment/{paymentNumber}"), record_route(PAYMENTS)),
    (PathPattern("v1/salesordertype"), list_route(ORDER_TYPES)),
    (PathPattern("v1/salesorder"), list_route(ORDERS)),
    (PathPattern("v1/salesorder/{orderNbr}"), record_route(ORDERS)),
    (PathPattern("v1/salesorder/{orderType}/{orderNbr}"), record_route(TYPED_ORDER)),
)
