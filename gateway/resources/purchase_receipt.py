"""Purchase receipts: GET /v1/PurchaseReceipt, /v1/PurchaseReceipt/{receiptNumber}."""

from gateway.resources.declaration import (
    LineOf,
    ParentLink,
    Reference,
    Resource,
    Writes,
    line_references,
)
from gateway.resources.supplier_invoice import SUPPLIER_SUMMARY

PURCHASE_RECEIPT = Resource(
    name="PurchaseReceipt",
    kind="purchaseReceipt",
    dto="PurchaseReceiptDto",
    path="/v1/PurchaseReceipt",
    record_path="/v1/PurchaseReceipt/{}",
    key=("receiptNbr",),
    ttl=120,
    plural="purchaseReceipts",
    singular="purchaseReceipt",
    # A receipt names its orders on its lines: read per order, filtered by it.
    parents=(ParentLink("PurchaseOrder", "purchaseReceipts", None, param="poOrderNbr"),),
    writes=Writes(
        "PurchaseReceiptUpdateDto",
        required=("supplierId",),
        create_only=("receiptType", "receiptNbr"),
    ),
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
        Reference("warehouse", "Warehouse", (("warehouse", "id"),)),
        Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
        Reference("location", "SupplierLocation", (("supplier", "number"), ("location", "id"))),
        *line_references(
            "PurchaseReceiptLine",
            Reference("inventory", "InventoryItem", (("inventory", "number"),)),
            Reference("warehouse", "Warehouse", (("warehouse", "id"),)),
            Reference("branch", "Branch", (("branch", "number"),)),
            Reference("branchNumber", "Branch", (("branchNumber", "number"),)),
            Reference("taxCategory", "VatCategory", (("taxCategory", "number"),)),
            Reference("actualAccount", "Account", (("actualAccount", "number"),)),
            Reference("account", "Account", (("account", "number"),)),
            Reference("project", "Project", (("project", "id"),)),
            # The order a line receives, and the order's line, by their numbers alone:
            # fields of their own.
            Reference("purchaseOrder", "PurchaseOrder", (("poOrderNbr",),)),
            Reference(
                "purchaseOrderLine",
                "PurchaseOrder",
                (("poOrderNbr",),),
                line=LineOf("lines", "lineNbr", ("poOrderLineNbr",)),
            ),
        ),
    ),
)
