"""The root Query type: lists with filters and Relay paging, and single lookups."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.utils.str_converters import to_camel_case

from gateway.resources.declaration import Resource
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.upstream.session import Item
from schema.context import Info
from schema.engine import node_fields, record_types, root_fields
from schema.filters import (
    PurchaseOrderFilter,
    SupplierFilter,
    SupplierInvoiceFilter,
    SupplierPaymentFilter,
)
from schema.pagination import Connection, list_connection
from schema.types.enums import SupplierInvoiceType
from schema.types.invoice import SupplierInvoice
from schema.types.payment import SupplierPayment
from schema.types.purchase_order import PurchaseOrder
from schema.types.supplier import Supplier


async def _record(info: Info, collection: Resource, *key: str) -> Item | None:
    return await info.context.loaders.records(collection).load(key)


@strawberry.type
class HandWrittenQuery:
    @strawberry.field(description="Suppliers, filtered and paged.")
    async def suppliers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: SupplierFilter | None = None,
    ) -> Connection[Supplier]:
        params = filter.to_params() if filter else {}
        return await list_connection(info, SUPPLIER, params, first, after, Supplier.from_dto)

    @strawberry.field(description="One supplier by number; null when it does not exist.")
    async def supplier(self, info: Info, number: str) -> Supplier | None:
        record = await _record(info, SUPPLIER, number)
        return None if record is None else Supplier.from_dto(record)

    @strawberry.field(description="Supplier invoices of all suppliers, filtered and paged.")
    async def supplier_invoices(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: SupplierInvoiceFilter | None = None,
    ) -> Connection[SupplierInvoice]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, SUPPLIER_INVOICE, params, first, after, SupplierInvoice.from_dto
        )

    @strawberry.field(description="One supplier invoice; null when it does not exist.")
    async def supplier_invoice(
        self, info: Info, document_type: SupplierInvoiceType, number: str
    ) -> SupplierInvoice | None:
        record = await _record(info, SUPPLIER_INVOICE, document_type.value, number)
        return None if record is None else SupplierInvoice.from_dto(record)

    @strawberry.field(description="Purchase orders of all suppliers, filtered and paged.")
    async def purchase_orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: PurchaseOrderFilter | None = None,
    ) -> Connection[PurchaseOrder]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, PURCHASE_ORDER, params, first, after, PurchaseOrder.from_dto
        )

    @strawberry.field(description="One purchase order; null when it does not exist.")
    async def purchase_order(self, info: Info, number: str) -> PurchaseOrder | None:
        record = await _record(info, PURCHASE_ORDER, number)
        return None if record is None else PurchaseOrder.from_dto(record)

    @strawberry.field(description="Supplier payments, filtered and paged.")
    async def supplier_payments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: SupplierPaymentFilter | None = None,
    ) -> Connection[SupplierPayment]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, SUPPLIER_PAYMENT, params, first, after, SupplierPayment.from_dto
        )

    @strawberry.field(description="One supplier payment; null when it does not exist.")
    async def supplier_payment(self, info: Info, number: str) -> SupplierPayment | None:
        record = await _record(info, SUPPLIER_PAYMENT, number)
        return None if record is None else SupplierPayment.from_dto(record)


# The resources whose types predate the engine (still built from their records by hand).
_HAND_WRITTEN: dict[str, type[Any]] = {
    SUPPLIER.name: Supplier,
    SUPPLIER_INVOICE.name: SupplierInvoice,
    PURCHASE_ORDER.name: PurchaseOrder,
    SUPPLIER_PAYMENT.name: SupplierPayment,
}
_TYPES = record_types(
    {
        f.graphql_name or to_camel_case(f.python_name)
        for f in HandWrittenQuery.__strawberry_definition__.fields  # type: ignore[attr-defined]
    },
    _HAND_WRITTEN,
)
Query = strawberry.type(
    type(
        "Query",
        (HandWrittenQuery,),
        {**root_fields(_TYPES), **node_fields(_TYPES, _HAND_WRITTEN)},
    ),
    description="The root of every read.",
)
