"""The root Query type: lists with filters and Relay paging, and single lookups."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.utils.str_converters import to_camel_case

from gateway.resources.declaration import Resource
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.upstream.session import Item
from schema import jobs
from schema.context import Info
from schema.engine import builder, node_fields, root_fields
from schema.filters import (
    PurchaseOrderFilter,
    SupplierFilter,
    SupplierInvoiceFilter,
    SupplierPaymentFilter,
)
from schema.jobs import BackgroundJob
from schema.pagination import FILTER, After, Before, Connection, First, Last, list_connection
from schema.records import (
    ENGINE_TYPES,
    PurchaseOrder,
    Supplier,
    SupplierInvoice,
    SupplierPayment,
)
from schema.types.enums import SupplierInvoiceType, sent

Number = Annotated[str, strawberry.argument(description="Visma.net's number of the record.")]


async def _record(info: Info, collection: Resource, *key: str) -> Item | None:
    return await info.context.loaders.records(collection).load(key)


@strawberry.type
class HandWrittenQuery:
    @strawberry.field(description="Suppliers, filtered and paged.")
    async def suppliers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[SupplierFilter | None, FILTER] = None,
    ) -> Connection[Supplier]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, SUPPLIER, params, first, after, builder(Supplier), last, before
        )

    @strawberry.field(
        description="A write Visma's background API runs, by its global id (a mutation's "
        "`backgroundJob.id`; `node(id:)` reads it too); null when Visma knows no such job."
    )
    async def background_job(self, info: Info, id: strawberry.ID) -> BackgroundJob | None:
        return await jobs.read(info, id)

    @strawberry.field(description="One supplier by number; null when it does not exist.")
    async def supplier(self, info: Info, number: Number) -> Supplier | None:
        record = await _record(info, SUPPLIER, number)
        return None if record is None else Supplier(_data=record)

    @strawberry.field(description="Supplier invoices of all suppliers, filtered and paged.")
    async def supplier_invoices(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[SupplierInvoiceFilter | None, FILTER] = None,
    ) -> Connection[SupplierInvoice]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, SUPPLIER_INVOICE, params, first, after, builder(SupplierInvoice), last, before
        )

    @strawberry.field(description="One supplier invoice; null when it does not exist.")
    async def supplier_invoice(
        self,
        info: Info,
        document_type: Annotated[
            SupplierInvoiceType, strawberry.argument(description="The invoice's document type.")
        ],
        number: Number,
    ) -> SupplierInvoice | None:
        record = await _record(info, SUPPLIER_INVOICE, sent(document_type, "documentType"), number)
        return None if record is None else SupplierInvoice(_data=record)

    @strawberry.field(description="Purchase orders of all suppliers, filtered and paged.")
    async def purchase_orders(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[PurchaseOrderFilter | None, FILTER] = None,
    ) -> Connection[PurchaseOrder]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, PURCHASE_ORDER, params, first, after, builder(PurchaseOrder), last, before
        )

    @strawberry.field(description="One purchase order; null when it does not exist.")
    async def purchase_order(self, info: Info, number: Number) -> PurchaseOrder | None:
        record = await _record(info, PURCHASE_ORDER, number)
        return None if record is None else PurchaseOrder(_data=record)

    @strawberry.field(description="Supplier payments, filtered and paged.")
    async def supplier_payments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[SupplierPaymentFilter | None, FILTER] = None,
    ) -> Connection[SupplierPayment]:
        params = filter.to_params() if filter else {}
        return await list_connection(
            info, SUPPLIER_PAYMENT, params, first, after, builder(SupplierPayment), last, before
        )

    @strawberry.field(description="One supplier payment; null when it does not exist.")
    async def supplier_payment(self, info: Info, number: Number) -> SupplierPayment | None:
        record = await _record(info, SUPPLIER_PAYMENT, number)
        return None if record is None else SupplierPayment(_data=record)


Query = strawberry.type(
    type(
        "Query",
        (HandWrittenQuery,),
        {
            **root_fields(
                ENGINE_TYPES,
                {
                    f.graphql_name or to_camel_case(f.python_name)
                    for f in HandWrittenQuery.__strawberry_definition__.fields  # type: ignore[attr-defined]
                },
            ),
            **node_fields(ENGINE_TYPES, other=jobs.read),
        },
    ),
    description="The root of every read.",
)
