"""Read routes of the resources the gateway declares, taken from ``gateway.resources``.

Each declared :class:`~gateway.resources.declaration.Resource` brings its list path, record
path and key; :data:`SOURCES` adds, by the resource's ``kind``, only what the simulator alone
knows: where the records live, which list parameters filter them and how one record is looked
up (Visma's typed lookups compare the type without case). A declaration without a source here
is left to the other route tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.responses import Response

from gateway.resources.declaration import Resource
from gateway.simulator.errors import not_found
from gateway.simulator.filters import Filter, Record, apply
from gateway.simulator.paths import PathPattern
from gateway.simulator.responses import OrjsonResponse, etag
from gateway.simulator.store import (
    BALANCE_FILTERS,
    INVOICES,
    ORDERS,
    PAYMENTS,
    SUPPLIERS,
    CompanyStore,
    page_of,
    read_page,
)

if TYPE_CHECKING:
    from gateway.simulator.endpoints import Call, Handler

Key = tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """The simulator's side of one declared resource.

    ``label`` names the resource in a 404; ``find`` looks one record up by the path values of
    the record path, in the order of the declaration's key; ``etag`` says whether a record
    answer carries its ``timeStamp`` as ETag, as Visma's GET-by-id does for documents;
    ``of_supplier``, when given, lists one supplier's records from an index, so that a list
    filtered by ``supplier`` does not scan the others (a big company's would take a while).
    """

    label: str
    records: Callable[[CompanyStore], list[Record]]
    find: Callable[[CompanyStore, Key], Record | None]
    filters: tuple[Filter, ...] = ()
    etag: bool = True
    of_supplier: Callable[[CompanyStore, str], list[Record]] | None = None


def of_type(record: Record | None, field: str, wanted: str) -> Record | None:
    """``record`` when its type (compared without case, as Visma's paths are) is ``wanted``."""
    if record is None or str(record[field]).lower() != wanted.lower():
        return None
    return record


SOURCES: dict[str, Source] = {
    "supplier": Source(
        "Supplier",
        lambda store: store.data.suppliers,
        lambda store, key: store.supplier(key[0]),
        SUPPLIERS.filters,
    ),
    "supplierBalance": Source(
        "Supplier",
        lambda store: store.data.supplier_balances,
        lambda store, key: store.balance(key[0]),
        BALANCE_FILTERS,
        etag=False,
    ),
    "supplierPoBalance": Source(
        "Supplier",
        lambda store: store.data.po_balances,
        lambda store, key: store.po_balance(key[0]),
        BALANCE_FILTERS,
        etag=False,
    ),
    "supplierInvoice": Source(
        "Supplier invoice",
        lambda store: store.data.invoices,
        lambda store, key: of_type(store.invoice(key[1]), "documentType", key[0]),
        INVOICES.filters,
        of_supplier=lambda store, number: store.invoices_of(number),
    ),
    "purchaseOrder": Source(
        "Purchase order",
        lambda store: store.data.purchase_orders,
        lambda store, key: store.order(key[0]),
        ORDERS.filters,
    ),
    "supplierPayment": Source(
        "Supplier payment",
        lambda store: store.data.payments,
        lambda store, key: store.payment(key[0]),
        PAYMENTS.filters,
    ),
}


def list_page(
    call: Call, resource: str, filters: Sequence[Filter], records: list[Record]
) -> Response:
    """A paged list answer: filtered, paged (with ``metadata`` unless configured off) and
    with the configured overrides of ``resource`` laid over each item."""
    limit = call.config.page_limit(resource)
    page = read_page(call.params, limit)
    matching = apply(filters, call.params, records)
    items = page_of(matching, page, limit, call.config.serves_metadata(resource))
    overrides = call.config.overrides(resource)
    if overrides:
        metadata = overrides.get("metadata", {})
        fields = {name: value for name, value in overrides.items() if name != "metadata"}
        items = [
            {**item, **fields, "metadata": {**item.get("metadata", {}), **metadata}}
            for item in items
        ]
    return OrjsonResponse(items)


def _list_handler(resource: Resource, source: Source) -> Handler:
    def handle(call: Call) -> Response:
        supplier = call.params.get("supplier")
        if supplier is not None and source.of_supplier is not None:
            records = source.of_supplier(call.store, supplier)
        else:
            records = source.records(call.store)
        if not resource.paged:
            return OrjsonResponse(apply(source.filters, call.params, records))
        return list_page(call, resource.kind, source.filters, records)

    return handle


def _record_handler(resource: Resource, source: Source) -> Handler:
    def handle(call: Call) -> Response:
        key = tuple(call.path[name] for name in resource.key)
        record = source.find(call.store, key)
        if record is None:
            raise not_found(source.label, key[-1])
        headers = etag(record["timeStamp"]) if source.etag else None
        return OrjsonResponse(record, headers=headers)

    return handle


def record_template(resource: Resource) -> str:
    """The record path with each ``{}`` named after its key field: ``v1/supplier/{number}``."""
    parts = resource.single_path.lstrip("/").split("{}")
    if len(parts) != len(resource.key) + 1:
        raise ValueError(f"{resource.name}: the record path and key differ in length")
    named = [f"{part}{{{name}}}" for part, name in zip(parts, resource.key, strict=False)]
    return "".join(named) + parts[-1]


def declared_routes(resources: Iterable[Resource]) -> Iterator[tuple[PathPattern, Handler]]:
    """The list and record route of every declared resource the simulator has a source for."""
    for resource in resources:
        source = SOURCES.get(resource.kind)
        if source is None or resource.record_path is None:
            continue
        yield PathPattern(resource.path.lstrip("/")), _list_handler(resource, source)
        yield PathPattern(record_template(resource)), _record_handler(resource, source)
