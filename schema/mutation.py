"""The root Mutation type: writes through ``gateway.writes``, each answered with the record
as it stands upstream after the write."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from gateway import paths
from gateway.collections import SUPPLIERS, Collection, RecordKey
from gateway.idempotency import Idempotency
from gateway.upstream import Item
from gateway.writes import Write, execute, read_fresh
from schema.context import Info
from schema.inputs.supplier import SupplierInput, supplier_dto
from schema.inputs.wire import DtoBuilder
from schema.types.supplier import Supplier

SUPPLIER_KINDS = ("supplier", "supplierBalance")

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


def _dto(name: str, value: Any, build: Any) -> tuple[dict[str, Any], dict[str, str]]:
    dto = DtoBuilder(name)
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
        store = Idempotency(
            session.upstream.cache,
            context.settings.idempotency_ttl,
            context.settings.upstream_timeout + 5,
        )
        arguments = {"path": write.path, "body": write.body, "ifMatch": write.if_match}
        key = await store.run(
            context.credentials.principal, mutation, idempotency_key, arguments, run
        )
    record = await read_fresh(session, write.collection, key)
    context.loaders.records(write.collection).prime(key, record, force=True)
    return record


def _created(
    collection: Collection,
    path: str,
    body: Any,
    fields: dict[str, str],
    kinds: tuple[str, ...],
    prefix: RecordKey = (),
) -> Write:
    return Write("POST", path, body, collection, kinds, key_prefix=prefix, fields=fields)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Create a supplier (POST /v1/supplier).")
    async def create_supplier(
        self,
        info: Info,
        input: SupplierInput,
        idempotency_key: IdempotencyKey = None,
    ) -> SupplierPayload:
        body, fields = _dto("input", input, supplier_dto)
        write = _created(SUPPLIERS, SUPPLIERS.path, body, fields, SUPPLIER_KINDS)
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
        body, fields = _dto("input", input, supplier_dto)
        path = paths.build(SUPPLIERS.record_path, number)
        write = Write(
            "PUT",
            path,
            body,
            SUPPLIERS,
            SUPPLIER_KINDS,
            key=(number,),
            if_match=expected_timestamp,
            fields=fields,
        )
        record = await write_and_read(info, "updateSupplier", write, idempotency_key)
        return SupplierPayload(supplier=Supplier.from_dto(record))
