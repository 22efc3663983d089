"""The Visma.net collections the gateway reads, and how their records are addressed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gateway.upstream.session import Item

RecordKey = tuple[str, ...]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def supplier_number(item: Item) -> str | None:
    """The number of the supplier an invoice, order, payment or balance belongs to."""
    supplier = item.get("supplier")
    return _text(supplier.get("number")) if isinstance(supplier, dict) else None


def _key(*fields: str) -> Callable[[Item], RecordKey | None]:
    def key(item: Item) -> RecordKey | None:
        values = tuple(_text(item.get(name)) for name in fields)
        return None if None in values else tuple(v for v in values if v is not None)

    return key


def _supplier_key(item: Item) -> RecordKey | None:
    number = supplier_number(item)
    return None if number is None else (number,)


@dataclass(frozen=True)
class Collection:
    """A list endpoint and the single-record endpoint of the same records.

    ``kind`` names the resource for cache TTLs and invalidation; ``paged`` is False for the
    few lists Visma answers whole.
    """

    kind: str
    path: str
    record_path: str
    record_key: Callable[[Item], RecordKey | None]
    paged: bool = True


SUPPLIERS = Collection("supplier", "/v1/supplier", "/v1/supplier/{}", _key("number"))
SUPPLIER_BALANCES = Collection(
    "supplierBalance", "/v1/supplier/balance", "/v1/supplier/{}/balance", _supplier_key, False
)
SUPPLIER_INVOICES = Collection(
    "supplierInvoice",
    "/v1/supplierInvoice",
    "/v1/supplierInvoice/{}/{}",
    _key("documentType", "referenceNumber"),
)
PURCHASE_ORDERS = Collection(
    "purchaseOrder", "/v1/purchaseorder", "/v1/purchaseorder/{}", _key("orderNbr")
)
SUPPLIER_PAYMENTS = Collection(
    "supplierPayment", "/v1/supplierPayment", "/v1/supplierPayment/{}", _key("refNbr")
)
