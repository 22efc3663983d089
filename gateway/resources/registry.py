"""Every declared resource, one line each; the gateway's resource tables are read from here."""

from __future__ import annotations

from gateway.resources.declaration import Resource
from gateway.resources.inventory_item import INVENTORY_ITEM
from gateway.resources.project import PROJECT
from gateway.resources.purchase_order import PURCHASE_ORDER
from gateway.resources.purchase_receipt import PURCHASE_RECEIPT
from gateway.resources.supplier import SUPPLIER
from gateway.resources.supplier_balance import SUPPLIER_BALANCE
from gateway.resources.supplier_invoice import SUPPLIER_INVOICE
from gateway.resources.supplier_location import SUPPLIER_LOCATION
from gateway.resources.supplier_payment import SUPPLIER_PAYMENT
from gateway.resources.warehouse import WAREHOUSE

RESOURCES: tuple[Resource, ...] = (
    SUPPLIER,
    SUPPLIER_BALANCE,
    SUPPLIER_INVOICE,
    PURCHASE_ORDER,
    SUPPLIER_PAYMENT,
    PROJECT,
    INVENTORY_ITEM,
    WAREHOUSE,
    SUPPLIER_LOCATION,
    PURCHASE_RECEIPT,
)

BY_NAME: dict[str, Resource] = {r.name: r for r in RESOURCES}
BY_KIND: dict[str, Resource] = {r.kind: r for r in RESOURCES}
