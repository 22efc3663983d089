"""Purchase orders: GET /v1/purchaseorder, /v1/purchaseorder/{orderNbr}."""

from gateway.resources.declaration import (
    Alias,
    ParentLink,
    Reference,
    Resource,
    Writes,
    line_references,
)
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

PURCHASE_ORDER = Resource(
    name="PurchaseOrder",
    kind="purchaseOrder",
    dto="PurchaseOrderDto",
    path="/v1/purchaseorder",
    record_path="/v1/purchaseorder/{}",
    key=("orderNbr",),
    ttl=120,
    plural="purchaseOrders",
    singular="purchaseOrder",
    parents=(ParentLink("Supplier", "purchaseOrders", ("supplier", "number"), param="supplier"),),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
        Reference("warehouse", "Warehouse", (("warehouse", "id"),)),
        Reference("terms", "CreditTerm", (("terms", "id"),)),
        Reference("supplierVatZone", "VatZone", (("supplierVatZone", "id"),)),
        Reference("branch", "Branch", (("branch", "number"),)),
        Reference("location", "SupplierLocation", (("supplier", "number"), ("location", "id"))),
        *line_references(
            "PurchaseOrderLine",
            Reference("inventory", "InventoryItem", (("inventory", "number"),)),
            Reference("warehouse", "Warehouse", (("warehouse", "id"),)),
            Reference("branch", "Branch", (("branch", "number"),)),
            Reference("account", "Account", (("account", "number"),)),
            Reference("sub", "Subaccount", (("sub", "subaccountNumber"),)),
            Reference("project", "Project", (("project", "id"),)),
            Reference("taxCategory", "VatCategory", (("taxCategory", "number"),)),
        ),
    ),
    writes=Writes(
        "PurchaseOrderUpdateDto",
        required=("supplier",),
        create_only=("orderType", "orderNumber"),
        key_fields=("orderNumber",),
    ),
    events=("purchaseorder",),
    invalidates=("supplierPoBalance",),
    aliases=(
        Alias("PurchaseOrder", "orderNumber", "orderNbr"),
        Alias("PurchaseOrderLine", "lineNumber", "lineNbr"),
        Alias("PurchaseOrderLine", "description", "lineDescription"),
        Alias("PurchaseOrderLine", "quantity", "orderQty"),
    ),
)
