"""The supplier-side read endpoints and the route table that finds them.

Routes are tried in order, so fixed paths (``/v1/supplier/balance``) come before the
parameter paths they would otherwise be mistaken for (``/v1/supplier/{supplierCd}``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.responses import Response

from gateway.simulator.auth import require_read
from gateway.simulator.config import SimulatorConfig
from gateway.simulator.errors import method_not_allowed, no_resource, not_found
from gateway.simulator.filters import Params, Record, apply
from gateway.simulator.paths import PathPattern
from gateway.simulator.responses import OrjsonResponse
from gateway.simulator.routes_customers import CUSTOMER_ROUTES
from gateway.simulator.routes_ledger import LEDGER_ROUTES
from gateway.simulator.routes_purchasing import PURCHASING_ROUTES
from gateway.simulator.store import (
    BALANCE_FILTERS,
    INVOICES,
    ORDERS,
    PAYMENTS,
    SUPPLIER_INVOICES,
    SUPPLIERS,
    CompanyStore,
    Listing,
    page_of,
    read_page,
)
from gateway.simulator.tokens import Claims


@dataclass(frozen=True)
class Call:
    """What a handler needs: the caller's company, path values, query and settings."""

    store: CompanyStore
    path: dict[str, str]
    params: Params
    config: SimulatorConfig


Handler = Callable[[Call], Response]


def route(method: str, segments: Sequence[str], claims: Claims) -> tuple[Handler, dict[str, str]]:
    """Find the handler and path values of a /v1 request.

    Raises 404 for unknown paths, 405 for methods other than GET and 403 when the token
    lacks a read scope.
    """
    for pattern, handler in ROUTES:
        values = pattern.match(segments)
        if values is None:
            continue
        if method != "GET":
            raise method_not_allowed(method)
        require_read(claims)
        return handler, values
    raise no_resource()


def _list(call: Call, listing: Listing, records: list[Record]) -> Response:
    limit = call.config.page_limit(listing.resource)
    page = read_page(call.params, limit)
    matching = apply(listing.filters, call.params, records)
    with_metadata = call.config.serves_metadata(listing.resource)
    items = page_of(matching, page, limit, with_metadata)
    overrides = call.config.overrides(listing.resource)
    if overrides:
        metadata = overrides.get("metadata", {})
        fields = {name: value for name, value in overrides.items() if name != "metadata"}
        items = [
            {**item, **fields, "metadata": {**item.get("metadata", {}), **metadata}}
            for item in items
        ]
    return OrjsonResponse(items)


def _found(record: Record | None, resource: str, ident: str) -> Record:
    if record is None:
        raise not_found(resource, ident)
    return record


def _one(record: Record | None, resource: str, ident: str) -> Response:
    """A single record with its ``timeStamp`` as ETag, as Visma's GET-by-id answers."""
    found = _found(record, resource, ident)
    return OrjsonResponse(found, headers={"ETag": found["timeStamp"]})


def list_suppliers(call: Call) -> Response:
    return _list(call, SUPPLIERS, call.store.data.suppliers)


def get_supplier(call: Call) -> Response:
    number = call.path["supplierCd"]
    return _one(call.store.supplier(number), "Supplier", number)


def list_supplier_invoices(call: Call) -> Response:
    number = call.path["supplierNumber"]
    _found(call.store.supplier(number), "Supplier", number)
    return _list(call, SUPPLIER_INVOICES, call.store.invoices_of(number))


def get_supplier_balance(call: Call) -> Response:
    number = call.path["supplierCd"]
    return OrjsonResponse(_found(call.store.balance(number), "Supplier", number))


def get_supplier_po_balance(call: Call) -> Response:
    number = call.path["supplierCd"]
    return OrjsonResponse(_found(call.store.po_balance(number), "Supplier", number))


def list_balances(call: Call) -> Response:
    return OrjsonResponse(apply(BALANCE_FILTERS, call.params, call.store.data.supplier_balances))


def list_po_balances(call: Call) -> Response:
    return OrjsonResponse(apply(BALANCE_FILTERS, call.params, call.store.data.po_balances))


def list_invoices(call: Call) -> Response:
    return _list(call, INVOICES, call.store.data.invoices)


def get_invoice(call: Call) -> Response:
    number = call.path["invoiceNumber"]
    return _one(call.store.invoice(number), "Supplier invoice", number)


def get_typed_invoice(call: Call) -> Response:
    number = call.path["invoiceNumber"]
    invoice = _of_type(call.store.invoice(number), "documentType", call.path["documentType"])
    return _one(invoice, "Supplier invoice", number)


def list_orders(call: Call) -> Response:
    return _list(call, ORDERS, call.store.data.purchase_orders)


def get_order(call: Call) -> Response:
    number = call.path["purchaseOrderNumber"]
    return _one(call.store.order(number), "Purchase order", number)


def list_payments(call: Call) -> Response:
    return _list(call, PAYMENTS, call.store.data.payments)


def get_payment(call: Call) -> Response:
    number = call.path["paymentNumber"]
    return _one(call.store.payment(number), "Supplier payment", number)


def get_typed_payment(call: Call) -> Response:
    number = call.path["paymentNumber"]
    payment = _of_type(call.store.payment(number), "type", call.path["paymentType"])
    return _one(payment, "Supplier payment", number)


def _of_type(record: Record | None, field: str, wanted: str) -> Record | None:
    """``record`` when its type (compared without case, as Visma's paths are) is ``wanted``."""
    if record is None or str(record[field]).lower() != wanted.lower():
        return None
    return record


ROUTES: tuple[tuple[PathPattern, Handler], ...] = (
    *LEDGER_ROUTES,
    *PURCHASING_ROUTES,
    *CUSTOMER_ROUTES,
    (PathPattern("v1/supplier"), list_suppliers),
    (PathPattern("v1/supplier/balance"), list_balances),
    (PathPattern("v1/supplier/POBalance"), list_po_balances),
    (PathPattern("v1/supplier/{supplierCd}"), get_supplier),
    (PathPattern("v1/supplier/{supplierCd}/balance"), get_supplier_balance),
    (PathPattern("v1/supplier/{supplierCd}/POBalance"), get_supplier_po_balance),
    (PathPattern("v1/supplier/{supplierNumber}/invoice"), list_supplier_invoices),
    (PathPattern("v1/supplierInvoice"), list_invoices),
    (PathPattern("v1/supplierInvoice/{invoiceNumber}"), get_invoice),
    (PathPattern("v1/supplierInvoice/{documentType}/{invoiceNumber}"), get_typed_invoice),
    (PathPattern("v1/purchaseorder"), list_orders),
    (PathPattern("v1/purchaseorder/{purchaseOrderNumber}"), get_order),
    (PathPattern("v1/supplierPayment"), list_payments),
    (PathPattern("v1/supplierPayment/{paymentNumber}"), get_payment),
    (PathPattern("v1/supplierPayment/{paymentType}/{paymentNumber}"), get_typed_payment),
)
