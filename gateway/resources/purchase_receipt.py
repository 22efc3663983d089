"""Purchase receipts: GET /v1/PurchaseReceipt, /v1/PurchaseReceipt/{receiptNumber}."""

from gateway.resources.declaration import Reference, Resource
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
    references=(
        Reference("supplier", "Supplier", (("supplier", "number"),), inline=SUPPLIER_SUMMARY),
    ),
)
