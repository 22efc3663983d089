"""The root Subscription type: records of the subscriber's company as webhooks announce them.

Each event is the changed record read again with the subscriber's own token (a fresh upstream
session per event; the webhook bumped the cache generations, so the read is fresh and Visma's
permissions apply). When that read fails, the event carries the error instead, and the
subscription goes on. Changes that name no record (the webhook did not say which) are not
delivered: there is nothing to read.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from typing import Annotated, Any

import strawberry

from gateway.errors import GatewayError
from gateway.events.notifications import Change
from gateway.resources.declaration import Resource
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.registry import BY_NAME
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.upstream import paths
from gateway.upstream.batching import Loaders
from gateway.upstream.session import Item, UpstreamSession
from schema.context import Info
from schema.engine import builder
from schema.jobs import JOB_ID, BackgroundJob, job_changes
from schema.records import ENGINE_TYPES, PurchaseOrder, Supplier, SupplierInvoice


async def _read(session: UpstreamSession, resource: Resource, change: Change) -> Item | None:
    key = change.key or ()
    if len(key) < resource.key_parts:
        # The webhook named the last key part only (an invoice's number without its type);
        # Visma reads the record by that part too.
        path = paths.build(resource.path + "/{}", key[-1])
        record: Item | None = await session.get(resource.kind, path)
        return record
    return await Loaders(session).records(resource).load(key)


async def _events(
    info: Info, resource: Resource, number: str | None, from_dto: Callable[[Item], Any]
) -> AsyncGenerator[Any, None]:
    """The re-read records of ``resource`` changes of the subscriber's tenant, or the error of
    a failed read (graphql-core reports a yielded exception as that event's error)."""
    context = info.context
    metrics = context.upstream.upstream.metrics
    async with context.broker.subscribe(context.credentials.tenant) as queue:
        while True:
            change = await queue.get()
            if change.entity != resource.kind or not change.key:
                continue
            if number is not None and change.key[-1] != number:
                continue
            session = context.upstream.upstream.session(context.credentials)
            try:
                record = await _read(session, resource, change)
            except GatewayError as error:
                metrics.subscription_events.labels("failed").inc()
                yield error
                continue
            metrics.subscription_events.labels("delivered").inc()
            yield None if record is None else from_dto(record)


_NUMBER = strawberry.argument(description="Only the changes of the record with this number.")


def _changed_field(resource: Resource, kind: type[Any]) -> Any:
    """The declared ``subscription`` of an engine-built resource."""

    async def subscribe(info: Info, number: str | None = None) -> AsyncGenerator[Any, None]:
        async for event in _events(info, resource, number, lambda record: kind(_data=record)):
            yield event

    subscribe.__annotations__ = {
        "info": Info,
        "number": Annotated[str | None, _NUMBER],
        "return": AsyncGenerator[kind | None, None],  # type: ignore[valid-type]
    }
    announced = ", ".join(resource.events)
    return strawberry.subscription(
        resolver=subscribe,
        description=f"A {resource.name} of your company after each change Visma announces "
        f"({announced} events); only the one with `number` (the last part of its key) "
        "when given.",
    )


@strawberry.type
class HandWrittenSubscription:
    @strawberry.subscription(
        description="A supplier of your company as it is after each change Visma announces "
        "(Supplier Created/Changed/Updated); only the one with `number` when given."
    )
    async def supplier_changed(
        self, info: Info, number: Annotated[str | None, _NUMBER] = None
    ) -> AsyncGenerator[Supplier | None, None]:
        async for event in _events(info, SUPPLIER, number, builder(Supplier)):
            yield event

    @strawberry.subscription(
        description="A purchase order of your company after each change Visma announces "
        "(Purchase Order Changed / Status Changed); only the one with `number` when given."
    )
    async def purchase_order_changed(
        self, info: Info, number: Annotated[str | None, _NUMBER] = None
    ) -> AsyncGenerator[PurchaseOrder | None, None]:
        async for event in _events(info, PURCHASE_ORDER, number, builder(PurchaseOrder)):
            yield event

    @strawberry.subscription(
        description="A supplier invoice of your company after each status change Visma "
        "announces (AP Invoice Status Changed); only the one with `number` when given."
    )
    async def supplier_invoice_status_changed(
        self, info: Info, number: Annotated[str | None, _NUMBER] = None
    ) -> AsyncGenerator[SupplierInvoice | None, None]:
        async for event in _events(info, SUPPLIER_INVOICE, number, builder(SupplierInvoice)):
            yield event

    @strawberry.subscription(
        description="A background job (a mutation's `backgroundJob`) each time Visma "
        "reports it in another state, until it has finished; then its `record` is the record "
        "it wrote. Visma is asked once a second, each ask one call of the hourly budget."
    )
    async def background_job_changed(
        self, info: Info, id: Annotated[strawberry.ID, JOB_ID]
    ) -> AsyncGenerator[BackgroundJob | None, None]:
        async for event in job_changes(info, id):
            yield event


Subscription = strawberry.type(
    type(
        "Subscription",
        (HandWrittenSubscription,),
        {
            resource.subscription: _changed_field(resource, kind)
            for name, kind in ENGINE_TYPES.items()
            if (resource := BY_NAME[name]).subscription
        },
    ),
    description="Changes of your company's records, as Visma.net announces them.",
)
