"""The root Mutation type: writes through ``gateway.upstream.writes``, each answered with the record
as it stands upstream after the write."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from gateway.resources.declaration import RecordKey
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.upstream import paths
from gateway.upstream.session import Item
from gateway.upstream.writes import Write, execute, read_fresh
from schema.context import Info
from schema.inputs.documents import (
    PurchaseOrderInput,
    SupplierInvoiceInput,
    SupplierPaymentInput,
    invoice_dto,
    order_dto,
    payment_dto,
)
from schema.inputs.supplier import SupplierInput, supplier_dto
from schema.inputs.wire import DtoBuilder
from schema.types.enums import SupplierInvoiceType, SupplierPaymentType, sent
from schema.types.invoice import SupplierInvoice
from schema.types.payment import SupplierPayment
from schema.types.purchase_order import PurchaseOrder
from schema.types.supplier import Supplier

# What each write makes stale for the tenant: the record's kind and those its declaration
# says follow it (the supplier's nested lists are read per kind, so they are covered too).
SUPPLIER_KINDS = (SUPPLIER.kind, *SUPPLIER.invalidates)
INVOICE_KINDS = (SUPPLIER_INVOICE.kind, *SUPPLIER_INVOICE.invalidates)
ORDER_KINDS = (PURCHASE_ORDER.kind, *PURCHASE_ORDER.invalidates)
PAYMENT_KINDS = (SUPPLIER_PAYMENT.kind, *SUPPLIER_PAYMENT.invalidates)

IdempotencyKey = Annotated[
    str | None,
    strawberry.argument(
        description="Repeating a mutation with the same key (and token) within the configured "
        "window returns the first outcome without writing again."
    ),
]
ExpectedTimestamp = Annotated[
    str | None,
    strawberry.argument(
        description="The record's timeStamp as last read; the write fails with CONFLICT if "
        "the record has changed since."
    ),
]


@strawberry.type
class SupplierPayload:
    supplier: Supplier


@strawberry.type
class SupplierInvoicePayload:
    invoice: SupplierInvoice


@strawberry.type
class PurchaseOrderPayload:
    purchase_order: PurchaseOrder


@strawberry.type
class SupplierPaymentPayload:
    payment: SupplierPayment


def _dto(
    value: Any, build: Any, *required: tuple[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    dto = DtoBuilder("input")
    for name, given in required:
        dto.require(name, given)
    build(value, dto)
    return dto.body, dto.fields


async def write_and_read(
    info: Info, mutation: str, write: Write, idempotency_key: str | None
) -> Item:
    """Run ``write`` (once per idempotency key) and read the written record back fresh."""
    context = info.context
    session = context.upstream

    async def run() -> RecordKey:
        return await execute(session, write)

    if idempotency_key is None:
        key = await run()
    else:
        arguments = {"path": write.path, "body": write.body, "ifMatch": write.if_match}
        key = await context.idempotency.run(
            context.credentials.principal, mutation, idempotency_key, arguments, run
        )
    record = await read_fresh(session, write.collection, key)
    context.loaders.records(write.collection).prime(key, record, force=True)
    return record


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a supplier (POST /v1/supplier).")
    async def create_supplier(
        self,
        info: Info,
        input: SupplierInput,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierPayload:
        body, fields = _dto(input, supplier_dto)
        write = Write("POST", SUPPLIER.path, body, SUPPLIER, SUPPLIER_KINDS, fields=fields)
        record = await write_and_read(info, "createSupplier", write, idempotency_key)
        return SupplierPayload(supplier=Supplier.from_dto(record))

    @strawberry.mutation(description="Change a supplier (PUT /v1/supplier/{number}).")
    async def update_supplier(
        self,
        info: Info,
        number: str,
        input: SupplierInput,
        expected_timestamp: ExpectedTimestamp = None,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierPayload:
        body, fields = _dto(input, supplier_dto)
        path = paths.build(SUPPLIER.record_path, number)
        write = Write(
            "PUT",
            path,
            body,
            SUPPLIER,
            SUPPLIER_KINDS,
            key=(number,),
            if_match=expected_timestamp,
            fields=fields,
        )
        record = await write_and_read(info, "updateSupplier", write, idempotency_key)
        return SupplierPayload(supplier=Supplier.from_dto(record))

    @strawberry.mutation(description="Create a supplier invoice (POST /v1/supplierInvoice).")
    async def create_supplier_invoice(
        self, info: Info, input: SupplierInvoiceInput, idempotency_key: IdempotencyKey = None
    ) -> SupplierInvoicePayload:
        body, fields = _dto(input, invoice_dto, ("supplierNumber", input.supplier_number))
        document_type = input.document_type or SupplierInvoiceType.INVOICE
        write = Write(
            "POST",
            SUPPLIER_INVOICE.path,
            body,
            SUPPLIER_INVOICE,
            INVOICE_KINDS,
            key_prefix=(document_type.value,),
            fields=fields,
        )
        record = await write_and_read(info, "createSupplierInvoice", write, idempotency_key)
        return SupplierInvoicePayload(invoice=SupplierInvoice.from_dto(record))

    @strawberry.mutation(description="Change an unreleased supplier invoice and its lines.")
    async def update_supplier_invoice(
        self,
        info: Info,
        document_type: SupplierInvoiceType,
        number: str,
        input: SupplierInvoiceInput,
        expected_timestamp: ExpectedTimestamp = None,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierInvoicePayload:
        body, fields = _dto(input, invoice_dto)
        key = (document_type.value, number)
        write = Write(
            "PUT",
            paths.build(SUPPLIER_INVOICE.record_path, *key),
            body,
            SUPPLIER_INVOICE,
            INVOICE_KINDS,
            key=key,
            if_match=expected_timestamp,
            fields=fields,
        )
        record = await write_and_read(info, "updateSupplierInvoice", write, idempotency_key)
        return SupplierInvoicePayload(invoice=SupplierInvoice.from_dto(record))

    @strawberry.mutation(description="Release a supplier invoice, making it open for payment.")
    async def release_supplier_invoice(
        self,
        info: Info,
        document_type: SupplierInvoiceType,
        number: str,
        expected_timestamp: ExpectedTimestamp = None,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierInvoicePayload:
        key = (document_type.value, number)
        write = Write(
            "POST",
            paths.build("/v1/supplierInvoice/{}/{}/action/release", *key),
            None,
            SUPPLIER_INVOICE,
            INVOICE_KINDS,
            key=key,
            if_match=expected_timestamp,
        )
        record = await write_and_read(info, "releaseSupplierInvoice", write, idempotency_key)
        return SupplierInvoicePayload(invoice=SupplierInvoice.from_dto(record))

    @strawberry.mutation(description="Create a purchase order (POST /v1/purchaseorder).")
    async def create_purchase_order(
        self, info: Info, input: PurchaseOrderInput, idempotency_key: IdempotencyKey = None
    ) -> PurchaseOrderPayload:
        body, fields = _dto(input, order_dto, ("supplierNumber", input.supplier_number))
        write = Write("POST", PURCHASE_ORDER.path, body, PURCHASE_ORDER, ORDER_KINDS, fields=fields)
        record = await write_and_read(info, "createPurchaseOrder", write, idempotency_key)
        return PurchaseOrderPayload(purchase_order=PurchaseOrder.from_dto(record))

    @strawberry.mutation(description="Change a purchase order and its lines.")
    async def update_purchase_order(
        self,
        info: Info,
        number: str,
        input: PurchaseOrderInput,
        expected_timestamp: ExpectedTimestamp = None,
        idempotency_key: IdempotencyKey = None,
    ) -> PurchaseOrderPayload:
        body, fields = _dto(input, order_dto)
        write = Write(
            "PUT",
            paths.build(PURCHASE_ORDER.record_path, number),
            body,
            PURCHASE_ORDER,
            ORDER_KINDS,
            key=(number,),
            if_match=expected_timestamp,
            fields=fields,
        )
        record = await write_and_read(info, "updatePurchaseOrder", write, idempotency_key)
        return PurchaseOrderPayload(purchase_order=PurchaseOrder.from_dto(record))

    @strawberry.mutation(description="Create a supplier payment (POST /v1/supplierPayment).")
    async def create_supplier_payment(
        self, info: Info, input: SupplierPaymentInput, idempotency_key: IdempotencyKey = None
    ) -> SupplierPaymentPayload:
        body, fields = _dto(input, payment_dto, ("supplierNumber", input.supplier_number))
        write = Write(
            "POST", SUPPLIER_PAYMENT.path, body, SUPPLIER_PAYMENT, PAYMENT_KINDS, fields=fields
        )
        record = await write_and_read(info, "createSupplierPayment", write, idempotency_key)
        return SupplierPaymentPayload(payment=SupplierPayment.from_dto(record))

    @strawberry.mutation(description="Release a supplier payment, applying it to its documents.")
    async def release_supplier_payment(
        self,
        info: Info,
        number: str,
        type: SupplierPaymentType = SupplierPaymentType.PAYMENT,
        expected_timestamp: ExpectedTimestamp = None,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierPaymentPayload:
        write = Write(
            "POST",
            paths.build("/v1/supplierPayment/{}/action/release", number),
            {"type": {"value": sent(type, "type")}},
            SUPPLIER_PAYMENT,
            PAYMENT_KINDS,
            key=(number,),
            if_match=expected_timestamp,
        )
        record = await write_and_read(info, "releaseSupplierPayment", write, idempotency_key)
        return SupplierPaymentPayload(payment=SupplierPayment.from_dto(record))
