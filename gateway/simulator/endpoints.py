"""The route table of /v1 reads and the supplier-side endpoints no declaration covers.

Declared resources are routed from ``gateway.resources.registry`` (see ``routes_declared``);
the other tables add what the gateway does not declare. Routes are tried with fixed segments
before parameters, so ``/v1/supplier/balance`` is not mistaken for ``/v1/supplier/{supplierCd}``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from starlette.responses import Response

from gateway.resources.registry import RESOURCES
from gateway.simulator.auth import require_read
from gateway.simulator.config import SimulatorConfig
from gateway.simulator.errors import method_not_allowed, no_resource, not_found
from gateway.simulator.filters import Params, Record
from gateway.simulator.paths import PathPattern
from gateway.simulator.responses import OrjsonResponse, etag
from gateway.simulator.routes_customers import CUSTOMER_ROUTES
from gateway.simulator.routes_declared import declared_routes, list_page, of_type
from gateway.simulator.routes_ledger import LEDGER_ROUTES
from gateway.simulator.routes_purchasing import PURCHASING_ROUTES
from gateway.simulator.store import SUPPLIER_INVOICES, CompanyStore
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


def _found(record: Record | None, resource: str, ident: str) -> Record:
    if record is None:
        raise not_found(resource, ident)
    return record


def _one(record: Record | None, resource: str, ident: str) -> Response:
    """A single record with its ``timeStamp`` as ETag, as Visma's GET-by-id answers."""
    found = _found(record, resource, ident)
    return OrjsonResponse(found, headers=etag(found["timeStamp"]))


def list_supplier_invoices(call: Call) -> Response:
    number = call.path["supplierNumber"]
    _found(call.store.supplier(number), "Supplier", number)
    return list_page(
        call, SUPPLIER_INVOICES.resource, SUPPLIER_INVOICES.filters, call.store.invoices_of(number)
    )


def get_invoice(call: Call) -> Response:
    number = call.path["invoiceNumber"]
    return _one(call.store.invoice(number), "Supplier invoice", number)


def get_typed_payment(call: Call) -> Response:
    number = call.path["paymentNumber"]
    payment = of_type(call.store.payment(number), "type", call.path["paymentType"])
    return _one(payment, "Supplier payment", number)


def _specificity(row: tuple[PathPattern, Handler]) -> tuple[bool, ...]:
    """Fixed segments before parameters, from the left: ``v1/supplier/balance`` is tried
    before ``v1/supplier/{supplierCd}``, which would take "balance" for a number."""
    return tuple(part.startswith("{") for part in row[0].parts)


# Paths the gateway declares are routed from the declarations; these are the rest.
_UNDECLARED: tuple[tuple[PathPattern, Handler], ...] = (
    *LEDGER_ROUTES,
    *PURCHASING_ROUTES,
    *CUSTOMER_ROUTES,
    (PathPattern("v1/supplier/{supplierNumber}/invoice"), list_supplier_invoices),
    (PathPattern("v1/supplierInvoice/{invoiceNumber}"), get_invoice),
    (PathPattern("v1/supplierPayment/{paymentType}/{paymentNumber}"), get_typed_payment),
)
ROUTES: tuple[tuple[PathPattern, Handler], ...] = tuple(
    sorted((*declared_routes(RESOURCES), *_UNDECLARED), key=_specificity)
)
